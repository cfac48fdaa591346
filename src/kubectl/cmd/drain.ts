// kubectl drain (staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go, pkg/drain/{drain,filters}.go): cordon, then
// evict every pod on the node through the Eviction subresource and wait for them to go. The filters refuse
// DaemonSet pods (unless --ignore-daemonsets), pods with emptyDir data (unless --delete-emptydir-data) and pods
// with no controller (unless --force), and the refusal lists the pods as `namespace/name`.

import type { Command, Ctx } from '../context';
import type { KObject } from '../../api/meta';
import { controllerOf } from '../../api/meta';
import { CmdError, KubectlFailure } from '../errors';
import { cordonNode, dryRunSuffix, selectNodes } from './cordon';
import { parseDuration } from '../../runtime/duration';
import { goDuration } from '../printers/time';
import { isStatusError } from '../../api/errors';
import type { DeleteOptions } from '../../apiserver/apiserver';

export const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
export const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
export const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
export const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
export const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
export const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

export interface DrainOptions {
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  force: boolean;
}
interface Status {
  delete: boolean;
  reason: 'Okay' | 'Skip' | 'Warning' | 'Error';
  message?: string;
}

const okay: Status = { delete: true, reason: 'Okay' };
const finished = (p: KObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** makeFilters, in order; the first that says "do not delete" decides. `daemonSetExists` looks the owner up. */
export function podDeleteStatus(
  pod: KObject,
  o: DrainOptions,
  daemonSetExists: (ns: string, name: string) => string | undefined,
): Status {
  const filters: (() => Status)[] = [
    () => {
      // daemonSetFilter
      const ref = controllerOf(pod);
      if (!ref || ref.kind !== 'DaemonSet' || finished(pod)) return okay;
      const missing = daemonSetExists(pod.metadata.namespace!, ref.name);
      if (missing)
        return o.force
          ? { delete: true, reason: 'Warning', message: missing }
          : { delete: false, reason: 'Error', message: missing };
      return o.ignoreDaemonSets
        ? { delete: false, reason: 'Warning', message: DAEMONSET_WARNING }
        : { delete: false, reason: 'Error', message: DAEMONSET_FATAL };
    },
    () =>
      pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined
        ? { delete: false, reason: 'Skip' }
        : okay, // mirrorPodFilter
    () => {
      // localStorageFilter
      if (!(pod.spec?.volumes ?? []).some((v: any) => v.emptyDir) || finished(pod)) return okay;
      return o.deleteEmptyDirData
        ? { delete: true, reason: 'Warning', message: LOCAL_STORAGE_WARNING }
        : { delete: false, reason: 'Error', message: LOCAL_STORAGE_FATAL };
    },
    () => {
      // unreplicatedFilter
      if (finished(pod) || controllerOf(pod)) return okay;
      return o.force
        ? { delete: true, reason: 'Warning', message: UNMANAGED_WARNING }
        : { delete: false, reason: 'Error', message: UNMANAGED_FATAL };
    },
  ];
  let status = okay;
  for (const f of filters) {
    status = f();
    if (!status.delete) break;
  }
  return status;
}

/** GetPodsForDeletion: the pods to evict, the warnings line, and the errors (one per message, pods listed). */
export function podsForDeletion(
  pods: KObject[],
  o: DrainOptions,
  daemonSetExists: (ns: string, name: string) => string | undefined,
): { pods: KObject[]; warnings: string; errors: string[] } {
  const byMessage = (reason: string) => {
    const m = new Map<string, string[]>();
    for (const [p, s] of statuses)
      if (s.reason === reason)
        m.set(s.message || 'unexpected error', [
          ...(m.get(s.message || 'unexpected error') ?? []),
          `${p.metadata.namespace}/${p.metadata.name}`,
        ]);
    return m;
  };
  const statuses: [KObject, Status][] = pods.map((p) => [p, podDeleteStatus(p, o, daemonSetExists)]);
  // podDeleteList.errors: `cannot delete <message>: <pods>`, also before unmanagedFatal's own `cannot delete ...`
  const errors = [...byMessage('Error')].map(([msg, names]) => `cannot delete ${msg}: ${names.join(', ')}`);
  const warnings = [...byMessage('Warning')].map(([msg, names]) => `${msg}: ${names.join(', ')}`).join('; ');
  return { pods: statuses.filter(([, s]) => s.delete).map(([p]) => p), warnings, errors };
}

export const drain: Command = {
  path: 'kubectl drain',
  flags: {
    'ignore-daemonsets': { type: 'bool' },
    'delete-emptydir-data': { type: 'bool' },
    'delete-local-data': { type: 'bool' },
    force: { type: 'bool' },
    'grace-period': { type: 'int', default: -1 },
    timeout: { type: 'string', default: '0s' },
    'disable-eviction': { type: 'bool' },
    'pod-selector': { type: 'string' },
    selector: { type: 'string', short: 'l' },
    'dry-run': { type: 'string' },
    'skip-wait-for-delete-timeout': { type: 'int', default: 0 },
    'chunk-size': { type: 'int', default: 500 },
  },
  run(ctx: Ctx) {
    const nodes = selectNodes(ctx, 'drain');
    if (ctx.args.length && ctx.flag('selector'))
      throw new CmdError('cannot specify both a node name and a --selector option');
    for (const n of nodes) ctx.out(cordonNode(ctx, n, true));
    const o: DrainOptions = {
      ignoreDaemonSets: !!ctx.flag('ignore-daemonsets'),
      force: !!ctx.flag('force'),
      deleteEmptyDirData: !!ctx.flag('delete-emptydir-data') || !!ctx.flag('delete-local-data'),
    };
    // RunDrain: a node that fails is reported and the others are drained still; the failed ones are listed after
    const fatal: string[][] = [];
    const remaining: string[] = [];
    for (const n of nodes) {
      const name = n.metadata.name!;
      const errors = drainNode(ctx, name, o);
      if (!errors.length) {
        ctx.out(`node/${name} drained${dryRunSuffix(ctx)}\n`);
        continue;
      }
      ctx.err(`error: unable to drain node "${name}" due to error:${aggregate(errors)}, continuing command...\n`);
      fatal.push(errors);
      remaining.push(name);
    }
    if (!remaining.length) return;
    ctx.err(`There are pending nodes to be drained:\n${remaining.map((x) => ` ${x}\n`).join('')}`);
    // checkErr of the aggregate: one node's errors one a line, several nodes' one aggregate a line, without `error: `
    throw new KubectlFailure((fatal.length === 1 ? fatal[0] : fatal.map(aggregate)).join('\n'));
  },
};

/** utilerrors.Aggregate's Error(): the one message, or `[a, b]`. */
const aggregate = (errors: string[]): string => (errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);

/** deleteOrEvictPodsSimple: the errors that stop the drain, or none once every pod is gone. */
function drainNode(ctx: Ctx, node: string, o: DrainOptions): string[] {
  const all = ctx.api.list('pods', { nodeName: node, labelSelector: ctx.flag<string>('pod-selector') || undefined });
  const exists = (ns: string, ds: string): string | undefined =>
    ctx.api.tryGet('daemonsets', ns, ds) ? undefined : `daemonsets.apps "${ds}" not found`;
  const list = podsForDeletion(all, o, exists);
  if (list.errors.length) return list.errors;
  if (list.warnings) ctx.err(`WARNING: ${list.warnings}\n`);
  if (dryRunSuffix(ctx)) {
    for (const p of list.pods) ctx.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}${dryRunSuffix(ctx)}\n`);
    return [];
  }
  const grace = ctx.flag<number>('grace-period');
  const opts = grace >= 0 ? { gracePeriodSeconds: grace } : {};
  const disable = !!ctx.flag('disable-eviction');
  const timeout = ctx.flag<string>('timeout');
  const limit = timeout && timeout !== '0s' && timeout !== '0' ? parseDuration(timeout) : 60 * 60 * 1000;
  const errors = disable ? deletePods(ctx, list.pods, opts, limit) : evictPods(ctx, list.pods, opts, limit);
  if (errors.length) {
    const err = aggregate(errors);
    // GetPodsForDeletion again: the pods still on the node
    const pending = podsForDeletion(
      ctx.api.list('pods', { nodeName: node, labelSelector: ctx.flag<string>('pod-selector') || undefined }),
      o,
      exists,
    ).pods;
    if (pending.length)
      ctx.err(
        `There are pending pods in node "${node}" when an error occurred: ${err}\n${pending.map((p) => `pod/${p.metadata.name}\n`).join('')}`,
      );
    return errors;
  }
  return [];
}

const gone = (ctx: Ctx, p: KObject) =>
  ctx.api.tryGet('pods', p.metadata.namespace, p.metadata.name!)?.metadata.uid !== p.metadata.uid;
const podRef = (p: KObject) => `pods/"${p.metadata.name}" -n "${p.metadata.namespace}"`;

/** deletePods: delete them all, then wait (up to the timeout) for them to go. */
function deletePods(ctx: Ctx, pods: KObject[], opts: DeleteOptions, limit: number): string[] {
  for (const p of pods) {
    try {
      ctx.api.delete('pods', p.metadata.namespace, p.metadata.name!, opts);
    } catch (e) {
      if (!isStatusError(e) || e.reason !== 'NotFound') throw e;
    }
  }
  ctx.wait(() => pods.every((p) => gone(ctx, p)), limit);
  for (const p of pods.filter((x) => gone(ctx, x))) ctx.out(`pod/${p.metadata.name} deleted\n`);
  // waitForDelete's poll ends with wait.ErrWaitTimeout
  return pods.some((p) => !gone(ctx, p)) ? ['timed out waiting for the condition'] : [];
}

/**
 * evictPods: each pod is evicted on its own (kubectl runs one goroutine a pod). A refusal with 429 (a disruption
 * budget) is printed and retried after 5 s; an evicted pod is reported when it is gone. Past --timeout, the pods
 * still refused or still terminating fail with `global timeout reached`.
 */
function evictPods(ctx: Ctx, pods: KObject[], opts: DeleteOptions, limit: number): string[] {
  const deadline = ctx.now + limit;
  const errors: string[] = [];
  let retry = [...pods];
  let waiting: KObject[] = [];
  let nextAttempt = ctx.now;
  const report = () => {
    const done = waiting.filter((p) => gone(ctx, p));
    for (const p of done) ctx.out(`pod/${p.metadata.name} evicted\n`);
    waiting = waiting.filter((p) => !done.includes(p));
  };
  for (;;) {
    if (ctx.now >= nextAttempt && retry.length) {
      const refused: KObject[] = [];
      for (const p of retry) {
        ctx.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`);
        if (ctx.now >= deadline) {
          errors.push(`error when evicting ${podRef(p)}: global timeout reached: ${goDuration(limit / 1000)}`);
          continue;
        }
        try {
          ctx.api.evict(p.metadata.namespace!, p.metadata.name!, opts);
          waiting.push(p);
        } catch (e) {
          if (!isStatusError(e)) throw e;
          if (e.reason === 'NotFound') continue;
          if (e.reason === 'TooManyRequests') {
            ctx.err(`error when evicting ${podRef(p)} (will retry after 5s): ${e.message}\n`);
            refused.push(p);
            continue;
          }
          errors.push(`error when evicting ${podRef(p)}: ${e.message}`);
        }
      }
      retry = refused;
      nextAttempt = ctx.now + 5000;
    }
    report();
    if (!retry.length && !waiting.length) break;
    if (ctx.now >= deadline) {
      for (const p of waiting)
        errors.push(
          `error when waiting for pod "${p.metadata.name}" in namespace "${p.metadata.namespace}" to terminate: global timeout reached: ${goDuration(limit / 1000)}`,
        );
      waiting = [];
      // the refused pods wake at their next try, print their line and find the deadline passed
      if (!retry.length) break;
    }
    // waitForDelete: on the virtual clock, time passes while kubectl waits for the pods to go or the next retry
    const until = retry.length ? nextAttempt : deadline;
    ctx.wait(() => waiting.some((p) => gone(ctx, p)), until - ctx.now);
  }
  return errors;
}
