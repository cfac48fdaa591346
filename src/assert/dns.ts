// DNS assertions on the model, with messages for people: what the name resolved to (and as which FQDN), what
// was expected. The name is resolved as a ClusterFirst pod's resolver does (search path, ndots:5) from a pod or
// from a namespace, against CoreDNS's records.

import type { ApiServer } from '../apiserver/apiserver';
import type { Cluster } from '../cluster';
import type { ResourceInfo } from '../api/kinds';
import { isPodReady } from '../api/pod';
import { resolve, type Resolution, type From } from '../network/dns/resolve';
import { canonical } from '../api/dns/names';
import { podsOf } from '../scenario/pods-of';

/** `namespace`: where the named object is; by default the namespace the lookup is made from */
export type DnsExpectation =
  | { clusterIPOf: string; namespace?: string }
  | { podsOf: { info: ResourceInfo; name: string }; namespace?: string }
  | { podIP: string; namespace?: string }
  | { alias: string }
  | { nxdomain: true };

function describe(r: Resolution): string {
  if (r.kind === 'NXDOMAIN') return `does not resolve (NXDOMAIN; tried ${r.tried.join(', ')})`;
  if (r.kind === 'CNAME')
    return `is an alias for ${r.target} (${r.name}), which the cluster's DNS does not resolve further`;
  return `resolves to ${r.ips.join(', ')} (${r.name}${r.cname ? `, an alias for ${r.cname.join(' -> ')}` : ''})`;
}

const sameSet = (a: string[], b: string[]): boolean =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Checks how `name` resolves from a pod or namespace; returns the failure message, or undefined when it holds. */
export function checkResolution(api: ApiServer, from: From, name: string, want: DnsExpectation): string | undefined {
  const fromNs = 'pod' in from ? (from.pod.metadata.namespace ?? 'default') : from.namespace;
  const r = resolve(api, from, name);
  const got = `"${name}" ${describe(r)}, from namespace "${fromNs}"`;
  if ('nxdomain' in want) return r.kind === 'NXDOMAIN' ? undefined : `expected "${name}" not to resolve, but ${got}`;
  if ('alias' in want) {
    const target = r.kind === 'CNAME' ? r.target : r.kind === 'A' ? r.cname?.[0] : undefined;
    return target === canonical(want.alias)
      ? undefined
      : `expected "${name}" to be an alias for ${canonical(want.alias)}, but ${got}`;
  }
  let expected: string[], what: string;
  if ('clusterIPOf' in want) {
    // `web` names the service in the namespace looked up from, `web.other` the service web in namespace other
    const [svcName, ns = want.namespace ?? fromNs] = want.clusterIPOf.split('.');
    const svc = api.get('services', ns, svcName);
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === 'None')
      return `service "${svcName}" in namespace "${ns}" has no cluster IP (${svc.spec?.type === 'ExternalName' ? 'ExternalName' : 'headless'})`;
    expected = [ip];
    what = `the cluster IP of service "${svcName}" in namespace "${ns}" (${ip})`;
  } else if ('podIP' in want) {
    const pod = api.get('pods', want.namespace ?? fromNs, want.podIP);
    if (!pod.status?.podIP) return `pod "${want.podIP}" has no IP yet (phase ${pod.status?.phase ?? 'Pending'})`;
    expected = [pod.status.podIP];
    what = `the IP of pod "${want.podIP}" (${pod.status.podIP})`;
  } else {
    const { info, name: objName } = want.podsOf;
    // a headless service answers with its ready endpoints: the ready pods that are not terminating
    const pods = podsOf(api, info, objName, want.namespace ?? fromNs).filter(
      (p) => p.status?.podIP && isPodReady(p) && !p.metadata.deletionTimestamp,
    );
    expected = pods.map((p) => p.status.podIP);
    what = `the IPs of the ready pods of ${info.singular} "${objName}" (${pods.map((p) => `${p.metadata.name} ${p.status.podIP}`).join(', ') || 'none'})`;
  }
  return r.kind === 'A' && sameSet(r.ips, expected)
    ? undefined
    : `expected "${name}" to resolve to ${what}, but ${got}`;
}

/** How `name` resolves from a pod or namespace (default `default`); throws the failure message. */
export function expectResolution(
  cluster: Cluster,
  name: string,
  want: DnsExpectation,
  from: From = { namespace: 'default' },
): void {
  const failure = checkResolution(cluster.api, from, name, want);
  if (failure) throw new Error(failure);
}
