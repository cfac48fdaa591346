// The order SortSubsets gives ports and subsets (pkg/api/v1/endpoints/util.go portsByHash, subsetsByHash): by
// the md5 of hashutil.DeepHashObject, i.e. of go-spew's "%#v" rendering of the v1 struct (types shown, strings
// bare, nil as <nil>, slice elements without their type). This is why kube-dns lists dns-tcp, dns, metrics.

import { createHash } from 'node:crypto';
import type { Address, Port, Subset } from './repack';

const str = (s: string | undefined) => `(string)${s ?? ''}`;
const ptr = (type: string, s: string | undefined) => `(*${type})${s === undefined ? '<nil>' : s}`;

export function spewPort(p: Port): string {
  return `{Name:${str(p.name)} Port:(int32)${p.port} Protocol:(v1.Protocol)${p.protocol} AppProtocol:${ptr('string', p.appProtocol)}}`;
}

function spewAddress(a: Address): string {
  const r = a.targetRef;
  const ref = r
    ? `(*v1.ObjectReference){Kind:${str(r.kind)} Namespace:${str(r.namespace)} Name:${str(r.name)} UID:(types.UID)${r.uid ?? ''} APIVersion:(string) ResourceVersion:(string) FieldPath:(string)}`
    : '(*v1.ObjectReference)<nil>';
  return `{IP:${str(a.ip)} Hostname:${str(a.hostname)} NodeName:${ptr('string', a.nodeName)} TargetRef:${ref}}`;
}

const list = (type: string, items: string[] | undefined) => `([]${type})${items ? `[${items.join(' ')}]` : '<nil>'}`;

export function spewSubset(s: Subset): string {
  return `(v1.EndpointSubset){Addresses:${list('v1.EndpointAddress', s.addresses?.map(spewAddress))} NotReadyAddresses:${list('v1.EndpointAddress', s.notReadyAddresses?.map(spewAddress))} Ports:${list('v1.EndpointPort', s.ports?.map(spewPort))}}`;
}

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

export const portHash = (p: Port): string => md5(`(v1.EndpointPort)${spewPort(p)}`);
export const subsetHash = (s: Subset): string => md5(spewSubset(s));

export function sortByHash<T>(items: T[], hash: (t: T) => string): T[] {
  const keyed = items.map((t) => [hash(t), t] as const);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return keyed.map(([, t]) => t);
}
