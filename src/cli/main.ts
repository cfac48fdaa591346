// The kspec command: run, steps, lint, check, curriculum, init, serve, lab, time, merge-reports.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError } from 'commander';
import { KSPEC_ROOT } from './root';
import { UsageError } from './errors';
import { runCommand } from './run-command';
import { stepsCommand } from './steps-command';
import { checkCommand } from './check-command';
import { curriculumCommand } from './curriculum-command';
import { initCommand } from './init-command';
import { lintCommand } from './lint-command';
import { labsCommand } from './labs-command';
import { serveCommand, timeCommand } from './serve-command';
import { labCommand } from './lab-command';
import { mergeReportsCommand } from './merge-reports';

const version = (JSON.parse(fs.readFileSync(path.join(KSPEC_ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

/** A repeatable option's values. */
const collect = (value: string, previous: string[] = []) => [...previous, value];

export function program(cwd: string, done: (code: number) => void): Command {
  const p = new Command('kspec')
    .description('Declarative scenario tests for Kubernetes behaviour on an embedded v1.30 control plane')
    .version(version, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run `kspec --help` for the commands)');
  const finish = (work: Promise<number>) => work.then(done);

  p.command('run')
    .description("run features with kspec's step library (default: features/**/*.feature)")
    .argument('[paths...]', 'feature files (file.feature or file.feature:12) or folders')
    .option('-t, --tags <expression>', 'only scenarios whose tags match, e.g. "@smoke and not @wip"')
    .option('--parallel <n>', 'run on n worker processes')
    .option('--ci', 'also write Allure results, JUnit XML, Cucumber HTML and messages to reports/')
    .option('--dry-run', 'match every step without running any (fails on undefined steps)')
    .option('--name <regexp>', 'only scenarios whose name matches (repeatable)', collect, [])
    .option(
      '-f, --format <name[:file]>',
      'another Cucumber formatter, e.g. junit:reports/junit.xml (repeatable)',
      collect,
      [],
    )
    .option('--fail-fast', 'stop at the first failed scenario')
    .option(
      '--retry <n>',
      'run a failed scenario up to n more times (rarely useful: virtual time and seeds make failures repeat)',
    )
    .option(
      '-p, --profile <name>',
      'start from a profile of ./cucumber.js (tags, names, formats, options; repeatable)',
      collect,
      [],
    )
    .option(
      '--shard <i/n>',
      'run only the i-th of n deterministic shards of the scenarios (a CI matrix, an Indexed Job): docs/sharding.md',
    )
    .option(
      '--kubeconfig <path>',
      'run on the live cluster of this kubeconfig (the real kubectl; model-only scenarios skipped): docs/targets.md',
    )
    .option('--context <name>', "the kubeconfig's context (default: its current one)")
    .option(
      '--kubectl <path>',
      "run `When I run \"kubectl ...\"` with this real kubectl (or `real`: the SDK's kubectl.1.30, else PATH's) against the scenario's cluster served on 127.0.0.1: docs/targets.md",
    )
    .option(
      '--timings <file>',
      "with --shard: balance the shards by a previous run's timings (reports/timings.json of a --ci run, or its messages.ndjson)",
    )
    .action((paths: string[], opts) => finish(runCommand(cwd, paths, opts)));

  p.command('steps')
    .description('the step catalogue: every phrase, its parameters and an example')
    .option('--markdown', 'print it as Markdown')
    .option('--write', "write docs/steps.md in kspec's folder")
    .action((opts) => finish(stepsCommand(cwd, opts)));

  p.command('lint')
    .description('check features before running them: syntax, unknown steps, unknown kinds, invalid manifests')
    .argument('[paths...]', 'feature files or folders (default: features/)')
    .option(
      '--target <target>',
      '`live`: instead, list how each scenario runs on a live cluster (or why it is model-only)',
    )
    .action((paths: string[], opts: { target?: string }) => finish(lintCommand(cwd, paths, opts)));

  p.command('check')
    .description(
      "grade a learner: apply their solution, run the lab's checkpoints, print the score (exit 0 on full marks)",
    )
    .argument('<lab>', "a lab folder, or a lab's name under curriculum/ (e.g. 02-deployments or deployments)")
    .requiredOption(
      '-s, --solution <dir>',
      "the learner's manifests (*.yaml) and/or kubectl commands (commands.sh), or one such file",
    )
    .option('--json', 'the grade as JSON, for a learning platform')
    .action((lab: string, opts) => finish(checkCommand(cwd, lab, opts)));

  p.command('labs')
    .description('list the labs of a curriculum with their checkpoints and points')
    .argument('[dir]', "the curriculum folder (default: ./curriculum, else kspec's own)")
    .option('--json', 'as JSON')
    .action((dir: string | undefined, opts: { json?: boolean }) =>
      finish(Promise.resolve(labsCommand(cwd, dir, opts))),
    );

  p.command('curriculum')
    .description("grade every lab's reference solution (full marks) and wrong solutions (their expected.json) ")
    .argument('[dir]', "the curriculum folder (default: ./curriculum, else kspec's own)")
    .action((dir?: string) => finish(curriculumCommand(cwd, dir)));

  p.command('init')
    .description('scaffold a suite: package.json scripts, cucumber.js, a first feature, a README, a CI workflow')
    .argument('[dir]', 'the folder (default: this one)')
    .option(
      '--dependency <spec>',
      'how the suite depends on kspec: an npm spec (a version, a tarball, a git URL); default: this kspec by relative path, or its version when installed',
    )
    .action((dir: string | undefined, opts: { dependency?: string }) =>
      finish(Promise.resolve(initCommand(cwd, dir, opts))),
    );

  p.command('serve')
    .description('serve an embedded cluster as a Kubernetes API on 127.0.0.1 for the real kubectl and client libraries')
    .option('--nodes <n>', 'how many nodes (node-1 ... node-N)', '3')
    .option('--seed <seed>', 'the seed of names, IPs and tie-breaks', 'kspec')
    .option('--proxy-mode <mode>', "kube-proxy's mode: iptables or ipvs")
    .option('--manifests <path>', 'a folder or file of manifests applied at start (repeatable)', collect)
    .option('--port <port>', 'the port on 127.0.0.1 (default: a free one)')
    .option('--kubeconfig <path>', 'where to write the kubeconfig', 'kspec.kubeconfig')
    .option(
      '--clock <mode>',
      'real: virtual time follows the wall clock; manual: it moves only with `kspec time advance`',
      'real',
    )
    .option('--speed <n>', 'real clock: virtual seconds per wall second', '1')
    .option(
      '--start <time>',
      'the virtual start time, RFC 3339 (default: now with a real clock, 2024-01-01T00:00:00Z with a manual one)',
    )
    .option(
      '--user <name>',
      'also write a context kspec-<name> for this user, whose requests RBAC checks (repeatable; the first is current)',
      collect,
    )
    .option('--group <group>', 'a group of the --user users (repeatable)', collect)
    .option('--namespace <ns>', "the contexts' namespace")
    .action((opts) => finish(serveCommand(cwd, opts)));

  p.command('merge-reports')
    .description(
      "merge the reports of a sharded run's shards (Allure results, JUnit, timings) into one: docs/sharding.md",
    )
    .argument('<dirs...>', "each shard's reports/ folder")
    .option('--out <dir>', 'where the merged reports go', 'reports')
    .action((dirs: string[], opts: { out?: string }) => finish(mergeReportsCommand(cwd, dirs, opts)));

  p.command('lab')
    .description(
      'a lab on the real kubectl: `start <lab>` serves its cluster, `check` grades it as `kspec check` does, `reset` starts over',
    )
    .argument('<action>', 'start, check or reset')
    .argument('[lab]', "start: a lab folder, or a lab's name under curriculum/ (e.g. 02-deployments)")
    .option(
      '--kubeconfig <path>',
      "the lab's kubeconfig (start writes it; default ./kspec.kubeconfig, for check and reset $KUBECONFIG first)",
    )
    .option('--port <port>', 'start: the port on 127.0.0.1 (default: a free one)')
    .option('--speed <n>', "start: virtual seconds per wall second (default: the lab's @speed tag, else 1)")
    .option('--json', 'check: the grade as JSON, as `kspec check --json` prints it')
    .action((action: string, lab: string | undefined, opts) => finish(labCommand(cwd, action, lab, opts)));

  p.command('time')
    .description(
      "the served cluster's virtual time; `kspec time advance 5m` moves it (a --clock manual cluster's only way)",
    )
    .argument('[args...]', 'advance DURATION')
    .option('--kubeconfig <path>', "the served cluster's kubeconfig (default: $KUBECONFIG, else ./kspec.kubeconfig)")
    .option('--context <name>', 'the kubeconfig context')
    .action((args: string[], opts) => finish(timeCommand(cwd, args, opts)));

  return p;
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  let code = 0;
  try {
    await program(cwd, (c) => {
      code = c;
    }).parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof UsageError) {
      process.stderr.write(`kspec: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`kspec: ${(e as Error).message}\n`);
    return 1;
  }
}
