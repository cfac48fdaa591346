// A command's result: it succeeded or failed (with a text in its error output), its output is, contains or
// matches. Output is compared with trailing spaces on each line and trailing newlines removed. A failure shows
// the command, its exit status and both outputs.

import type { CommandResult } from '../util/command';

export function normaliseOutput(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n+$/, '');
}

/** The first line where two outputs differ (1-based), or 0 when they are equal once normalised. */
export function firstDifferentLine(expected: string, actual: string): number {
  const w = normaliseOutput(expected).split('\n'),
    g = normaliseOutput(actual).split('\n');
  if (w.join('\n') === g.join('\n')) return 0;
  let i = 0;
  while (i < w.length && i < g.length && w[i] === g[i]) i++;
  return i + 1;
}

const block = (text: string) =>
  text
    ? text
        .replace(/\n+$/, '')
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n')
    : '    (empty)';

function shown(r: CommandResult): string {
  return `  $ ${r.command}\n  exit status ${r.exitCode}\n  standard output:\n${block(r.stdout)}\n  error output:\n${block(r.stderr)}`;
}

export function expectSucceeded(r: CommandResult): void {
  if (r.exitCode !== 0) throw new Error(`expected the command to succeed, but it failed:\n${shown(r)}`);
}

/** The command exited with the code (`kubectl run -i` exits with the container's). */
export function expectExitStatus(r: CommandResult, code: number): void {
  if (r.exitCode !== code) throw new Error(`expected exit status ${code}:\n${shown(r)}`);
}

/** The error output is the text (trailing whitespace aside), whether the command failed or not. */
export function expectErrorOutput(r: CommandResult, expected: string): void {
  if (r.stderr.replace(/\s+$/, '') !== expected.replace(/\s+$/, ''))
    throw new Error(`expected the error output to be:\n${expected}\n${shown(r)}`);
}

/** The command failed and, when a text is given, its error output contains it. */
export function expectFailed(r: CommandResult, text?: string): void {
  if (text === undefined) {
    if (r.exitCode === 0) throw new Error(`expected the command to fail, but it succeeded:\n${shown(r)}`);
    return;
  }
  if (r.exitCode === 0)
    throw new Error(`expected the command to fail with ${JSON.stringify(text)}, but it succeeded:\n${shown(r)}`);
  if (!r.stderr.includes(text))
    throw new Error(`expected the error output to contain ${JSON.stringify(text)}:\n${shown(r)}`);
}

/** The output is the text, line for line (trailing spaces and newlines aside). */
export function expectOutput(r: CommandResult, expected: string): void {
  const line = firstDifferentLine(expected, r.stdout);
  if (line === 0) return;
  const want = normaliseOutput(expected),
    w = want.split('\n'),
    g = normaliseOutput(r.stdout).split('\n');
  throw new Error(
    `the output differs from line ${line}:\n  expected: ${JSON.stringify(w[line - 1] ?? '(end of output)')}\n  found:    ${JSON.stringify(g[line - 1] ?? '(end of output)')}\n` +
      `expected output:\n${block(want)}\n${shown(r)}`,
  );
}

export function expectOutputContains(r: CommandResult, text: string): void {
  if (!r.stdout.includes(text)) throw new Error(`expected the output to contain:\n${block(text)}\n${shown(r)}`);
}

export function expectOutputNotContains(r: CommandResult, text: string): void {
  if (r.stdout.includes(text))
    throw new Error(`expected the output not to contain ${JSON.stringify(text)}:\n${shown(r)}`);
}

/** The output (normalised) matches the regular expression. */
export function expectOutputMatches(r: CommandResult, pattern: string): void {
  if (!new RegExp(pattern).test(normaliseOutput(r.stdout)))
    throw new Error(`expected the output to match /${pattern}/:\n${shown(r)}`);
}

/** kubectl's warnings on a command that succeeded (`Defaulted container ...`, `Found 3 pods, using ...`). */
export function expectErrorOutputContains(r: CommandResult, text: string): void {
  if (!r.stderr.includes(text))
    throw new Error(
      `expected the error output of "${r.command}" to contain ${JSON.stringify(text)}; it is:\n${r.stderr || '(empty)'}`,
    );
}
