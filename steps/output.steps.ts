// Commands and their output: exit status, error text, and standard output.
import { Then } from '@cucumber/cucumber';
import { KspecWorld } from './world';
import type { CommandResult } from '../src/cluster';
import { normaliseOutput, firstDifferentLine } from '../src/assert/output';

const block = (text: string) => (text ? text.replace(/\n+$/, '').split('\n').map((l) => `    ${l}`).join('\n') : '    (empty)');

function shown(r: CommandResult): string {
  return `  $ ${r.command}\n  exit status ${r.exitCode}\n  standard output:\n${block(r.stdout)}\n  error output:\n${block(r.stderr)}`;
}

// The last command exited 0; e.g. `Then the command succeeds`
Then('the command succeeds', function (this: KspecWorld) {
  const r = this.lastResult();
  if (r.exitCode !== 0) throw new Error(`expected the command to succeed, but it failed:\n${shown(r)}`);
});

// The last command exited non-zero; e.g. `Then the command fails`
Then('the command fails', function (this: KspecWorld) {
  const r = this.lastResult();
  if (r.exitCode === 0) throw new Error(`expected the command to fail, but it succeeded:\n${shown(r)}`);
});

// The last command's exit status; e.g. `Then the exit status is 3` (kubectl run -i exits with the container's code)
Then('the exit status is {int}', function (this: KspecWorld, code: number) {
  const r = this.lastResult();
  if (r.exitCode !== code) throw new Error(`expected exit status ${code}:\n${shown(r)}`);
});

// Standard error equals the docstring, whether the command failed or not (kubectl's notices); e.g. `Then the error output is:` and a line
Then('the error output is:', function (this: KspecWorld, expected: string) {
  const r = this.lastResult();
  if (r.stderr.replace(/\s+$/, '') !== expected.replace(/\s+$/, '')) throw new Error(`expected the error output to be:\n${expected}\n${shown(r)}`);
});

function failsWith(world: KspecWorld, text: string): void {
  const r = world.lastResult();
  if (r.exitCode === 0) throw new Error(`expected the command to fail with ${JSON.stringify(text)}, but it succeeded:\n${shown(r)}`);
  if (!r.stderr.includes(text)) throw new Error(`expected the error output to contain ${JSON.stringify(text)}:\n${shown(r)}`);
}

// The last command failed and its error output contains the text; e.g. `Then the command fails with "NotFound"`
Then('the command fails with {string}', function (this: KspecWorld, text: string) { failsWith(this, text); });
// The last command failed and its error output contains the docstring; e.g. `Then the command fails with:` and an RBAC rule list
Then('the command fails with:', function (this: KspecWorld, text: string) { failsWith(this, text); });

// Standard output equals the docstring, trailing spaces and newlines aside; e.g. `Then the output is:` and a table
Then('the output is:', function (this: KspecWorld, expected: string) {
  const r = this.lastResult();
  const line = firstDifferentLine(expected, r.stdout);
  if (line === 0) return;
  const want = normaliseOutput(expected), w = want.split('\n'), g = normaliseOutput(r.stdout).split('\n');
  throw new Error(`the output differs from line ${line}:\n  expected: ${JSON.stringify(w[line - 1] ?? '(end of output)')}\n  found:    ${JSON.stringify(g[line - 1] ?? '(end of output)')}\n` +
    `expected output:\n${block(want)}\n${shown(r)}`);
});

function contains(world: KspecWorld, text: string): void {
  const r = world.lastResult();
  if (!r.stdout.includes(text)) throw new Error(`expected the output to contain:\n${block(text)}\n${shown(r)}`);
}

// Standard output contains the text; e.g. `Then the output contains "deployment.apps/web scaled"`
Then('the output contains {string}', function (this: KspecWorld, text: string) { contains(this, text); });
// Standard output contains the docstring; e.g. `Then the output contains:` and two lines
Then('the output contains:', function (this: KspecWorld, text: string) { contains(this, text); });

// Standard output lacks the text; e.g. `Then the output does not contain "web-2"`
Then('the output does not contain {string}', function (this: KspecWorld, text: string) {
  const r = this.lastResult();
  if (r.stdout.includes(text)) throw new Error(`expected the output not to contain ${JSON.stringify(text)}:\n${shown(r)}`);
});

// `new RegExp(pattern).test(output)`, no flags, where the output is what `the output is:` compares (trailing
// newlines removed), so `^web-[a-z0-9]+$` matches a one-line output; e.g. `Then the output matches "^web-[a-z0-9]+$"`
Then('the output matches {string}', function (this: KspecWorld, pattern: string) {
  const r = this.lastResult();
  if (!new RegExp(pattern).test(normaliseOutput(r.stdout))) throw new Error(`expected the output to match /${pattern}/:\n${shown(r)}`);
});
