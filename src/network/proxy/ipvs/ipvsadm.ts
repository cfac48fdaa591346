// `ipvsadm -ln` (ipvsadm.c list_all, print_service_entry): services sorted by protocol number, address and port,
// each with its real servers sorted by address and port; and `ip addr show kube-ipvs0`.

import { parseIPv4 } from '../../../util/net';
import type { VirtualServer } from './proxier';

const PROTO_NUMBER: Record<string, number> = { TCP: 6, UDP: 17, SCTP: 132 };
const ipNum = (ip: string) => parseIPv4(ip) ?? 0;

export function sortVirtualServers(list: VirtualServer[]): VirtualServer[] {
  return [...list].sort(
    (a, b) =>
      PROTO_NUMBER[a.protocol] - PROTO_NUMBER[b.protocol] || ipNum(a.address) - ipNum(b.address) || a.port - b.port,
  );
}

export function ipvsadmList(list: VirtualServer[]): string {
  const lines = [
    'IP Virtual Server version 1.2.1 (size=4096)',
    'Prot LocalAddress:Port Scheduler Flags',
    '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
  ];
  for (const vs of sortVirtualServers(list)) {
    lines.push(
      `${vs.protocol}  ${vs.address}:${vs.port} ${vs.scheduler}${vs.persistent ? ` persistent ${vs.persistent}` : ''}`,
    );
    const dests = [...vs.dests].sort((a, b) => ipNum(a.ip) - ipNum(b.ip) || a.port - b.port);
    for (const d of dests)
      lines.push(
        `  -> ${`${d.ip}:${d.port}`.padEnd(28)} ${'Masq'.padEnd(7)} ${String(d.weight).padEnd(6)} ${'0'.padEnd(10)} 0`,
      );
  }
  return lines.join('\n') + '\n';
}

/** `ip addr show kube-ipvs0`: the dummy interface holding every bound service address. */
export function kubeIpvs0(addresses: string[], mac: string, index: number): string {
  const lines = [
    `${index}: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default`,
    `    link/ether ${mac} brd ff:ff:ff:ff:ff:ff`,
  ];
  for (const ip of [...new Set(addresses)].sort((a, b) => ipNum(a) - ipNum(b))) {
    lines.push(`    inet ${ip}/32 scope global kube-ipvs0`, '       valid_lft forever preferred_lft forever');
  }
  return lines.join('\n') + '\n';
}
