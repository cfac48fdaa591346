// The services of each namespace with their selectors, kept from the service watch, so that a pod event finds
// the services selecting it (GetPodServiceMemberships) without listing every service of the cluster.

import type { PodStatus } from '../../api/types';
import { type KObject, deepEqual } from '../../api/meta';
import { fromMap, matches, type Selector } from '../../api/selectors';
import type { WatchEvent } from '../../client/controller';

export class ServiceSelectorIndex {
  private byNamespace = new Map<string, Map<string, Selector>>();

  /** Feed it every service watch event. */
  observe(ev: WatchEvent): void {
    const ns = ev.object.metadata.namespace!,
      name = ev.object.metadata.name!;
    let m = this.byNamespace.get(ns);
    if (ev.type === 'DELETED' || !ev.object.spec?.selector || ev.object.spec?.type === 'ExternalName') {
      m?.delete(name);
      if (m && !m.size) this.byNamespace.delete(ns);
      return;
    }
    if (!m) this.byNamespace.set(ns, (m = new Map()));
    m.set(name, fromMap(ev.object.spec.selector));
  }

  hasAny(namespace: string): boolean {
    return this.byNamespace.has(namespace);
  }

  /** Keys of the services whose selector matches any of the label sets. */
  servicesFor(pod: KObject, ...labelSets: (Record<string, string> | undefined)[]): string[] {
    const ns = pod.metadata.namespace!;
    const out: string[] = [];
    for (const [name, sel] of this.byNamespace.get(ns) ?? []) {
      if (labelSets.some((l) => l && matches(sel, l))) out.push(`${ns}/${name}`);
    }
    return out;
  }
}

/**
 * Whether what the endpoints depend on changed between two versions of a pod; a change elsewhere (annotations,
 * container statuses) is ignored, and a pod without an IP is in no Endpoints whatever else changes (scheduling, conditions).
 */
export function endpointStateChanged(a: KObject, b: KObject): boolean {
  const sa = a.status ?? {},
    sb = b.status ?? {};
  const hasIP = (s: PodStatus) => !!s.podIP || !!s.podIPs?.length;
  if (!hasIP(sa) || !hasIP(sb)) return hasIP(sa) !== hasIP(sb);
  const ra = ready(sa),
    rb = ready(sb);
  return (
    !same(a.metadata.uid, b.metadata.uid) ||
    !same(sa.podIP, sb.podIP) ||
    !(same(sa.podIPs, sb.podIPs) || deepEqual(sa.podIPs, sb.podIPs)) ||
    !same(ra?.status, rb?.status) ||
    !same(ra?.lastTransitionTime, rb?.lastTransitionTime) ||
    !same(sa.phase, sb.phase) ||
    !a.metadata.deletionTimestamp !== !b.metadata.deletionTimestamp ||
    !same(a.spec?.nodeName, b.spec?.nodeName) ||
    !same(a.spec?.hostname, b.spec?.hostname) ||
    !same(a.spec?.subdomain, b.spec?.subdomain)
  );
}

const ready = (s: PodStatus) => s.conditions?.find((c) => c.type === 'Ready');
/** equal, unset counting as null (as the JSON these were once compared through) */
const same = (x: unknown, y: unknown) => x === y || (x == null && y == null);
