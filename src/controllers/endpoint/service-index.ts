// The services of each namespace with their selectors, kept from the service watch, so that a pod event finds
// the services selecting it (GetPodServiceMemberships) without listing every service of the cluster.

import type { KObject } from '../../api/meta';
import { fromMap, matches, Selector } from '../../api/selectors';
import type { WatchEvent } from '../../client/controller';

export class ServiceSelectorIndex {
  private byNamespace = new Map<string, Map<string, Selector>>();

  /** Feed it every service watch event. */
  observe(ev: WatchEvent): void {
    const ns = ev.object.metadata.namespace!, name = ev.object.metadata.name!;
    let m = this.byNamespace.get(ns);
    if (ev.type === 'DELETED' || !ev.object.spec?.selector || ev.object.spec?.type === 'ExternalName') {
      m?.delete(name);
      if (m && !m.size) this.byNamespace.delete(ns);
      return;
    }
    if (!m) this.byNamespace.set(ns, (m = new Map()));
    m.set(name, fromMap(ev.object.spec.selector));
  }

  hasAny(namespace: string): boolean { return this.byNamespace.has(namespace); }

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

/** What about a pod the endpoints depend on; a change elsewhere (annotations, container statuses) is ignored. */
export function podEndpointState(pod: KObject | undefined): string {
  if (!pod) return '';
  const s = pod.status ?? {};
  // a pod without an IP is in no Endpoints, whatever else changes (scheduling, conditions)
  if (!s.podIP && !s.podIPs?.length) return '';
  const ready = s.conditions?.find((c: any) => c.type === 'Ready');
  return JSON.stringify([pod.metadata.uid, s.podIP, s.podIPs, ready?.status, ready?.lastTransitionTime, s.phase,
    !!pod.metadata.deletionTimestamp, pod.spec?.nodeName, pod.spec?.hostname, pod.spec?.subdomain]);
}
