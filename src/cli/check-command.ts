// `kspec check <lab> --solution <dir> [--json]`: grades a learner's solution with the lab's checkpoints.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runFeatures, type SupportLibrary } from './cucumber-run';
import { Grader, type Grade, gradeText } from './grade';
import { UsageError } from './errors';
import { KSPEC_ROOT } from './root';
import { findSolution } from './solution';

/** A lab by path, or by name (or the name without its number) under the suite's or kspec's curriculum/. */
export function resolveLab(lab: string, cwd: string): string {
  const candidates = [
    path.resolve(cwd, lab),
    path.join(cwd, 'curriculum', lab),
    path.join(KSPEC_ROOT, 'curriculum', lab),
  ];
  for (const root of [path.join(cwd, 'curriculum'), path.join(KSPEC_ROOT, 'curriculum')]) {
    if (fs.existsSync(root))
      candidates.push(
        ...fs
          .readdirSync(root)
          .filter((d) => d.replace(/^\d+-/, '') === lab)
          .map((d) => path.join(root, d)),
      );
  }
  const found = candidates.find((c) => fs.existsSync(path.join(c, 'checkpoints')));
  if (!found)
    throw new UsageError(
      `no lab "${lab}": a lab is a folder with a checkpoints/ folder of features (see \`kspec check --help\`)`,
    );
  return found;
}

/** `world`: more world parameters (a lab session's seed and start, lab-session.ts). */
export async function gradeLab(
  labDir: string,
  solution: string,
  support?: SupportLibrary,
  world: Record<string, unknown> = {},
): Promise<{ grade: Grade; support: SupportLibrary }> {
  // a solution that is not there or holds nothing to run is bad input (exit 2), not a score of 0
  try {
    findSolution(solution);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const grader = new Grader();
  // the World reads manifests relative to the process's folder, and seeds each scenario by its path from there:
  // running from the lab's folder gives the same names and IPs wherever kspec is started
  const back = process.cwd();
  process.chdir(labDir);
  try {
    const run = await runFeatures(
      {
        cwd: labDir,
        paths: ['checkpoints'],
        quiet: true,
        worldParameters: { ...world, solution: path.resolve(back, solution) },
      },
      (e) => grader.add(e),
      support,
    );
    return { grade: grader.grade(path.basename(labDir)), support: run.support };
  } finally {
    process.chdir(back);
  }
}

export async function checkCommand(
  cwd: string,
  lab: string,
  opts: { solution?: string; json?: boolean },
): Promise<number> {
  if (!opts.solution) throw new UsageError('which solution? `kspec check <lab> --solution <dir>`');
  const { grade } = await gradeLab(resolveLab(lab, cwd), path.resolve(cwd, opts.solution));
  process.stdout.write(opts.json ? JSON.stringify(grade, null, 2) + '\n' : gradeText(grade));
  return grade.score === grade.total ? 0 : 1;
}
