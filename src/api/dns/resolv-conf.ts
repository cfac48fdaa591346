// The pod's /etc/resolv.conf (pkg/kubelet/network/dns/dns.go GetPodDNS): the nameservers, search list and
// options each dnsPolicy gives, merged with spec.dnsConfig, written as containerd writes it (search, nameserver,
// options lines: parseDNSOptions in pkg/cri/server/sandbox_run.go).
// The kubelet writes it and the network's resolver reads it, so it stands below both.

import type { KObject } from '../meta';
import { CLUSTER_DNS_IP, HOST_NAMESERVER, clusterSearch } from './names';

export interface ResolvConf {
  nameservers: string[];
  searches: string[];
  options: string[];
}

/** validation.MaxDNSNameservers and MaxDNSSearchPaths: the kubelet trims to these. */
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;

/** The node's resolver, as a pod with dnsPolicy Default (or a hostNetwork ClusterFirst pod) gets it. */
function hostConf(): ResolvConf {
  return { nameservers: [HOST_NAMESERVER], searches: [], options: [] };
}

/** getPodDNSType: which configuration a pod's dnsPolicy selects. */
export function podDNSType(pod: KObject): 'cluster' | 'host' | 'none' {
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  if (policy === 'None') return 'none';
  if (policy === 'Default') return 'host';
  if (policy === 'ClusterFirstWithHostNet') return 'cluster';
  // ClusterFirst: a hostNetwork pod falls back to the node's resolver
  return pod.spec?.hostNetwork ? 'host' : 'cluster';
}

/** `clusterDNS`: the kubelet's clusterDNS, kube-dns's cluster IP (clusterDNSIP in ./names). */
export function podResolvConf(pod: KObject, clusterDNS = CLUSTER_DNS_IP): ResolvConf {
  const namespace = pod.metadata.namespace ?? 'default';
  let conf: ResolvConf;
  switch (podDNSType(pod)) {
    case 'none':
      conf = { nameservers: [], searches: [], options: [] };
      break;
    case 'host':
      conf = hostConf();
      break;
    default:
      conf = {
        nameservers: [clusterDNS],
        searches: [...clusterSearch(namespace), ...hostConf().searches],
        options: ['ndots:5'],
      };
  }
  return appendDNSConfig(conf, pod.spec?.dnsConfig);
}

/** appendDNSConfig: dnsConfig's nameservers and searches are added (duplicates dropped), its options override by name. */
function appendDNSConfig(conf: ResolvConf, dnsConfig: any): ResolvConf {
  if (!dnsConfig) return conf;
  const nameservers = unique([...conf.nameservers, ...(dnsConfig.nameservers ?? [])]).slice(0, MAX_NAMESERVERS);
  const searches = unique([...conf.searches, ...(dnsConfig.searches ?? [])]).slice(0, MAX_SEARCHES);
  const options = new Map<string, string>();
  for (const o of conf.options) {
    const [k, v] = o.split(':');
    options.set(k, v === undefined ? k : o);
  }
  for (const o of dnsConfig.options ?? [])
    options.set(o.name, o.value === undefined || o.value === null ? o.name : `${o.name}:${o.value}`);
  return { nameservers, searches, options: [...options.values()] };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** The file's text. */
export function formatResolvConf(c: ResolvConf): string {
  let out = '';
  if (c.searches.length) out += `search ${c.searches.join(' ')}\n`;
  if (c.nameservers.length) out += `nameserver ${c.nameservers.join('\nnameserver ')}\n`;
  if (c.options.length) out += `options ${c.options.join(' ')}\n`;
  return out;
}

/** ndots from the options (the resolver's default is 1). */
export function ndots(c: ResolvConf): number {
  const o = c.options.find((x) => x.startsWith('ndots:'));
  return o ? Math.min(15, Number(o.slice(6)) || 0) : 1;
}
