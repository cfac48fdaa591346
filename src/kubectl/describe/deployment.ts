// DeploymentDescriber (pkg/describe/describe.go): replicas, strategy, the pod template, conditions, and the
// old and new ReplicaSets.

import type { Ctx } from '../context';
import type { KObject } from '../../api/meta';
import { labels, annotations, related } from './format';
import { describePodTemplate, withoutHash } from './pod';
import { rfc1123z } from '../printers/time';
import { formatLabelSelector } from '../../api/format';

const L1 = '  ';

export function describeDeployment(ctx: Ctx, d: KObject, w: string[]): void {
  const s = d.spec ?? {},
    st = d.status ?? {};
  w.push(
    `Name:\t${d.metadata.name}\n`,
    `Namespace:\t${d.metadata.namespace}\n`,
    `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`,
  );
  labels(w, 'Labels', d.metadata.labels);
  annotations(w, 'Annotations', d.metadata.annotations);
  w.push(`Selector:\t${formatLabelSelector(s.selector)}\n`);
  w.push(
    `Replicas:\t${s.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.push(`StrategyType:\t${s.strategy?.type ?? ''}\n`, `MinReadySeconds:\t${s.minReadySeconds ?? 0}\n`);
  const ru = s.strategy?.rollingUpdate;
  if (ru) w.push(`RollingUpdateStrategy:\t${ru.maxUnavailable} max unavailable, ${ru.maxSurge} max surge\n`);
  describePodTemplate(w, s.template);
  if (st.conditions?.length) {
    w.push('Conditions:\n  Type\tStatus\tReason\n', `${L1}----\t------\t------\n`);
    for (const c of st.conditions) w.push(`${L1}${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  // GetAllReplicaSetsInChunks: its error leaves the ReplicaSet lines out
  const rss = related(() => ctx.api.list('replicasets', { namespace: d.metadata.namespace, ownerUid: d.metadata.uid }));
  if (!rss) return;
  rss.sort((a, b) =>
    a.metadata.creationTimestamp! < b.metadata.creationTimestamp!
      ? -1
      : a.metadata.creationTimestamp! > b.metadata.creationTimestamp!
        ? 1
        : a.metadata.name! < b.metadata.name!
          ? -1
          : 1,
  );
  const tpl = withoutHash(s.template);
  const newRS = rss.find((rs) => withoutHash(rs.spec?.template) === tpl);
  const old = rss.filter((rs) => rs !== newRS && (rs.spec?.replicas ?? 0) !== 0);
  const fmt = (list: KObject[]) =>
    list.length
      ? list
          .map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`)
          .join(', ')
      : '<none>';
  w.push(`OldReplicaSets:\t${fmt(old)}\n`, `NewReplicaSet:\t${fmt(newRS ? [newRS] : [])}\n`);
}
