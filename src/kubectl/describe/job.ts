// kubectl describe job (staging/src/k8s.io/kubectl/pkg/describe/describe.go, describeJob).

import type { KObject } from '../../api/meta';
import { rfc1123z } from '../printers/time';
import { formatLabelSelector } from '../../api/format';
import { humanDuration } from '../../api/format';
import { labels, annotations } from './format';
import { describePodTemplate } from './pod';

/** capIndexesListOrNone: completed indexes cut after the first comma past 50 characters. */
export function capIndexes(indexes: string | undefined, softLimit = 50): string {
  if (!indexes) return '<none>';
  let ix = softLimit;
  while (ix < indexes.length && indexes[ix] !== ',') ix++;
  return ix >= indexes.length ? indexes : indexes.slice(0, ix + 1) + '...';
}

export function describeJob(job: KObject, w: string[]): void {
  const s = job.spec ?? {},
    st = job.status ?? {};
  w.push(`Name:\t${job.metadata.name}\n`, `Namespace:\t${job.metadata.namespace}\n`);
  w.push(`Selector:\t${s.selector ? formatLabelSelector(s.selector) : ''}\n`);
  labels(w, 'Labels', job.metadata.labels);
  annotations(w, 'Annotations', job.metadata.annotations);
  const owner = (job.metadata.ownerReferences ?? []).find((r) => r.controller);
  if (owner) w.push(`Controlled By:\t${owner.kind}/${owner.name}\n`);
  if (s.parallelism !== undefined) w.push(`Parallelism:\t${s.parallelism}\n`);
  w.push(`Completions:\t${s.completions ?? '<unset>'}\n`);
  if (s.completionMode) w.push(`Completion Mode:\t${s.completionMode}\n`);
  if (s.suspend !== undefined) w.push(`Suspend:\t${s.suspend}\n`);
  if (s.backoffLimit !== undefined) w.push(`Backoff Limit:\t${s.backoffLimit}\n`);
  if (s.ttlSecondsAfterFinished !== undefined) w.push(`TTL Seconds After Finished:\t${s.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.push(`Start Time:\t${rfc1123z(st.startTime)}\n`);
  if (st.completionTime) w.push(`Completed At:\t${rfc1123z(st.completionTime)}\n`);
  if (st.startTime && st.completionTime)
    w.push(`Duration:\t${humanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime))}\n`);
  if (s.activeDeadlineSeconds !== undefined) w.push(`Active Deadline Seconds:\t${s.activeDeadlineSeconds}s\n`);
  const counts = `${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed`;
  w.push(
    st.ready === undefined
      ? `Pods Statuses:\t${st.active ?? 0} Active / ${counts}\n`
      : `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${counts}\n`,
  );
  if (s.completionMode === 'Indexed') w.push(`Completed Indexes:\t${capIndexes(st.completedIndexes)}\n`);
  describePodTemplate(w, s.template);
}
