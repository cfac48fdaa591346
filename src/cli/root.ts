// Where kspec lives (a git checkout or node_modules/kspec) and what a run loads from it: kspec's step library,
// plus the suite's own steps/ when the suite is another project.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const KSPEC_ROOT = path.resolve(__dirname, '..', '..');

/** The step library and support code for features run from `cwd`. */
export function supportPaths(cwd: string): string[] {
  const paths = [path.join(KSPEC_ROOT, 'steps', '**', '*.ts')];
  const own = path.join(cwd, 'steps');
  if (path.resolve(cwd) !== KSPEC_ROOT && fs.existsSync(own)) paths.push(path.join(own, '**', '*.{ts,js}'));
  return paths;
}

/** The module that compiles TypeScript on require (with a cache): kspec's own, so a suite need not install one. */
export const TS_REGISTER = path.join(KSPEC_ROOT, 'src', 'register.js');

/** kspec's Cucumber formatter: progress, a closing summary and "did you mean" for undefined steps. */
export const KSPEC_FORMATTER = path.join(KSPEC_ROOT, 'src', 'report', 'formatter.js');
