// `kspec lint [paths]`: every feature under the paths (default features/), checked against the step library.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadStepLibrary } from './cucumber-run';
import { featureFiles } from './steps-command';
import { phraseOf } from './catalogue';
import { lintFeature, problemsText } from './lint';
import { lintCheckers } from './lint-manifests';
import { UsageError } from './errors';
import { livePlan, planText } from './live-plan';

export async function lintCommand(cwd: string, paths: string[], opts: { target?: string } = {}): Promise<number> {
  const targets = (paths.length ? paths : ['features']).map((p) => path.resolve(cwd, p));
  for (const t of targets)
    if (!fs.existsSync(t)) throw new UsageError(`no such feature file or folder: ${path.relative(cwd, t)}`);
  if (opts.target !== undefined) {
    if (opts.target !== 'live') throw new UsageError(`--target takes "live", not "${opts.target}"`);
    process.stdout.write(planText((await livePlan(cwd, paths)).plan));
    return 0;
  }
  const files = targets.flatMap((t) => (fs.statSync(t).isDirectory() ? featureFiles([t]) : [t]));
  const library = await loadStepLibrary(cwd);
  const definitions = library.stepDefinitions;
  const ctx = {
    phrases: definitions.map((d) => phraseOf(d.pattern)),
    matching: (text: string) =>
      definitions.filter((d) => d.expression.match(text) !== null).map((d) => phraseOf(d.pattern)),
    ...lintCheckers(),
  };
  const problems = files.flatMap((f) => lintFeature(fs.readFileSync(f, 'utf8'), path.relative(cwd, f) || f, ctx));
  process.stdout.write(problemsText(problems, files.length));
  return problems.length ? 1 : 0;
}
