// Name resolution from inside a pod, as its stub resolver does it with the pod's /etc/resolv.conf: a name with at
// least `ndots` dots (or a trailing dot) is tried as is first, otherwise each search domain is tried first and the
// name as is last; the first answer that is not NXDOMAIN wins. CNAMEs are followed inside the cluster zone.
// This is the function other components call: `resolve(api, { namespace } | { pod }, name)`.

import type { ApiServer } from '../../apiserver/apiserver';
import type { KObject } from '../../api/meta';
import { CoreDNS } from './records';
import { canonical, clusterDNSIP } from '../../api/dns/names';
import { type ResolvConf, ndots, podResolvConf } from '../../api/dns/resolv-conf';

export type Resolution =
  /** `name` is the FQDN that answered; `cname` the alias chain that led to the addresses */
  | { kind: 'A'; name: string; ips: string[]; cname?: string[] }
  /** an alias whose target has no address the cluster's DNS knows (an external name) */
  | { kind: 'CNAME'; name: string; target: string }
  | { kind: 'NXDOMAIN'; name: string; tried: string[] };

/** Where a lookup is made from: a pod, or any ClusterFirst pod of a namespace. */
export type From = { pod: KObject } | { namespace: string };

const MAX_CNAME_CHAIN = 8;

/** The resolver configuration a lookup from there uses. */
export function resolvConfOf(from: From, api: ApiServer): ResolvConf {
  const pod = 'pod' in from ? from.pod : { metadata: { namespace: from.namespace }, spec: {} };
  return podResolvConf(pod, clusterDNSIP(api));
}

/** The names the resolver tries, in order (glibc res_search / musl name_from_dns_search). */
export function candidates(name: string, conf: ResolvConf): string[] {
  if (name.endsWith('.')) return [canonical(name)];
  const n = canonical(name);
  const dots = (n.match(/\./g) ?? []).length;
  const searched = conf.searches.map((s) => `${n}.${canonical(s)}`);
  return dots >= ndots(conf) ? [n, ...searched] : [...searched, n];
}

/** Resolves a host name from a pod or namespace. An IP address resolves to itself. */
export function resolve(api: ApiServer, from: From, name: string): Resolution {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return { kind: 'A', name, ips: [name] };
  const conf = resolvConfOf(from, api);
  const tried = candidates(name, conf);
  // only the cluster's DNS server knows the cluster zone; the node's resolver and others answer NXDOMAIN here
  if (!conf.nameservers.includes(clusterDNSIP(api))) return { kind: 'NXDOMAIN', name: canonical(name), tried };
  const dns = new CoreDNS(api);
  for (const fqdn of tried) {
    const r = follow(dns, fqdn);
    if (r) return r;
  }
  return { kind: 'NXDOMAIN', name: canonical(name), tried };
}

/** One query with its CNAME chain; undefined when the name does not exist (the next candidate is tried). */
function follow(dns: CoreDNS, fqdn: string): Resolution | undefined {
  const chain: string[] = [];
  let qname = fqdn;
  for (let i = 0; i < MAX_CNAME_CHAIN; i++) {
    const a = dns.lookup(qname, 'A');
    if (a.type === 'A')
      return chain.length ? { kind: 'A', name: fqdn, ips: a.ips, cname: chain } : { kind: 'A', name: fqdn, ips: a.ips };
    if (a.type === 'CNAME') {
      chain.push(a.target);
      qname = a.target;
      continue;
    }
    if (chain.length) return { kind: 'CNAME', name: fqdn, target: chain[0] };
    // NODATA stops the search as an answer with no address; the stub resolver reports it as not found
    return undefined;
  }
  return { kind: 'CNAME', name: fqdn, target: chain[0] };
}
