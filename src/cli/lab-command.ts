// `kspec lab start <lab>`: a served cluster with the lab's setup, for the real kubectl; it prints the KUBECONFIG
// line and the task, and runs until Ctrl-C. `kspec lab check [--json]`: grades the learner's cluster with the
// lab's checkpoints, the same points, hints and JSON as `kspec check`. `kspec lab reset`: starts over. How the
// grading sees the learner's cluster: lab-session.ts. A lab asks for a clock speed with a `@speed:N` tag (a
// CronJob lab at 60: a job a minute, one a second).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Cluster } from '../cluster';
import type { ServedCluster } from '../server/serve';
import { json } from '../server/types';
import { runFeatures, type SupportLibrary } from './cucumber-run';
import { gradeLab, resolveLab } from './check-command';
import { gradeText, type Grade } from './grade';
import { picklesOf } from './live-plan';
import { featureFiles } from './steps-command';
import {
  labSetup,
  changes,
  record,
  digest,
  writeSession,
  type LabSessionData,
  type RecordedRequest,
} from './lab-session';
import { currentCredentials } from '../server/kubeconfig';
import { request } from './serve-command';
import { UsageError } from './errors';
import { wallClock } from '../runtime/wall-clock';

const SOLUTION_STEP = "the learner's solution is applied";

export interface LabSetup {
  /** the checkpoint scenario whose Background builds the cluster (`checkpoints/x.feature:12`) */
  scenario: string;
  /** the setup's steps, for the start-up message */
  steps: string[];
  /** virtual seconds per wall second (`@speed:N`, default 1) */
  speed: number;
}

/** What a lab's checkpoints share before the learner's solution: that is the lab's cluster. */
export function labSetupOf(labDir: string): LabSetup {
  const pickles = picklesOf(labDir, featureFiles([path.join(labDir, 'checkpoints')]));
  if (!pickles.length) throw new UsageError(`${labDir} has no checkpoints`);
  const setups = pickles.map((p) => {
    const at = p.steps.findIndex((s) => s.text === SOLUTION_STEP);
    if (at < 0)
      throw new UsageError(
        `${p.uri} "${p.name}" never applies the learner's solution (\`When ${SOLUTION_STEP}\`): a lab session cannot grade it`,
      );
    return p.steps
      .slice(0, at)
      .map((s) => `${s.text}${s.argument?.docString ? `\n${s.argument.docString.content}` : ''}`)
      .join('\n');
  });
  if (setups.some((s) => s !== setups[0]))
    throw new UsageError(
      `the checkpoints of ${labDir} set their clusters up differently before the learner's solution: a lab session needs one setup`,
    );
  let speed = 1;
  for (const t of pickles.flatMap((p) => p.tags.map((x) => x.name))) {
    const m = /^@speed:(.*)$/.exec(t);
    if (m) {
      speed = Number(m[1]);
      if (!(speed > 0))
        throw new UsageError(
          `${labDir}: @speed takes a positive number of virtual seconds per second, as in @speed:60, not "${t}"`,
        );
    }
  }
  const first = pickles[0];
  return {
    scenario: `${first.uri}:${first.location?.line}`,
    steps: first.steps
      .slice(
        0,
        first.steps.findIndex((s) => s.text === SOLUTION_STEP),
      )
      .map((s) => s.text),
    speed,
  };
}

/** Builds the lab's cluster by running the setup's steps (in the lab's folder, for its relative manifests). */
export async function buildLabCluster(
  labDir: string,
  setup: LabSetup,
  seed: string,
  start: number,
  support?: SupportLibrary,
): Promise<{ cluster: Cluster; support: SupportLibrary }> {
  let cluster: Cluster | undefined;
  let failure = '';
  labSetup.receive = (c) => {
    cluster = c;
  };
  const back = process.cwd();
  process.chdir(labDir);
  try {
    const run = await runFeatures(
      { cwd: labDir, paths: [setup.scenario], quiet: true, worldParameters: { labSetup: true, seed, start } },
      (e) => {
        if (e.testStepFinished?.testStepResult.status === 'FAILED')
          failure ||= e.testStepFinished.testStepResult.message ?? 'a step failed';
      },
      support,
    );
    if (!cluster)
      throw new Error(
        `the lab's setup failed before the learner's turn: ${failure.split('\n')[0] || 'it did not reach it'}`,
      );
    return { cluster, support: run.support };
  } finally {
    labSetup.receive = undefined;
    process.chdir(back);
  }
}

export interface LabServer {
  served: ServedCluster;
  readonly lab: string;
  readonly setup: LabSetup;
  /** the step library the setup loaded (Cucumber loads step files once a process: a grading here reuses it) */
  readonly support: SupportLibrary;
  /** the session as `kspec lab check` reads it */
  session(): LabSessionData;
  /** starts over: the setup's cluster again, nothing recorded */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** A served lab: its cluster built, every change recorded. */
/** `support`: a step library this process already loaded (Cucumber loads step files once a process). */
export async function startLab(
  labDir: string,
  opts: { kubeconfig?: string; port?: number; speed?: number; support?: SupportLibrary } = {},
): Promise<LabServer> {
  const { serveCluster } = require('../server/serve') as typeof import('../server/serve');
  const setup = labSetupOf(labDir);
  const speed = opts.speed ?? setup.speed;
  const seed = `lab ${path.basename(labDir)}`;
  const now = () => Math.floor(wallClock.now() / 1000) * 1000;
  let start = now();
  let built = await buildLabCluster(labDir, setup, seed, start, opts.support);
  let requests: RecordedRequest[] = [];
  let resetting = false;
  const session = (): LabSessionData => ({
    kind: 'kspec-lab-session',
    lab: labDir,
    seed,
    start,
    speed,
    now: served.cluster.clock.now(),
    digest: digest(served.cluster),
    requests,
  });
  const reset = async () => {
    resetting = true;
    try {
      start = now();
      built = await buildLabCluster(labDir, setup, seed, start, built.support);
      requests = [];
      served.replace(built.cluster);
    } finally {
      resetting = false;
    }
  };
  const served = await serveCluster(built.cluster, {
    clock: 'real',
    speed,
    port: opts.port,
    kubeconfig: opts.kubeconfig,
    onRequest: (req, at) => {
      if (!resetting && changes(req)) requests.push(record(req, at));
    },
    admin: (req) => {
      if (req.path === '/kspec/v1/lab' && req.method === 'GET')
        return json(200, resetting ? { resetting: true } : session());
      if (req.path === '/kspec/v1/lab/reset' && req.method === 'POST') {
        if (!resetting)
          reset().catch((e) => process.stderr.write(`kspec lab: the reset failed: ${(e as Error).message}\n`));
        return json(202, { resetting: true });
      }
      return undefined;
    },
  });
  return {
    served,
    lab: labDir,
    setup,
    get support() {
      return built.support;
    },
    session,
    reset,
    close: () => served.close(),
  };
}

/** The `## Your task` section of the lab's README (the whole README when it has none). */
export function labTask(labDir: string): string {
  const file = path.join(labDir, 'README.md');
  if (!fs.existsSync(file)) return '';
  const text = fs.readFileSync(file, 'utf8');
  const m = /^## Your task\s*\n([\s\S]*?)(?=^## |\s*$(?![\s\S]))/m.exec(text);
  return (m ? m[1] : text).trim();
}

/** Grades a session as `kspec check` grades a solution folder. */
export async function gradeSession(
  data: LabSessionData,
  support?: SupportLibrary,
): Promise<{ grade: Grade; support: SupportLibrary }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-lab-'));
  try {
    return await gradeLab(data.lab, writeSession(dir, data), support, { seed: data.seed, start: data.start });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface LabFlags {
  kubeconfig?: string;
  port?: string;
  speed?: string;
  json?: boolean;
}

export async function labCommand(
  cwd: string,
  action: string,
  lab: string | undefined,
  flags: LabFlags,
  out: (s: string) => void = (s) => process.stdout.write(s),
  stopOn: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'],
): Promise<number> {
  const kubeconfig = path.resolve(
    cwd,
    flags.kubeconfig ?? (action === 'start' ? 'kspec.kubeconfig' : (process.env.KUBECONFIG ?? 'kspec.kubeconfig')),
  );
  if (action === 'start') {
    if (!lab)
      throw new UsageError('which lab? `kspec lab start <lab>` (`kspec curriculum` lists them as it grades them)');
    const speed = flags.speed === undefined ? undefined : Number(flags.speed);
    if (speed !== undefined && !(speed > 0))
      throw new UsageError(`--speed must be a positive number, not "${flags.speed}"`);
    const port = flags.port === undefined ? undefined : Number(flags.port);
    const server = await startLab(resolveLab(lab, cwd), { kubeconfig, port, speed });
    const s = server.session();
    out(
      `kspec lab: ${path.basename(server.lab)} is ready at ${server.served.url} (${server.served.cluster.list('nodes').length} nodes, ` +
        `real clock${s.speed !== 1 ? ` x${s.speed}` : ''})\nexport KUBECONFIG=${kubeconfig}\n\n${labTask(server.lab)}\n\n` +
        'Work with kubectl; `kspec lab check` grades your cluster, `kspec lab reset` starts over, Ctrl-C ends the session.\n',
    );
    await new Promise<void>((resolve) => {
      const stop = () => {
        for (const sig of stopOn) process.off(sig, stop);
        resolve();
      };
      for (const sig of stopOn) process.on(sig, stop);
    });
    await server.close();
    out('kspec lab: stopped\n');
    return 0;
  }
  if (action !== 'check' && action !== 'reset')
    throw new UsageError(`kspec lab start <lab> | check [--json] | reset, not "${action}"`);
  if (!fs.existsSync(kubeconfig))
    throw new UsageError(
      `no kubeconfig at ${kubeconfig}: start a lab with \`kspec lab start <lab>\` first, or pass --kubeconfig`,
    );
  const { server, token, ca } = currentCredentials(fs.readFileSync(kubeconfig, 'utf8'));
  const ask = async (method: string, p: string) => {
    try {
      return await request(`${server}${p}`, method, token, ca);
    } catch (e) {
      throw new UsageError(
        `cannot reach the lab's cluster at ${server}: ${(e as any).code ?? (e as Error).message} (is \`kspec lab start\` running?)`,
      );
    }
  };
  const read = async (): Promise<LabSessionData> => {
    for (let i = 0; i < 600; i++) {
      const r = await ask('GET', '/kspec/v1/lab');
      if (r.status === 404)
        throw new UsageError(`${server} serves a cluster, but no lab: start one with \`kspec lab start <lab>\``);
      if (r.status >= 300) throw new UsageError(r.body?.message ?? `HTTP ${r.status}`);
      if (!r.body.resetting) return r.body as LabSessionData;
      await wallClock.sleep(100);
    }
    throw new UsageError('the lab is still starting over after a minute');
  };
  if (action === 'reset') {
    const r = await ask('POST', '/kspec/v1/lab/reset');
    if (r.status >= 300) throw new UsageError(r.body?.message ?? `HTTP ${r.status}`);
    const s = await read();
    out(`kspec lab: ${path.basename(s.lab)} starts over: the cluster is as the lab set it up\n`);
    return 0;
  }
  const { grade } = await gradeSession(await read());
  out(flags.json ? JSON.stringify(grade, null, 2) + '\n' : gradeText(grade));
  return grade.score === grade.total ? 0 : 1;
}
