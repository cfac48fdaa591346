// describeNode and describeNamespace (staging/src/k8s.io/kubectl/pkg/describe/describe.go): conditions,
// addresses, capacity, system info, the node's non-terminated pods with their requests and limits as a share
// of allocatable, and the allocated totals.

import { limitRangeRows } from './quota';
import type { Ctx } from '../context';
import type { KObject } from '../../api/meta';
import {
  type Exact,
  type QuantityValue,
  addQuantity,
  maxQuantity,
  milliValue,
  parseQuantity,
  quantityNumber,
  quantityOf,
  quantityString,
} from '../../api/quantity';
import { since } from '../../api/format';
import { rfc1123z } from '../printers/time';
import { nodeRoles } from '../../api/format';
import { labels, annotations, taints, related } from './format';

const L1 = '  ';

/** SortableResourceNames: by name. */
const sorted = (m: Record<string, string> | undefined) => Object.keys(m ?? {}).sort();

/** resourcehelper.PodRequestsAndLimits: containers summed, init containers as a maximum, overhead added. */
function podTotals(pod: KObject, kind: 'requests' | 'limits'): Record<string, Exact> {
  const total: Record<string, Exact> = {};
  for (const c of pod.spec?.containers ?? []) {
    for (const [k, v] of Object.entries<string>(c.resources?.[kind] ?? {}))
      total[k] = addQuantity(total[k], quantityOf(v));
  }
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [k, v] of Object.entries<string>(c.resources?.[kind] ?? {}))
      total[k] = maxQuantity(total[k], quantityOf(v));
  }
  for (const [k, v] of Object.entries<string>(pod.spec?.overhead ?? {})) {
    if (kind === 'requests' || total[k] !== undefined) total[k] = addQuantity(total[k], quantityOf(v));
  }
  return total;
}

const pct = (part: number, whole: number) => (whole ? Math.trunc((part / whole) * 100) : 0);

export function describeNode(ctx: Ctx, node: KObject, w: string[]): void {
  const st = node.status ?? {},
    info = st.nodeInfo ?? {};
  w.push(`Name:\t${node.metadata.name}\n`, `Roles:\t${nodeRoles(node)}\n`);
  labels(w, 'Labels', node.metadata.labels);
  annotations(w, 'Annotations', node.metadata.annotations);
  w.push(`CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  taints(w, 'Taints', node.spec?.taints);
  w.push(`Unschedulable:\t${!!node.spec?.unschedulable}\n`);
  const lease = related(() => ctx.api.tryGet('leases', 'kube-node-lease', node.metadata.name!));
  w.push('Lease:\n');
  w.push(`${L1}HolderIdentity:\t${lease?.spec?.holderIdentity ?? '<unset>'}\n`);
  w.push(`${L1}AcquireTime:\t${lease?.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
  w.push(`${L1}RenewTime:\t${lease?.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  if (st.conditions?.length) {
    w.push(
      'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n',
      `${L1}----\t------\t-----------------\t------------------\t------\t-------\n`,
    );
    for (const c of st.conditions)
      w.push(
        `${L1}${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
  }
  w.push('Addresses:\n');
  for (const a of st.addresses ?? []) w.push(`${L1}${a.type}:\t${a.address}\n`);
  for (const [title, list] of [
    ['Capacity', st.capacity],
    ['Allocatable', st.allocatable],
  ] as [string, Record<string, string>][]) {
    if (!Object.keys(list ?? {}).length) continue;
    w.push(`${title}:\n`);
    for (const k of sorted(list)) w.push(`  ${k}:\t${list[k]}\n`);
  }
  w.push('System Info:\n');
  for (const [label, key] of [
    ['Machine ID', 'machineID'],
    ['System UUID', 'systemUUID'],
    ['Boot ID', 'bootID'],
    ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'],
    ['Operating System', 'operatingSystem'],
    ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'],
    ['Kubelet Version', 'kubeletVersion'],
    ['Kube-Proxy Version', 'kubeProxyVersion'],
  ]) {
    w.push(`  ${label}:\t${info[key] ?? ''}\n`);
  }
  if (node.spec?.podCIDR) w.push(`PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w.push(`PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  if (node.spec?.providerID) w.push(`ProviderID:\t${node.spec.providerID}\n`);
  describeNodeResource(ctx, node, w);
}

function describeNodeResource(ctx: Ctx, node: KObject, w: string[]): void {
  // canViewPods: a user who may not list pods gets no pod and resource sections
  const listed = related(() => ctx.api.list('pods', { nodeName: node.metadata.name }));
  if (!listed) return;
  const pods = listed.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const alloc: Record<string, string> = Object.keys(node.status?.allocatable ?? {}).length
    ? node.status.allocatable
    : (node.status?.capacity ?? {});
  const value = (name: string) => (alloc[name] ? parseQuantity(alloc[name]) : 0);
  // fractions as kubectl computes them: CPU by MilliValue, the rest by Value
  const frac = (name: string, q: QuantityValue) => {
    const whole = name === 'cpu' ? (alloc.cpu ? milliValue(alloc.cpu) : 0) : value(name);
    const part = q ? (name === 'cpu' ? milliValue(quantityString(q)) : quantityNumber(q)) : 0;
    return whole ? Math.trunc((part / whole) * 100) : 0;
  };
  const cell = (name: string, q: QuantityValue) => `${quantityString(q)} (${frac(name, q)}%)`;
  w.push(`Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.push(`${L1}Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n`);
  w.push(`${L1}---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n`);
  const reqs: Record<string, Exact> = {},
    lims: Record<string, Exact> = {};
  for (const p of pods) {
    const r = podTotals(p, 'requests'),
      l = podTotals(p, 'limits');
    for (const [k, v] of Object.entries(r)) reqs[k] = addQuantity(reqs[k], v);
    for (const [k, v] of Object.entries(l)) lims[k] = addQuantity(lims[k], v);
    w.push(
      `${L1}${p.metadata.namespace}\t${p.metadata.name}\t\t${cell('cpu', r.cpu)}\t${cell('cpu', l.cpu)}\t${cell('memory', r.memory)}\t${cell('memory', l.memory)}\t${since(p.metadata.creationTimestamp, ctx.now)}\n`,
    );
  }
  w.push('Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.push(`${L1}Resource\tRequests\tLimits\n`, `${L1}--------\t--------\t------\n`);
  const row = (name: string) => w.push(`${L1}${name}\t${cell(name, reqs[name])}\t${cell(name, lims[name])}\n`);
  row('cpu');
  row('memory');
  row('ephemeral-storage');
  for (const k of Object.keys(alloc)
    .filter((k) => k.startsWith('hugepages-'))
    .sort())
    row(k);
}

export function describeNamespace(ctx: Ctx, ns: KObject): string {
  const w: string[] = [`Name:\t${ns.metadata.name}\n`];
  labels(w, 'Labels', ns.metadata.labels);
  annotations(w, 'Annotations', ns.metadata.annotations);
  w.push(`Status:\t${ns.status?.phase ?? ''}\n`);
  if (ns.status?.conditions?.length) {
    w.push(
      'Conditions:\n',
      `${L1}Type\tStatus\tLastTransitionTime\tReason\tMessage\n`,
      `${L1}----\t------\t------------------\t------\t-------\n`,
    );
    for (const c of ns.status.conditions)
      w.push(`${L1}${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  const quotas = related(() => ctx.api.list('resourcequotas', { namespace: ns.metadata.name })) ?? [];
  w.push('\n');
  if (!quotas.length) w.push('No resource quota.\n');
  else {
    w.push('Resource Quotas\n');
    for (const q of quotas) {
      w.push(`${L1}Name:\t${q.metadata.name}\n`, `${L1}Resource\tUsed\tHard\n`, `${L1}--------\t---\t---\n`);
      for (const k of sorted(q.status?.hard)) w.push(`${L1}${k}\t${q.status?.used?.[k] ?? '0'}\t${q.status.hard[k]}\n`);
    }
  }
  const limits = related(() => ctx.api.list('limitranges', { namespace: ns.metadata.name })) ?? [];
  w.push('\n');
  if (!limits.length) w.push('No LimitRange resource.\n');
  else {
    w.push(
      'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n',
      ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n',
    );
    for (const lr of limits) w.push(...limitRangeRows(lr, ' '));
  }
  return w.join('');
}
