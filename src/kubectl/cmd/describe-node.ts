// describeNode and describeNamespace (staging/src/k8s.io/kubectl/pkg/describe/describe.go): conditions,
// addresses, capacity, system info, the node's non-terminated pods with their requests and limits as a share
// of allocatable, and the allocated totals.

import { limitRangeRows } from './describe-quota';
import type { Ctx } from '../context';
import type { KObject } from '../../api/meta';
import { milliValue, parseQuantity } from '../../api/quantity';
import { since } from '../printers/age';
import { rfc1123z } from '../printers/time';
import { nodeRoles } from '../printers/columns';
import { labels, annotations, taints, related } from './describe-helpers';

const L1 = '  ';

/** SortableResourceNames: by name. */
const sorted = (m: Record<string, string> | undefined) => Object.keys(m ?? {}).sort();

/** A CPU total as resource.Quantity prints it: whole cores, or millicores. */
export function cpuString(milli: number): string { return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`; }

/** A byte total: the largest binary suffix that divides it, else a decimal one, else plain. */
export function bytesString(bytes: number): string {
  if (bytes === 0) return '0';
  for (const [s, f] of [['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as [string, number][]) {
    if (bytes % f === 0) return `${bytes / f}${s}`;
  }
  for (const [s, f] of [['E', 1e18], ['P', 1e15], ['T', 1e12], ['G', 1e9], ['M', 1e6], ['k', 1e3]] as [string, number][]) {
    if (bytes % f === 0) return `${bytes / f}${s}`;
  }
  return String(bytes);
}

/** resourcehelper.PodRequestsAndLimits: containers summed, init containers as a maximum. */
function podTotals(pod: KObject, kind: 'requests' | 'limits'): Record<string, number> {
  const total: Record<string, number> = {};
  for (const c of pod.spec?.containers ?? []) {
    for (const [k, v] of Object.entries<string>(c.resources?.[kind] ?? {})) total[k] = (total[k] ?? 0) + milliValue(v);
  }
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [k, v] of Object.entries<string>(c.resources?.[kind] ?? {})) total[k] = Math.max(total[k] ?? 0, milliValue(v));
  }
  for (const [k, v] of Object.entries<string>(pod.spec?.overhead ?? {})) if (total[k] !== undefined) total[k] += milliValue(v);
  return total;
}

const pct = (part: number, whole: number) => (whole ? Math.trunc((part / whole) * 100) : 0);

export function describeNode(ctx: Ctx, node: KObject, w: string[]): void {
  const st = node.status ?? {}, info = st.nodeInfo ?? {};
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
    w.push('Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n', `${L1}----\t------\t-----------------\t------------------\t------\t-------\n`);
    for (const c of st.conditions) w.push(`${L1}${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  w.push('Addresses:\n');
  for (const a of st.addresses ?? []) w.push(`${L1}${a.type}:\t${a.address}\n`);
  for (const [title, list] of [['Capacity', st.capacity], ['Allocatable', st.allocatable]] as [string, Record<string, string>][]) {
    if (!Object.keys(list ?? {}).length) continue;
    w.push(`${title}:\n`);
    for (const k of sorted(list)) w.push(`  ${k}:\t${list[k]}\n`);
  }
  w.push('System Info:\n');
  for (const [label, key] of [['Machine ID', 'machineID'], ['System UUID', 'systemUUID'], ['Boot ID', 'bootID'], ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'], ['Operating System', 'operatingSystem'], ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'], ['Kubelet Version', 'kubeletVersion'], ['Kube-Proxy Version', 'kubeProxyVersion']]) {
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
  const alloc: Record<string, string> = Object.keys(node.status?.allocatable ?? {}).length ? node.status.allocatable : node.status?.capacity ?? {};
  const cpuAlloc = alloc.cpu ? milliValue(alloc.cpu) : 0;
  const memAlloc = alloc.memory ? parseQuantity(alloc.memory) : 0;
  w.push(`Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.push(`${L1}Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n`);
  w.push(`${L1}---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n`);
  const reqs: Record<string, number> = {}, lims: Record<string, number> = {};
  for (const p of pods) {
    const r = podTotals(p, 'requests'), l = podTotals(p, 'limits');
    for (const [k, v] of Object.entries(r)) reqs[k] = (reqs[k] ?? 0) + v;
    for (const [k, v] of Object.entries(l)) lims[k] = (lims[k] ?? 0) + v;
    const cr = r.cpu ?? 0, cl = l.cpu ?? 0, mr = (r.memory ?? 0) / 1000, ml = (l.memory ?? 0) / 1000;
    w.push(`${L1}${p.metadata.namespace}\t${p.metadata.name}\t\t${cpuString(cr)} (${pct(cr, cpuAlloc)}%)\t${cpuString(cl)} (${pct(cl, cpuAlloc)}%)\t${bytesString(mr)} (${pct(mr, memAlloc)}%)\t${bytesString(ml)} (${pct(ml, memAlloc)}%)\t${since(p.metadata.creationTimestamp, ctx.now)}\n`);
  }
  w.push('Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.push(`${L1}Resource\tRequests\tLimits\n`, `${L1}--------\t--------\t------\n`);
  const row = (name: string, fmt: (n: number) => string, whole: number, div = 1) => {
    const r = (reqs[name] ?? 0) / div, l = (lims[name] ?? 0) / div;
    w.push(`${L1}${name}\t${fmt(r)} (${pct(r, whole)}%)\t${fmt(l)} (${pct(l, whole)}%)\n`);
  };
  row('cpu', cpuString, cpuAlloc);
  row('memory', bytesString, memAlloc, 1000);
  row('ephemeral-storage', bytesString, alloc['ephemeral-storage'] ? parseQuantity(alloc['ephemeral-storage']) : 0, 1000);
  for (const k of Object.keys(alloc).filter((k) => k.startsWith('hugepages-')).sort()) row(k, bytesString, parseQuantity(alloc[k]), 1000);
}

export function describeNamespace(ctx: Ctx, ns: KObject): string {
  const w: string[] = [`Name:\t${ns.metadata.name}\n`];
  labels(w, 'Labels', ns.metadata.labels);
  annotations(w, 'Annotations', ns.metadata.annotations);
  w.push(`Status:\t${ns.status?.phase ?? ''}\n`);
  if (ns.status?.conditions?.length) {
    w.push('Conditions:\n', `${L1}Type\tStatus\tLastTransitionTime\tReason\tMessage\n`, `${L1}----\t------\t------------------\t------\t-------\n`);
    for (const c of ns.status.conditions) w.push(`${L1}${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
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
    w.push('Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n',
      ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    for (const lr of limits) w.push(...limitRangeRows(lr, ' '));
  }
  return w.join('');
}
