// The Node object a kubelet registers (pkg/kubelet/kubelet_node_status.go initialNode and the setters in
// pkg/kubelet/nodestatus/setters.go), shaped as a kubeadm node shows it.
// Simplification: allocatable equals capacity (no kube-reserved/system-reserved/eviction threshold).
import type { KObject } from '../api/meta';
import type { VirtualClock } from '../runtime/clock';
import { canonicalQuantity } from '../api/quantity';
import { Rng } from '../runtime/random';

export interface NodeSpec {
  name: string;
  cpu?: string;
  memory?: string;
  pods?: string | number;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
}

export const KUBELET_VERSION = 'v1.30.0';
export const CONTAINER_RUNTIME_VERSION = 'containerd://1.7.13';
export const KUBELET_PORT = 10250;

/** The node's InternalIP in kind's 172.18.0.0/16 network: 172.18.0.2 is the control plane (the API server), nodes
 *  follow in order of joining (172.18.0.255, then 172.18.1.0, as a /16 holds them). */
export function nodeInternalIP(index: number): string {
  const n = index + 2;
  return `172.18.${(n >> 8) & 255}.${n & 255}`;
}

export function nodeObject(spec: NodeSpec, index: number, clock: VirtualClock): KObject {
  const now = clock.iso();
  const capacity = {
    cpu: canonicalQuantity(spec.cpu ?? '4'),
    'ephemeral-storage': '102626232Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: canonicalQuantity(spec.memory ?? '16Gi'),
    pods: String(spec.pods ?? '110'),
  };
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    reason,
    message,
  });
  const node: KObject = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': spec.name,
        'kubernetes.io/os': 'linux',
        ...spec.labels,
      },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    // spec.podCIDR(s) come from the node IPAM controller (src/controllers/nodeipam)
    spec: {},
    status: {
      capacity,
      allocatable: { ...capacity },
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: nodeInternalIP(index) },
        { type: 'Hostname', address: spec.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: uuidFrom(`${spec.name}/boot`),
        containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
        kernelVersion: '6.5.0-1025-azure',
        kubeProxyVersion: KUBELET_VERSION,
        kubeletVersion: KUBELET_VERSION,
        machineID: hexFrom(`${spec.name}/machine`, 32),
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: uuidFrom(`${spec.name}/system`),
      },
    },
  };
  if (spec.taints?.length) {
    node.spec.taints = spec.taints.map((t) =>
      t.value ? { key: t.key, value: t.value, effect: t.effect } : { key: t.key, effect: t.effect },
    );
  }
  return node;
}

/** Deterministic hex digits from a string (ids the kubelet reads from the machine). */
export function hexFrom(seed: string, n: number): string {
  return new Rng(seed).hex(n);
}

function uuidFrom(seed: string): string {
  const h = hexFrom(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
