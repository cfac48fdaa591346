// A packet as the nodes' netfilter rules see it (traffic/netfilter.ts walks it through iptables and IPVS), and
// what a `-m set` match asks of an ipset: shared by the network hub, the traffic walk and kube-proxy's IPVS sets.

export interface Packet {
  src: string;
  dst: string;
  /** lower case: tcp, udp, sctp */
  proto: string;
  dport: number;
  /** the source or destination is one of this node's addresses (addrtype LOCAL) */
  srcLocal: boolean;
  dstLocal: boolean;
  /** it came in over the node's container bridge (from a pod of this node) */
  bridged?: boolean;
  mark: number;
}

/** What a set match asks of an ipset: whether the packet's fields named by flags (`dst`, `dst,dst`, `dst,dst,src`) are in it. */
export interface IPSetView {
  test(pkt: Packet, flags: string): boolean;
}
