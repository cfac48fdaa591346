// The cluster's DNS settings as kubeadm configures them: the kubelet's clusterDomain and clusterDNS (the tenth
// IP of the service CIDR, cmd/kubeadm/app/constants GetDNSIP), and the node's own resolver, which pods with
// dnsPolicy Default inherit.

import { nthAddress } from '../../util/net';

export const CLUSTER_DOMAIN = 'cluster.local';
export const CLUSTER_DNS_IP = '10.96.0.10';

/** The cluster's DNS IP for its service subnet (GetDNSIP: the tenth address). */
export function clusterDNSIP(api: { networking: { serviceSubnet: string } }): string {
  const subnet = api.networking.serviceSubnet;
  if (subnet !== dnsFor.subnet) {
    dnsFor.subnet = subnet;
    dnsFor.ip = nthAddress(subnet, 10);
  }
  return dnsFor.ip;
}
/** the last answer: every container asks, and clusters share the default subnet */
const dnsFor = { subnet: '', ip: '' };
/** The nodes' /etc/resolv.conf: the container network's gateway, no search list (a kind node's). */
export const HOST_NAMESERVER = '172.18.0.1';

/** pkg/kubelet/network/dns: ClusterFirst's search list, `<ns>.svc.<domain> svc.<domain> <domain>`. */
export function clusterSearch(namespace: string, domain = CLUSTER_DOMAIN): string[] {
  return [`${namespace}.svc.${domain}`, `svc.${domain}`, domain];
}

/** A name as a lower-case FQDN without the trailing dot. */
export function canonical(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
