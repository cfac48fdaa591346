// kubectl describe of the pod controllers other than Deployments and Jobs (staging/src/k8s.io/kubectl/pkg/
// describe/describe.go): describeReplicaSet, describeStatefulSet (with describeVolumeClaimTemplates),
// describeDaemonSet and describeCronJob (with describeJobTemplate and printActiveJobs).

import type { Ctx } from '../context';
import type { KObject } from '../../api/meta';
import { controllerOf } from '../../api/meta';
import { isStatusError } from '../../api/errors';
import { fromLabelSelector, fromMap, matches } from '../../api/selectors';
import { canonicalQuantity } from '../../api/quantity';
import { rfc1123z } from '../printers/time';
import { formatLabels, formatLabelSelector } from '../../api/format';
import { labels, annotations, goList } from './format';
import { describePodTemplate } from './pod';

/** getPodStatusForController: the pods the selector matches whose controller is the object, by phase. */
export function podStatusForController(ctx: Ctx, o: KObject): string {
  // a ReplicationController's selector is a map
  const selector = o.kind === 'ReplicationController' ? fromMap(o.spec?.selector) : fromLabelSelector(o.spec?.selector);
  const counts: Record<string, number> = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  let pods: KObject[];
  try {
    pods = ctx.api.list('pods', { namespace: o.metadata.namespace, ownerUid: o.metadata.uid });
  } catch (e) {
    if (!isStatusError(e)) throw e;
    return `Pods Status:\tError listing pods: ${e.message}\n`;
  }
  for (const p of pods) {
    if (controllerOf(p)?.uid !== o.metadata.uid || !selector || !matches(selector, p.metadata.labels)) continue;
    const phase = p.status?.phase;
    if (phase in counts) counts[phase]++;
  }
  return `Pods Status:\t${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed\n`;
}

function controlledBy(w: string[], o: KObject): void {
  const ref = controllerOf(o);
  if (ref) w.push(`Controlled By:\t${ref.kind}/${ref.name}\n`);
}

/** describeReplicaSet, and describeReplicationController: a map selector, no Controlled By. */
export function describeReplicaSet(ctx: Ctx, rs: KObject, w: string[]): void {
  const s = rs.spec ?? {},
    st = rs.status ?? {};
  const rc = rs.kind === 'ReplicationController';
  w.push(
    `Name:\t${rs.metadata.name}\n`,
    `Namespace:\t${rs.metadata.namespace}\n`,
    `Selector:\t${rc ? formatLabels(s.selector) : formatLabelSelector(s.selector)}\n`,
  );
  labels(w, 'Labels', rs.metadata.labels);
  annotations(w, 'Annotations', rs.metadata.annotations);
  if (!rc) controlledBy(w, rs);
  w.push(`Replicas:\t${st.replicas ?? 0} current / ${s.replicas ?? 1} desired\n`);
  w.push(podStatusForController(ctx, rs));
  describePodTemplate(w, s.template);
  if (st.conditions?.length) {
    w.push('Conditions:\n  Type\tStatus\tReason\n', '  ----\t------\t------\n');
    for (const c of st.conditions) w.push(`  ${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
}

export function describeStatefulSet(ctx: Ctx, sts: KObject, w: string[]): void {
  const s = sts.spec ?? {},
    st = sts.status ?? {};
  w.push(
    `Name:\t${sts.metadata.name}\n`,
    `Namespace:\t${sts.metadata.namespace}\n`,
    `CreationTimestamp:\t${rfc1123z(sts.metadata.creationTimestamp)}\n`,
  );
  w.push(`Selector:\t${selectorString(s.selector)}\n`);
  labels(w, 'Labels', sts.metadata.labels);
  annotations(w, 'Annotations', sts.metadata.annotations);
  w.push(`Replicas:\t${s.replicas ?? 1} desired | ${st.replicas ?? 0} total\n`);
  w.push(`Update Strategy:\t${s.updateStrategy?.type ?? ''}\n`);
  const ru = s.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined) {
    w.push(`  Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.push(`  MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.push(podStatusForController(ctx, sts));
  describePodTemplate(w, s.template);
  describeVolumeClaimTemplates(w, s.volumeClaimTemplates);
}

/** describeVolumeClaimTemplates: access modes as Go prints a slice, `[ReadWriteOnce]`. */
export function describeVolumeClaimTemplates(w: string[], templates: any[] | undefined): void {
  if (!templates?.length) {
    w.push('Volume Claims:\t<none>\n');
    return;
  }
  w.push('Volume Claims:\n');
  for (const pvc of templates) {
    w.push(`  Name:\t${pvc.metadata?.name ?? ''}\n`);
    // GetPersistentVolumeClaimClass: the beta annotation first, then spec.storageClassName
    const cls =
      pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? '';
    w.push(`  StorageClass:\t${cls}\n`);
    labels(w, '  Labels', pvc.metadata?.labels);
    labels(w, '  Annotations', pvc.metadata?.annotations);
    const storage = pvc.spec?.resources?.requests?.storage;
    w.push(`  Capacity:\t${storage !== undefined ? canonicalQuantity(storage) : '<default>'}\n`);
    w.push(`  Access Modes:\t${goList(pvc.spec?.accessModes)}\n`);
  }
}

export function describeDaemonSet(ctx: Ctx, ds: KObject, w: string[]): void {
  const s = ds.spec ?? {},
    st = ds.status ?? {};
  w.push(`Name:\t${ds.metadata.name}\n`, `Selector:\t${selectorString(s.selector)}\n`);
  w.push(`Node-Selector:\t${formatLabels(s.template?.spec?.nodeSelector)}\n`);
  labels(w, 'Labels', ds.metadata.labels);
  annotations(w, 'Annotations', ds.metadata.annotations);
  // these five lines have no tab: they end the column block above
  w.push(`Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.push(`Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.push(`Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.push(`Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.push(`Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.push(podStatusForController(ctx, ds));
  describePodTemplate(w, s.template);
}

export function describeCronJob(cj: KObject, w: string[]): void {
  const s = cj.spec ?? {},
    st = cj.status ?? {};
  const orUnset = (v: unknown, suffix = '') => (v === undefined || v === null ? '<unset>' : `${v}${suffix}`);
  w.push(`Name:\t${cj.metadata.name}\n`, `Namespace:\t${cj.metadata.namespace}\n`);
  labels(w, 'Labels', cj.metadata.labels);
  annotations(w, 'Annotations', cj.metadata.annotations);
  w.push(`Schedule:\t${s.schedule ?? ''}\n`, `Concurrency Policy:\t${s.concurrencyPolicy ?? ''}\n`);
  w.push(`Suspend:\t${s.suspend === undefined ? '<unset>' : s.suspend ? 'True' : 'False'}\n`);
  w.push(`Successful Job History Limit:\t${orUnset(s.successfulJobsHistoryLimit)}\n`);
  w.push(`Failed Job History Limit:\t${orUnset(s.failedJobsHistoryLimit)}\n`);
  w.push(`Starting Deadline Seconds:\t${orUnset(s.startingDeadlineSeconds, 's')}\n`);
  // describeJobTemplate
  const js = s.jobTemplate?.spec ?? {};
  w.push(`Selector:\t${js.selector ? selectorString(js.selector) : '<unset>'}\n`);
  w.push(`Parallelism:\t${orUnset(js.parallelism)}\n`, `Completions:\t${orUnset(js.completions)}\n`);
  if (js.activeDeadlineSeconds !== undefined) w.push(`Active Deadline Seconds:\t${js.activeDeadlineSeconds}s\n`);
  describePodTemplate(w, js.template);
  w.push(`Last Schedule Time:\t${st.lastScheduleTime ? rfc1123z(st.lastScheduleTime) : '<unset>'}\n`);
  const active: any[] = st.active ?? [];
  w.push(`Active Jobs:\t${active.length ? active.map((j) => j.name).join(', ') : '<none>'}\n`);
}

/** labels.Selector's String(): FormatLabelSelector without its `<none>` for an empty selector. */
function selectorString(s: any): string {
  const text = formatLabelSelector(s);
  return text === '<none>' ? '' : text;
}
