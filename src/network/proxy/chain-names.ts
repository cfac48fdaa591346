// pkg/proxy/iptables/proxier.go: chain names are a prefix and the first 16 characters of the base32 (RFC 4648,
// upper case) encoding of sha256(servicePortName + protocol [+ endpoint]), so they fit iptables' 28 characters.

import { hash } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** base32.StdEncoding of the bytes, first `n` characters (no padding needed below the full length). */
export function base32(bytes: Uint8Array, n: number): string {
  let out = '',
    bits = 0,
    value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < n) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length >= n) break;
  }
  return out;
}

function portProtoHash(servicePortName: string, protocol: string): string {
  return base32(hash('sha256', servicePortName + protocol, 'buffer'), 16);
}

/** KUBE-SVC-<hash>: the Cluster-policy chain (servicePortPolicyClusterChain). */
export const clusterPolicyChain = (spn: string, proto: string): string => `KUBE-SVC-${portProtoHash(spn, proto)}`;
/** KUBE-SVL-<hash>: the Local-policy chain (servicePortPolicyLocalChainName). */
export const localPolicyChain = (spn: string, proto: string): string => `KUBE-SVL-${portProtoHash(spn, proto)}`;
/** KUBE-EXT-<hash>: where NodePort, external IP and load balancer traffic goes (serviceExternalChainName). */
export const externalChain = (spn: string, proto: string): string => `KUBE-EXT-${portProtoHash(spn, proto)}`;
/** KUBE-FW-<hash>: loadBalancerSourceRanges (serviceFirewallChainName). */
export const firewallChain = (spn: string, proto: string): string => `KUBE-FW-${portProtoHash(spn, proto)}`;

/** KUBE-SEP-<hash>: one endpoint of a service port (servicePortEndpointChainName); endpoint is `ip:port`. */
export function endpointChain(spn: string, proto: string, endpoint: string): string {
  return `KUBE-SEP-${base32(hash('sha256', spn + proto + endpoint, 'buffer'), 16)}`;
}
