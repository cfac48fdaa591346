// `kspec labs [dir]`: the labs of a curriculum, each with its checkpoints, points and title, for a learner
// choosing one (`kspec check <lab> --solution <dir>` grades it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AstBuilder, GherkinClassicTokenMatcher, Parser, compile } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import { labsIn } from './curriculum-command';
import { featureFiles } from './steps-command';
import { tagsOf } from './grade';
import { KSPEC_ROOT } from './root';

export interface LabSummary {
  name: string;
  title: string;
  checkpoints: number;
  points: number;
  pending: boolean;
}

/** A lab's checkpoints and points, read from its features as the grader counts them (one per scenario, `@points:N`). */
export function labSummary(lab: string): LabSummary {
  let checkpoints = 0,
    points = 0;
  for (const file of featureFiles([path.join(lab, 'checkpoints')])) {
    const doc = new Parser(new AstBuilder(IdGenerator.incrementing()), new GherkinClassicTokenMatcher()).parse(
      fs.readFileSync(file, 'utf8'),
    );
    for (const pickle of compile(doc, file, IdGenerator.incrementing())) {
      checkpoints++;
      points += tagsOf(
        pickle.tags.map((t) => t.name),
        `${file} "${pickle.name}"`,
      ).points;
    }
  }
  const readme = path.join(lab, 'README.md');
  const title = fs.existsSync(readme)
    ? (
        fs
          .readFileSync(readme, 'utf8')
          .split('\n')
          .find((l) => l.trim()) ?? ''
      ).replace(/^#+\s*/, '')
    : '';
  return { name: path.basename(lab), title, checkpoints, points, pending: fs.existsSync(path.join(lab, 'PENDING')) };
}

export function labsText(labs: LabSummary[]): string {
  const width = Math.max(...labs.map((l) => l.name.length), 3);
  const rows = labs.map(
    (l) =>
      `${l.name.padEnd(width)}  ${String(l.points).padStart(3)} points  ${String(l.checkpoints).padStart(2)} checkpoints  ${l.title}${l.pending ? ' (pending: not gradable yet)' : ''}`,
  );
  return `${rows.join('\n')}\n\nGrade a solution: kspec check <lab> --solution <dir>\n`;
}

export function labsCommand(cwd: string, dir?: string, opts: { json?: boolean } = {}): number {
  const root = dir
    ? path.resolve(cwd, dir)
    : fs.existsSync(path.join(cwd, 'curriculum'))
      ? path.join(cwd, 'curriculum')
      : path.join(KSPEC_ROOT, 'curriculum');
  const labs = labsIn(root).map(labSummary);
  process.stdout.write(opts.json ? JSON.stringify(labs, null, 2) + '\n' : labsText(labs));
  return 0;
}
