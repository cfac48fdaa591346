// Commands and their output: exit status, error text, and standard output.
import { Then } from '@cucumber/cucumber';
import { KspecWorld } from './world';
import type { CommandResult } from '../src/cluster';
import { normaliseOutput, firstDifferentLine } from '../src/assert/output';

const block = (text: string) => (text ? text.replace(/\n+$/, '').split('\n').map((l) => `    ${l}`).join('\n') : '    (empty)');

function shown(r: CommandResult): string {
  return `  $ ${r.command}\n  exit status ${r.exitCode}\n  standard output:\n${block(r.stdout)}\n  error output:\n${block(r.stderr)}`;
}

Then('the command succeeds', function (this: KspecWorld) {
  const r = this.lastResult();
  if (r.exitCode !== 0) throw new Error(`expected the command to succeed, but it failed:\n${shown(r)}`);
});

Then('the command fails', function (this: KspecWorld) {
  const r = this.lastResult();
  if (r.exitCode === 0) throw new Error(`expected the command to fail, but it succeeded:\n${shown(r)}`);
});

Then('the command fails with {string}', function (this: KspecWorld, text: string) {
  const r = this.lastResult();
  if (r.exitCode === 0) throw new Error(`expected the command to fail with ${JSON.stringify(text)}, but it succeeded:\n${shown(r)}`);
  if (!r.stderr.includes(text)) throw new Error(`expected the error output to contain ${JSON.stringify(text)}:\n${shown(r)}`);
});

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

Then('the output contains {string}', function (this: KspecWorld, text: string) { contains(this, text); });
Then('the output contains:', function (this: KspecWorld, text: string) { contains(this, text); });

Then('the output does not contain {string}', function (this: KspecWorld, text: string) {
  const r = this.lastResult();
  if (r.stdout.includes(text)) throw new Error(`expected the output not to contain ${JSON.stringify(text)}:\n${shown(r)}`);
});

// `new RegExp(pattern).test(output)`, no flags, where the output is what `the output is:` compares (trailing
// newlines removed), so `^web-[a-z0-9]+$` matches a one-line output.
Then('the output matches {string}', function (this: KspecWorld, pattern: string) {
  const r = this.lastResult();
  if (!new RegExp(pattern).test(normaliseOutput(r.stdout))) throw new Error(`expected the output to match /${pattern}/:\n${shown(r)}`);
});
