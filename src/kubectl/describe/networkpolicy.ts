// kubectl describe networkpolicy (staging/src/k8s.io/kubectl/pkg/describe/describe.go describeNetworkPolicy,
// describeNetworkPolicySpec, printNetworkPolicySpecIngressFrom/EgressTo). The describer prints no events.

import type { KObject } from '../../api/meta';
import { formatLabelSelector } from '../../api/format';
import { labels, annotations } from './format';

const L1 = '  ';

/** metav1.Time's String(): `2006-01-02 15:04:05 +0000 UTC`. */
const goTime = (iso: string | undefined) => (iso ? `${iso.replace('T', ' ').replace('Z', '')} +0000 UTC` : '');

export function describeNetworkPolicy(np: KObject, w: string[]): void {
  const spec = np.spec ?? {};
  w.push(
    `Name:\t${np.metadata.name}\n`,
    `Namespace:\t${np.metadata.namespace}\n`,
    `Created on:\t${goTime(np.metadata.creationTimestamp)}\n`,
  );
  labels(w, 'Labels', np.metadata.labels);
  annotations(w, 'Annotations', np.metadata.annotations);
  w.push('Spec:\n');
  const ps = spec.podSelector ?? {};
  const empty = !Object.keys(ps.matchLabels ?? {}).length && !(ps.matchExpressions ?? []).length;
  w.push(
    `${L1}PodSelector: `,
    empty
      ? '    <none> (Allowing the specific traffic to all pods in this namespace)\n'
      : `    ${formatLabelSelector(ps)}\n`,
  );
  const types: string[] = spec.policyTypes ?? [];
  if (types.includes('Ingress')) {
    w.push(`${L1}Allowing ingress traffic:\n`);
    rules(w, spec.ingress ?? [], 'ingress');
  } else w.push(`${L1}Not affecting ingress traffic\n`);
  if (types.includes('Egress')) {
    w.push(`${L1}Allowing egress traffic:\n`);
    rules(w, spec.egress ?? [], 'egress');
  } else w.push(`${L1}Not affecting egress traffic\n`);
  w.push(`${L1}Policy Types: ${types.join(', ')}\n`);
}

function rules(w: string[], list: any[], dir: 'ingress' | 'egress'): void {
  const ind = '    ';
  if (!list.length) {
    w.push(`${ind}<none> (Selected pods are isolated for ${dir} connectivity)\n`);
    return;
  }
  const [peerKey, peerWord, any] =
    dir === 'ingress'
      ? ['from', 'From', 'From: <any> (traffic not restricted by source)']
      : ['to', 'To', 'To: <any> (traffic not restricted by destination)'];
  list.forEach((rule, i) => {
    const ports: any[] = rule?.ports ?? [];
    if (!ports.length) w.push(`${ind}To Port: <any> (traffic allowed to all ports)\n`);
    for (const p of ports) w.push(`${ind}To Port: ${p.port ?? '<nil>'}/${p.protocol ?? 'TCP'}\n`);
    const peers: any[] = rule?.[peerKey] ?? [];
    if (!peers.length) w.push(`${ind}${any}\n`);
    for (const peer of peers) {
      w.push(`${ind}${peerWord}:\n`);
      if (peer.podSelector && peer.namespaceSelector) {
        w.push(
          `${L1}${ind}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`,
          `${L1}${ind}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`,
        );
      } else if (peer.podSelector) w.push(`${L1}${ind}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
      else if (peer.namespaceSelector)
        w.push(`${L1}${ind}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
      else if (peer.ipBlock) {
        w.push(
          `${L1}${ind}IPBlock:\n`,
          `${L1}${L1}${ind}CIDR: ${peer.ipBlock.cidr}\n`,
          `${L1}${L1}${ind}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`,
        );
      }
    }
    if (i !== list.length - 1) w.push(`${ind}----------\n`);
  });
}
