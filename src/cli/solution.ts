// A learner's solution: manifests (`*.yaml`, `*.yml`) and/or kubectl command lines (`commands.sh` or
// `commands.txt`), in a folder or as one file, run in the order the solution gives:
// - a `steps` (or `steps.txt`) file lists the order itself: a manifest's file name, or a kubectl line, each line;
// - otherwise a manifest that a command line applies (`kubectl apply -f web.yaml`) runs there, the others first
//   in name order, then the command lines.
// Each manifest is applied as `kubectl apply -f <its file>`, so kubectl's messages name the learner's file. A
// line that fails does not stop the rest: each checkpoint is graded on what the solution achieved, and the
// failures are reported with the checkpoints that fail.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CommandResult } from '../cluster';
import { tokenize } from '../kubectl/args';

export interface Solution {
  manifests: string[];
  commands?: string;
  steps?: string;
}

const MANIFEST = /\.ya?ml$/;
const COMMANDS = /(^|\/)commands\.(sh|txt)$/;
const STEPS = /(^|\/)steps(\.txt)?$/;

export function findSolution(target: string): Solution {
  if (!fs.existsSync(target)) throw new Error(`the solution "${target}" does not exist`);
  if (fs.statSync(target).isFile()) {
    if (MANIFEST.test(target)) return { manifests: [target] };
    return { manifests: [], commands: target };
  }
  const names = fs.readdirSync(target).sort();
  const manifests = names.filter((n) => MANIFEST.test(n)).map((n) => path.join(target, n));
  const commands = names.find((n) => COMMANDS.test(n));
  const steps = names.find((n) => STEPS.test(n));
  if (!manifests.length && !commands)
    throw new Error(`the solution folder ${target} has no manifests (*.yaml) and no commands.sh or commands.txt`);
  return {
    manifests,
    commands: commands && path.join(target, commands),
    ...(steps ? { steps: path.join(target, steps) } : {}),
  };
}

/** Command lines of a commands file: blank lines and comments skipped, a leading `$ ` dropped. */
export function commandLines(text: string): { line: number; command: string }[] {
  return text
    .split('\n')
    .map((l, i) => ({ line: i + 1, command: l.trim().replace(/^\$\s+/, '') }))
    .filter((c) => c.command && !c.command.startsWith('#'));
}

/** One thing the solution does, and where it says so (`commands.sh line 3`, `web.yaml`). */
export interface SolutionStep {
  where: string;
  command: string;
  manifest?: string;
}

/** The files a kubectl line applies or creates with -f (`kubectl apply -f a.yaml -f b.yaml`, `--filename=c.yaml`). */
function filesOf(command: string): string[] {
  let words: string[];
  try {
    words = tokenize(command);
  } catch {
    return [];
  }
  const out: string[] = [];
  words.forEach((w, i) => {
    if ((w === '-f' || w === '--filename') && words[i + 1]) out.push(words[i + 1]);
    else if (w.startsWith('--filename=')) out.push(w.slice('--filename='.length));
    else if (/^-f.+/.test(w)) out.push(w.slice(2));
  });
  return out;
}

/** The solution's steps in the order it gives them. */
export function solutionSteps(s: Solution): SolutionStep[] {
  const dir = path.dirname(s.steps ?? s.commands ?? s.manifests[0]);
  const apply = (file: string): SolutionStep => ({
    where: path.basename(file),
    command: `kubectl apply -f ${path.relative(dir, file) || path.basename(file)}`,
    manifest: path.basename(file),
  });
  const linesOf = (file: string) =>
    commandLines(fs.readFileSync(file, 'utf8')).map((c) => ({ ...c, where: `${path.basename(file)} line ${c.line}` }));
  if (s.steps) {
    return linesOf(s.steps).map((c) =>
      MANIFEST.test(c.command) && !/\s/.test(c.command)
        ? apply(path.join(dir, c.command))
        : { where: c.where, command: c.command },
    );
  }
  const lines = s.commands ? linesOf(s.commands) : [];
  const applied = new Set(lines.flatMap((c) => filesOf(c.command).map((f) => path.resolve(dir, f))));
  return [
    ...s.manifests.filter((m) => !applied.has(path.resolve(m))).map(apply),
    ...lines.map((c) => ({ where: c.where, command: c.command })),
  ];
}

export interface Applied {
  last?: CommandResult;
  problems: string[];
}

/** Where a solution runs: a scenario's target (the model, or a live cluster), or a model cluster itself. */
export interface SolutionTarget {
  kubectl(line: string, opts: { cwd: string }): CommandResult | Promise<CommandResult>;
}

/** Runs every step of the solution; each failure is kept, in kubectl's words, with where the solution says it. */
export async function applySolution(cluster: SolutionTarget, target: string): Promise<Applied> {
  const s = findSolution(target);
  const dir = path.dirname(s.steps ?? s.commands ?? s.manifests[0]);
  const out: Applied = { problems: [] };
  for (const step of solutionSteps(s)) {
    if (!/^kubectl(\s|$)/.test(step.command)) {
      out.problems.push(`${step.where}: only kubectl commands run here, not "${step.command}"`);
      continue;
    }
    const r = await cluster.kubectl(step.command, { cwd: dir });
    out.last = r;
    if (r.exitCode === 0) continue;
    out.problems.push(
      step.manifest
        ? `your manifest ${step.manifest} was rejected:\n${r.stderr.trimEnd()}`
        : `${step.where}: \`${step.command}\` failed:\n${r.stderr.trimEnd()}`,
    );
  }
  return out;
}
