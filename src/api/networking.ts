// kubeadm's ClusterConfiguration.networking, which configures every component of the cluster: the pod subnet
// (kube-controller-manager --cluster-cidr, kube-proxy --cluster-cidr), the service subnet (kube-apiserver
// --service-cluster-ip-range) and node-ipam's per-node mask (--node-cidr-mask-size), with kubeadm's checks
// (cmd/kubeadm/app/apis/kubeadm/validation: ValidateIPNetFromString, ValidatePodSubnetNodeMask,
// ValidateServiceSubnetSize).
import { formatCIDR, parseCIDR } from '../util/net';

export interface ClusterNetworking {
  /** `networking.podSubnet`, default 10.244.0.0/16 (flannel's) */
  podSubnet: string;
  /** `networking.serviceSubnet`, default 10.96.0.0/12 */
  serviceSubnet: string;
  /** node-ipam's `--node-cidr-mask-size`, default 24 */
  nodeCIDRMaskSize: number;
}

/** The API server's advertised address (kubeadm's localAPIEndpoint.advertiseAddress), the `kubernetes` Endpoints. */
export const APISERVER_ADDRESS = '172.18.0.2';

export const DEFAULT_NETWORKING: Readonly<ClusterNetworking> = {
  podSubnet: '10.244.0.0/16',
  serviceSubnet: '10.96.0.0/12',
  nodeCIDRMaskSize: 24,
};
/** constants.PodSubnetNodeMaskMaxDiff */
export const POD_SUBNET_NODE_MASK_MAX_DIFF = 16;
/** the smallest service subnet mask for IPv4 (ValidateServiceSubnetSize: at most 2^20 addresses) */
export const MIN_SERVICE_SUBNET_MASK = 12;

/** kubeadm's validation of the networking options: `networking.<field>: Invalid value: ...` lines, empty when valid. */
export function validateNetworking(n: ClusterNetworking): string[] {
  const errs: string[] = [];
  const invalid = (f: string, v: string | number, msg: string) =>
    errs.push(`networking.${f}: Invalid value: ${JSON.stringify(v)}: ${msg}`);
  const pod = parseCIDR(n.podSubnet),
    svc = parseCIDR(n.serviceSubnet);
  if (!pod) invalid('podSubnet', n.podSubnet, "couldn't parse subnet");
  if (!svc) invalid('serviceSubnet', n.serviceSubnet, "couldn't parse subnet");
  else if (svc.bits < MIN_SERVICE_SUBNET_MASK)
    invalid(
      'serviceSubnet',
      n.serviceSubnet,
      `specified service subnet is too large; for 32-bit addresses, the mask must be >= ${MIN_SERVICE_SUBNET_MASK}`,
    );
  if (pod) {
    const mask = n.nodeCIDRMaskSize,
      podText = formatCIDR(pod.network, pod.bits);
    if (pod.bits > mask)
      invalid(
        'podSubnet',
        podText,
        `the size of pod subnet with mask ${pod.bits} is smaller than the size of node subnet with mask ${mask}`,
      );
    else if (mask - pod.bits > POD_SUBNET_NODE_MASK_MAX_DIFF)
      invalid(
        'podSubnet',
        podText,
        `pod subnet mask (${pod.bits}) and node-mask (${mask}) difference is greater than ${POD_SUBNET_NODE_MASK_MAX_DIFF}`,
      );
  }
  return errs;
}
