// staging/src/k8s.io/endpointslice/topologycache (topologycache.go, utils.go, event.go): topology aware hints. The
// zones' shares of the ready nodes' allocatable CPU decide how many of a Service's ready endpoints each zone
// should get; every endpoint is first hinted for its own zone, then zones with more than their share give
// endpoints to zones with fewer. When the nodes or endpoints do not allow it, no hints are set and the Service gets
// a Warning `TopologyAwareHintsDisabled` event saying why.

import type { NodeCondition, SliceEndpoint } from '../../api/types';
import type { KObject } from '../../api/meta';
import { milliValue } from '../../api/quantity';
import { LABEL_TOPOLOGY_ZONE, hintsAnnotation } from '../../api/well-known';

/** endpoints a zone may take beyond its share before it is overloaded */
const OVERLOAD_THRESHOLD = 0.2;

export const NO_ZONE_SPECIFIED = 'One or more endpoints do not have a zone specified';
export const NO_ALLOCATED_HINTS_FOR_ZONES = 'No hints allocated for zones';
export const TOPOLOGY_AWARE_HINTS_ENABLED = 'Topology Aware Hints has been enabled';
export const TOPOLOGY_AWARE_HINTS_DISABLED = 'Topology Aware Hints has been disabled';
export const INSUFFICIENT_NODE_INFO =
  'Insufficient Node information: allocatable CPU or zone not specified on one or more nodes';
export const NODES_READY_IN_ONE_ZONE_ONLY = 'Nodes only ready in one zone';
export const INSUFFICIENT_NUMBER_OF_ENDPOINTS = 'Insufficient number of endpoints';
export const MIN_ALLOCATION_EXCEEDS_OVERLOAD_THRESHOLD =
  'Unable to allocate minimum required endpoints to each zone without exceeding overload threshold';

export const formatWithAddressType = (s: string, addressType: string): string => `${s}, addressType: ${addressType}`;

/** hintsEnabled: the annotation says Auto (or auto). */
export const hintsEnabled = (svc: KObject): boolean => ['Auto', 'auto'].includes(hintsAnnotation(svc));

export interface TopologyEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}
interface Allocation {
  minimum: number;
  maximum: number;
  desired: number;
}

const EXCLUDED_LABELS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'];
const isNodeReady = (n: KObject) =>
  (n.status?.conditions ?? []).some((c: NodeCondition) => c.type === 'Ready' && c.status === 'True');

/** SetNodes: each zone's share of the ready nodes' allocatable CPU; undefined when a node lacks a zone or CPU. */
export function cpuRatiosByZone(nodes: KObject[]): Map<string, number> | undefined {
  const byZone = new Map<string, number>();
  let total = 0;
  for (const n of nodes) {
    if (EXCLUDED_LABELS.some((l) => n.metadata.labels?.[l] !== undefined) || !isNodeReady(n)) continue;
    const zone = n.metadata.labels?.[LABEL_TOPOLOGY_ZONE];
    const cpu = n.status?.allocatable?.cpu !== undefined ? milliValue(n.status.allocatable.cpu) : 0;
    if (!zone || !cpu) return undefined;
    total += cpu;
    byZone.set(zone, (byZone.get(zone) ?? 0) + cpu);
  }
  // SetNodes: fewer than two zones leaves no ratios, reported as insufficient node information
  if (!total || byZone.size < 2) return undefined;
  return new Map([...byZone].sort(([a], [b]) => (a < b ? -1 : 1)).map(([z, cpu]) => [z, cpu / total]));
}

/** getAllocations: each zone's minimum, desired and maximum endpoints, or the reason there are none. */
export function getAllocations(
  ratios: Map<string, number> | undefined,
  numEndpoints: number,
): Map<string, Allocation> | string {
  if (!ratios) return INSUFFICIENT_NODE_INFO;
  if (ratios.size < 2) return NODES_READY_IN_ONE_ZONE_ONLY;
  if (ratios.size > numEndpoints)
    return `${INSUFFICIENT_NUMBER_OF_ENDPOINTS} (${numEndpoints} endpoints, ${ratios.size} zones)`;
  let remaining = numEndpoints,
    minTotal = 0;
  const out = new Map<string, Allocation>();
  for (const [zone, ratio] of ratios) {
    const desired = ratio * numEndpoints;
    const minimum = Math.ceil(desired * (1 / (1 + OVERLOAD_THRESHOLD)));
    out.set(zone, { minimum, desired: Math.max(desired, minimum), maximum: 0 });
    minTotal += minimum;
    remaining -= minimum;
    if (remaining < 0)
      return `${MIN_ALLOCATION_EXCEEDS_OVERLOAD_THRESHOLD} (${numEndpoints} endpoints, ${ratios.size} zones)`;
  }
  for (const a of out.values()) a.maximum = a.minimum + numEndpoints - minTotal;
  return out;
}

const ready = (ep: SliceEndpoint) => ep.conditions?.ready !== false;

/** getMost: the zone with the most left (ties to the first name). */
function getMost(zones: Map<string, number>): [string, number] {
  let zone = '',
    most = 0;
  for (const [z, n] of [...zones].sort(([a], [b]) => (a < b ? -1 : 1)))
    if (n > most) {
      zone = z;
      most = n;
    }
  return [zone, most];
}

/** getGivingAndReceivingZones: whole endpoints that zones over their share give to zones under it. */
export function givingAndReceiving(
  allocations: Map<string, Allocation>,
  allocated: Map<string, number>,
): [Map<string, number>, Map<string, number>] {
  const givingDesired = new Map<string, number>(),
    receivingDesired = new Map<string, number>();
  for (const [zone, a] of allocations) {
    const n = allocated.get(zone) ?? 0;
    if (n > a.desired) givingDesired.set(zone, n - a.desired);
    else if (n < a.desired) receivingDesired.set(zone, a.desired - n);
  }
  const giving = new Map<string, number>(),
    receiving = new Map<string, number>();
  for (;;) {
    const [gz, give] = getMost(givingDesired),
      [rz, receive] = getMost(receivingDesired);
    if (!gz || !rz || (give < 1 && receive < 1) || give < 0.5 || receive < 0.5) break;
    giving.set(gz, (giving.get(gz) ?? 0) + 1);
    givingDesired.set(gz, give - 1);
    receiving.set(rz, (receiving.get(rz) ?? 0) + 1);
    receivingDesired.set(rz, receive - 1);
  }
  return [giving, receiving];
}

export interface HintsResult {
  hinted: boolean;
  events: TopologyEvent[];
}

/**
 * AddHints over the endpoints (in the given order): sets `hints` on each ready endpoint, or removes every hint and
 * says why. `alreadyHinted`: the Service had hints before (the Enabled event comes only when they start).
 */
export function addHints(
  endpoints: SliceEndpoint[],
  ratios: Map<string, number> | undefined,
  addressType: string,
  alreadyHinted: boolean,
): HintsResult {
  const remove = (message: string): HintsResult => {
    for (const ep of endpoints) delete ep.hints;
    return {
      hinted: false,
      events: [
        { type: 'Warning', reason: 'TopologyAwareHintsDisabled', message: formatWithAddressType(message, addressType) },
      ],
    };
  };
  const readyEps = endpoints.filter(ready);
  const allocations = getAllocations(ratios, readyEps.length);
  if (typeof allocations === 'string') return remove(allocations);
  const allocated = new Map<string, number>();
  for (const ep of endpoints) {
    if (!ready(ep)) {
      delete ep.hints;
      continue;
    }
    if (!ep.zone) return remove(NO_ZONE_SPECIFIED);
    allocated.set(ep.zone, (allocated.get(ep.zone) ?? 0) + 1);
    ep.hints = { forZones: [{ name: ep.zone }] };
  }
  const [giving, receiving] = givingAndReceiving(allocations, allocated);
  // redistributeHints
  for (const ep of readyEps) {
    if (!giving.size || !receiving.size) break;
    const zone = ep.zone!; // every ready endpoint has one: the loop above returned otherwise
    const give = giving.get(zone) ?? 0;
    if (give <= 0) continue;
    const to = [...receiving.keys()].sort().find((z) => receiving.get(z)! > 0);
    if (!to) continue;
    ep.hints = { forZones: [{ name: to }] };
    if (give === 1) giving.delete(zone);
    else giving.set(zone, give - 1);
    const r = receiving.get(to)!;
    if (r === 1) receiving.delete(to);
    else receiving.set(to, r - 1);
    allocated.set(to, (allocated.get(to) ?? 0) + 1);
    allocated.set(zone, allocated.get(zone)! - 1);
  }
  if (!allocated.size) return remove(NO_ALLOCATED_HINTS_FOR_ZONES);
  const events: TopologyEvent[] = alreadyHinted
    ? []
    : [
        {
          type: 'Normal',
          reason: 'TopologyAwareHintsEnabled',
          message: formatWithAddressType(TOPOLOGY_AWARE_HINTS_ENABLED, addressType),
        },
      ];
  return { hinted: true, events };
}
