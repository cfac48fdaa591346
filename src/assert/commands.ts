// The rule that keeps a scenario honest: a kubectl command that fails must be looked at by a later step
// (`Then the command fails`, `Then the command fails with "..."`, an output step), else the scenario fails at
// its end with this message. docs/commands.md explains the rule.
import type { CommandResult } from '../cluster';

const indent = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');

export function uncheckedFailuresMessage(failures: CommandResult[]): string {
  const one = failures.length === 1;
  const list = failures
    .map((r) => `  $ ${r.command}\n  exit status ${r.exitCode}\n${indent(r.stderr || '(no error output)')}`)
    .join('\n');
  return (
    `${one ? 'a kubectl command' : `${failures.length} kubectl commands`} failed and no later step checked ${one ? 'it' : 'them'}:\n${list}\n` +
    'A kubectl command that fails fails the scenario unless a later step looks at it: if the failure is expected, say so ' +
    'with `Then the command fails` or `Then the command fails with "<error text>"` (docs/commands.md).'
  );
}
