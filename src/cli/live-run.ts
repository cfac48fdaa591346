// `kspec run --kubeconfig PATH [--context C]` (or KSPEC_TARGET=kubeconfig, with $KUBECONFIG): the features on a
// live cluster. Before the run, every scenario is planned (live-plan.ts); during it, the scenarios' hooks
// (steps/live-hooks.ts) skip or isolate each; after it, and on SIGINT or SIGTERM, the run's namespaces are deleted
// by their label and a served cluster given fresh clusters is restored. The closing report says where each
// scenario ran and why each skipped one was skipped.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Envelope } from '@cucumber/messages';
import { runFeatures, type RunOptions } from './cucumber-run';
import { livePlan, type PlannedScenario } from './live-plan';
import { UsageError } from './errors';
import { findKubectl } from '../live/kubectl';
import { LIVE_NOTE_MEDIA_TYPE } from '../live/model-only';
import { pickleKey, type ScenarioPlan } from '../live/classify';
import type { LiveSettings } from '../live/live-target';

export interface LiveTargetOptions {
  kubeconfig?: string;
  context?: string;
}

/** The kubeconfig of a live run: --kubeconfig, else under KSPEC_TARGET=kubeconfig $KUBECONFIG or ~/.kube/config; none: the model. */
export function liveKubeconfig(cwd: string, opts: LiveTargetOptions, env = process.env): string | undefined {
  if (opts.kubeconfig) return path.resolve(cwd, opts.kubeconfig);
  if (env.KSPEC_TARGET === undefined || env.KSPEC_TARGET === '' || env.KSPEC_TARGET === 'embedded') {
    if (opts.context)
      throw new UsageError(
        '--context names a context of a kubeconfig: give --kubeconfig too (or KSPEC_TARGET=kubeconfig)',
      );
    return undefined;
  }
  if (env.KSPEC_TARGET !== 'kubeconfig')
    throw new UsageError(
      `KSPEC_TARGET is "embedded" (the model, the default) or "kubeconfig" (a live cluster), not "${env.KSPEC_TARGET}"`,
    );
  const first = (env.KUBECONFIG ?? '').split(path.delimiter).find(Boolean);
  return path.resolve(cwd, first ?? path.join(os.homedir(), '.kube', 'config'));
}

/** The cluster as the run finds it: reachable, served by kspec (fresh clusters) or not, and its schedulable nodes. */
async function probe(
  kubeconfig: string,
  context: string | undefined,
): Promise<{
  api: import('../live/api').LiveApi;
  fresh: boolean;
  servedClock?: 'manual' | 'real';
  nodes: number;
  version: string;
}> {
  const { LiveApi, loadKubeconfig } = require('../live/api') as typeof import('../live/api');
  const { schedulableNodes } = require('../live/live-target') as typeof import('../live/live-target');
  const { resolveResource } = require('../api/kinds') as typeof import('../api/kinds');
  let api: import('../live/api').LiveApi;
  try {
    api = new LiveApi(loadKubeconfig(kubeconfig, context));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  let version: any;
  try {
    version = await api.ok('GET', '/version');
  } catch (e) {
    throw new UsageError(
      `cannot reach the cluster of ${kubeconfig} at ${api.server}: ${(e as any).code ?? (e as Error).message}`,
    );
  }
  const served = await api.request('GET', '/kspec/v1/time');
  const nodes = schedulableNodes(await api.list(resolveResource('nodes')!)).length;
  const fresh = served.status === 200 && typeof served.body?.now === 'string';
  return { api, fresh, servedClock: fresh ? served.body.clock : undefined, nodes, version: version?.gitVersion ?? '?' };
}

/** Deletes the run's namespaces (by label), and gives a served cluster its first shape back if a scenario replaced it. */
async function cleanUp(api: import('../live/api').LiveApi, runId: string, restore: number | undefined): Promise<void> {
  const { RUN_LABEL } = require('../live/live-target') as typeof import('../live/live-target');
  await api.request('DELETE', '/api/v1/namespaces', undefined, { labelSelector: `${RUN_LABEL}=${runId}` });
  if (restore !== undefined) await api.request('POST', '/kspec/v1/cluster', { nodes: restore });
}

export async function liveRun(
  run: RunOptions,
  kubeconfig: string,
  context: string | undefined,
  out = (s: string) => process.stdout.write(s),
  onMessage?: (e: Envelope) => void,
): Promise<{ success: boolean }> {
  if (!fs.existsSync(kubeconfig)) throw new UsageError(`no kubeconfig at ${kubeconfig}`);
  const kubectl = findKubectl();
  if (!kubectl) throw new UsageError('a live run needs the real kubectl: put it on PATH or name it in KSPEC_KUBECTL');
  const cluster = await probe(kubeconfig, context);
  // the steps' time limit (steps/live-hooks.ts, read as the step library loads) and the target for workers, which inherit the environment
  process.env.KSPEC_TARGET = 'kubeconfig';
  const { plan, support } = await livePlan(run.cwd, run.paths);
  const needsFresh = plan.some((s) => s.plan.run === 'cluster');
  if ((run.parallel ?? 0) > 1 && cluster.fresh && needsFresh) {
    throw new UsageError(
      '--parallel with a served cluster: the scenarios that need a cluster of their own replace it under the others; run serially, or shard across served clusters (docs/sharding.md)',
    );
  }
  const runId = randomBytes(5).toString('hex');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kspec-live-'));
  // kubectl by its own name: `--record` writes the name it was called by into change-cause (not kubectl.1.30)
  fs.mkdirSync(path.join(home, 'bin'));
  fs.symlinkSync(path.resolve(kubectl), path.join(home, 'bin', 'kubectl'));
  const settings: LiveSettings = {
    kubeconfig,
    context,
    kubectl: path.join(home, 'bin', 'kubectl'),
    runId,
    home,
    fresh: cluster.fresh,
    servedClock: cluster.servedClock,
    nodes: cluster.nodes,
    // a served cluster converges before it answers a write: a check made now needs no wait there
    settleMs: Number(process.env.KSPEC_SETTLE_MS ?? (cluster.fresh ? 0 : 10_000)),
    pollMs: 100,
  };
  out(
    `live run on ${cluster.api.server} (${cluster.version}${cluster.fresh ? `, served by kspec with a ${cluster.servedClock} clock: fresh clusters on request` : ''}), ` +
      `${cluster.nodes} schedulable nodes, kubectl ${kubectl}; run ${runId}\n`,
  );
  const restore = cluster.fresh && needsFresh ? cluster.nodes : undefined;
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    out(
      `\nkspec: ${signal}: deleting the run's namespaces${restore !== undefined ? ' and restoring the served cluster' : ''}\n`,
    );
    const exit = () => {
      fs.rmSync(home, { recursive: true, force: true });
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    cleanUp(cluster.api, runId, restore).then(exit, exit);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const notes = new LiveNotes(plan);
  try {
    const result = await runFeatures(
      { ...run, worldParameters: { ...(run.worldParameters ?? {}), live: { settings, plan: planRecord(plan) } } },
      (e) => {
        notes.add(e);
        onMessage?.(e);
      },
      support,
    );
    out(notes.report());
    return { success: result.success };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (!interrupted) {
      await cleanUp(cluster.api, runId, restore);
      fs.rmSync(home, { recursive: true, force: true });
    }
  }
}

function planRecord(plan: PlannedScenario[]): Record<string, ScenarioPlan> {
  return Object.fromEntries(plan.map((s) => [s.key, s.plan]));
}

/** What the live run's messages say of each scenario: its notes (where it ran, why it was skipped) and its status. */
export class LiveNotes {
  private readonly pickles = new Map<string, { key: string; name: string }>();
  private readonly cases = new Map<string, string>();
  private readonly attempts = new Map<string, string>();
  private readonly notes = new Map<string, string[]>();

  constructor(private readonly plan: PlannedScenario[]) {}

  add(e: Envelope): void {
    if (e.pickle) this.pickles.set(e.pickle.id, { key: pickleKey(e.pickle), name: e.pickle.name });
    if (e.testCase) this.cases.set(e.testCase.id, e.testCase.pickleId);
    if (e.testCaseStarted) this.attempts.set(e.testCaseStarted.id, e.testCaseStarted.testCaseId);
    if (e.attachment?.mediaType === LIVE_NOTE_MEDIA_TYPE && e.attachment.testCaseStartedId) {
      const pickle = this.pickles.get(this.cases.get(this.attempts.get(e.attachment.testCaseStartedId) ?? '') ?? '');
      if (pickle) this.notes.set(pickle.key, [...(this.notes.get(pickle.key) ?? []), e.attachment.body]);
    }
  }

  /** The closing report: how many ran where, then each skipped scenario with its reason. */
  report(): string {
    const ran = (prefix: string) => [...this.notes.values()].filter((n) => n.some((x) => x.startsWith(prefix))).length;
    const skipped = [...this.notes.entries()]
      .map(([key, n]) => [key, n.find((x) => x.startsWith('skipped on the live cluster: '))] as const)
      .filter((x): x is readonly [string, string] => x[1] !== undefined);
    const name = (key: string) => this.plan.find((s) => s.key === key)?.name ?? '';
    const lines = skipped.map(
      ([key, why]) => `  ${key}  ${name(key)}\n      ${why.replace('skipped on the live cluster: ', '')}`,
    );
    return (
      `\nlive: ${ran('ran in namespace')} scenarios ran in a namespace of their own, ${ran('ran in a cluster of its own')} in a cluster of their own; ` +
      `${skipped.length} skipped${skipped.length ? ':\n' + lines.join('\n') : ''}\n`
    );
  }
}
