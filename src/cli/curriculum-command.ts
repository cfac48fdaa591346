// `kspec curriculum [dir]`: grades every lab's reference solution (it must score full marks) and each wrong
// solution (`wrong*/`, whose `expected.json` gives the score and the hint of each checkpoint it fails), so CI
// proves the checkpoints and their hints. A lab with a PENDING file waits for the model and is skipped.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gradeLab } from './check-command';
import type { Grade } from './grade';
import type { SupportLibrary } from './cucumber-run';
import { UsageError } from './errors';
import { KSPEC_ROOT } from './root';

export interface Expected {
  score: number;
  hints: Record<string, string | null>;
}

/** What differs between a grade and what the author expects of it (nothing for the reference: full marks). */
export function gradeProblems(grade: Grade, expected?: Expected): string[] {
  const failed = grade.checkpoints.filter((c) => !c.passed);
  if (!expected) {
    return failed.map((c) => `the reference solution fails "${c.name}": ${c.found ?? ''}`);
  }
  const problems: string[] = [];
  if (grade.score !== expected.score)
    problems.push(`expected a score of ${expected.score}, got ${grade.score}/${grade.total}`);
  for (const c of failed) {
    if (!(c.name in expected.hints))
      problems.push(`"${c.name}" fails, which expected.json does not expect: ${c.found ?? ''}`);
    else if ((expected.hints[c.name] ?? undefined) !== c.hint)
      problems.push(
        `"${c.name}" shows the hint ${JSON.stringify(c.hint ?? null)}, expected ${JSON.stringify(expected.hints[c.name])}`,
      );
  }
  for (const name of Object.keys(expected.hints)) {
    if (!grade.checkpoints.some((c) => c.name === name))
      problems.push(`expected.json names "${name}", which is no checkpoint of this lab`);
    else if (!failed.some((c) => c.name === name))
      problems.push(`"${name}" passes, but expected.json expects it to fail`);
  }
  return problems;
}

export function readExpected(file: string): Expected {
  let data: any;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
  if (typeof data?.score !== 'number' || typeof data?.hints !== 'object' || data.hints === null) {
    throw new UsageError(`${file}: expected {"score": <number>, "hints": {"<checkpoint>": "<hint shown>"}}`);
  }
  return data as Expected;
}

export function labsIn(dir: string): string[] {
  if (!fs.existsSync(dir)) throw new UsageError(`no curriculum folder at ${dir}`);
  return fs
    .readdirSync(dir)
    .sort()
    .map((d) => path.join(dir, d))
    .filter((d) => fs.existsSync(path.join(d, 'checkpoints')));
}

export async function curriculumCommand(cwd: string, dir?: string): Promise<number> {
  const root = dir
    ? path.resolve(cwd, dir)
    : fs.existsSync(path.join(cwd, 'curriculum'))
      ? path.join(cwd, 'curriculum')
      : path.join(KSPEC_ROOT, 'curriculum');
  let passed = 0,
    failed = 0;
  let support: SupportLibrary | undefined;
  for (const lab of labsIn(root)) {
    const name = path.basename(lab);
    if (fs.existsSync(path.join(lab, 'PENDING'))) {
      process.stdout.write(`skip  ${name}: ${fs.readFileSync(path.join(lab, 'PENDING'), 'utf8').trim()}\n`);
      continue;
    }
    const solutions = fs
      .readdirSync(lab)
      .filter((d) => d === 'solution' || d.startsWith('wrong'))
      .sort();
    if (!solutions.includes('solution')) {
      failed++;
      process.stdout.write(`FAIL  ${name}: no reference solution/ folder\n`);
      continue;
    }
    for (const s of solutions) {
      const expected = s === 'solution' ? undefined : readExpected(path.join(lab, s, 'expected.json'));
      const graded = await gradeLab(lab, path.join(lab, s), support);
      support = graded.support;
      const problems = gradeProblems(graded.grade, expected);
      const score = `${graded.grade.score}/${graded.grade.total}`;
      if (problems.length) {
        failed++;
        process.stdout.write(
          `FAIL  ${name} ${s} (${score})\n${problems.map((p) => `        ${p.replace(/\n/g, '\n        ')}`).join('\n')}\n`,
        );
      } else {
        passed++;
        process.stdout.write(`ok    ${name} ${s} (${score})\n`);
      }
    }
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed ? 1 : 0;
}
