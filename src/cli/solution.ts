// A learner's solution: manifests (`*.yaml`, `*.yml`, applied in name order) and/or kubectl command lines
// (`commands.sh` or `commands.txt`, run in order after the manifests), in a folder or as one file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KubectlError, type CommandResult } from '../cluster';

export interface Solution { manifests: string[]; commands?: string }

const MANIFEST = /\.ya?ml$/;
const COMMANDS = /(^|\/)commands\.(sh|txt)$/;

export function findSolution(target: string): Solution {
  if (!fs.existsSync(target)) throw new Error(`the solution "${target}" does not exist`);
  if (fs.statSync(target).isFile()) {
    if (MANIFEST.test(target)) return { manifests: [target] };
    return { manifests: [], commands: target };
  }
  const names = fs.readdirSync(target).sort();
  const manifests = names.filter((n) => MANIFEST.test(n)).map((n) => path.join(target, n));
  const commands = names.find((n) => COMMANDS.test(n));
  if (!manifests.length && !commands) throw new Error(`the solution folder ${target} has no manifests (*.yaml) and no commands.sh or commands.txt`);
  return { manifests, commands: commands && path.join(target, commands) };
}

/** Command lines of a commands file: blank lines and comments skipped, a leading `$ ` dropped. */
export function commandLines(text: string): { line: number; command: string }[] {
  return text.split('\n').map((l, i) => ({ line: i + 1, command: l.trim().replace(/^\$\s+/, '') }))
    .filter((c) => c.command && !c.command.startsWith('#'));
}

/** Where a solution is applied: a scenario's target, or a model cluster itself. */
export interface SolutionTarget {
  apply(yaml: string, opts: { cwd: string }): CommandResult | Promise<CommandResult>;
  kubectl(line: string, opts: { cwd: string }): CommandResult | Promise<CommandResult>;
}

/** Applies the solution; the learner's own mistakes (a rejected manifest, a failing command) fail with kubectl's words. Returns the last result. */
export async function applySolution(cluster: SolutionTarget, target: string): Promise<CommandResult | undefined> {
  const s = findSolution(target);
  let last: CommandResult | undefined;
  for (const file of s.manifests) {
    try {
      last = await cluster.apply(fs.readFileSync(file, 'utf8'), { cwd: path.dirname(file) });
    } catch (e) {
      if (e instanceof KubectlError) throw new Error(`your manifest ${path.basename(file)} was rejected:\n${e.result.stderr.trimEnd()}`);
      throw e;
    }
  }
  if (s.commands) {
    for (const { line, command } of commandLines(fs.readFileSync(s.commands, 'utf8'))) {
      if (!/^kubectl(\s|$)/.test(command)) throw new Error(`${path.basename(s.commands)} line ${line}: only kubectl commands run here, not "${command}"`);
      last = await cluster.kubectl(command, { cwd: path.dirname(s.commands) });
      if (last.exitCode !== 0) throw new Error(`${path.basename(s.commands)} line ${line}: \`${command}\` failed:\n${last.stderr.trimEnd()}`);
    }
  }
  return last;
}
