// Cluster: `a cluster with {int} node(s)`, `a cluster with nodes:` (a table), `the cluster has no cloud provider`, and nodes' zones.
import { Given, type DataTable } from '@cucumber/cucumber';
import type { KspecWorld } from './world';
import type { ClusterOptions, NodeSpec } from '../src/cluster';

// Nodes node-1 … node-N, Ready, 4 CPUs, 16Gi, 110 pods each, plus what kubeadm creates; e.g. `Given a cluster with 3 nodes`
Given('a cluster with {int} node(s)', async function (this: KspecWorld, n: number) {
  return this.skipWhen(await this.target.createCluster(n));
});

const NETWORKING: Record<string, (v: string) => Partial<ClusterOptions>> = {
  podSubnet: (v) => ({ podSubnet: v }),
  serviceSubnet: (v) => ({ serviceSubnet: v }),
  nodeCIDRMaskSize: (v) => ({ nodeCIDRMaskSize: Number(v) }),
};

// Model-only (kubeadm's networking options): kubeadm's networking (podSubnet, serviceSubnet) and node IPAM's node CIDR mask size, as rows of name and value; e.g. `Given a cluster with 300 nodes and networking:` and rows `| podSubnet | 10.0.0.0/8 |`, `| nodeCIDRMaskSize | 24 |`
Given('a cluster with {int} node(s) and networking:', function (this: KspecWorld, n: number, table: DataTable) {
  let opts: Partial<ClusterOptions> = {};
  for (const [k, v] of Object.entries(table.rowsHash())) {
    const set = NETWORKING[k.trim()];
    if (!set) throw new Error(`unknown networking setting "${k}": use ${Object.keys(NETWORKING).join(', ')}`);
    opts = { ...opts, ...set(v.trim()) };
  }
  this.createCluster(n, opts);
});

/** `k=v,k2=v2` */
export function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const i = part.indexOf('=');
    if (i <= 0) throw new Error(`labels are written k=v,k2=v2; cannot read "${part}"`);
    out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

/** `key=value:Effect,key:Effect` */
export function parseTaints(text: string): NonNullable<NodeSpec['taints']> {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part) => {
      const m = part.match(/^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/);
      if (!m)
        throw new Error(
          `taints are written key=value:Effect (Effect one of NoSchedule, PreferNoSchedule, NoExecute); cannot read "${part}"`,
        );
      return m[2] === undefined ? { key: m[1], effect: m[3] } : { key: m[1], value: m[2], effect: m[3] };
    });
}

const COLUMNS = new Set(['name', 'cpu', 'memory', 'pods', 'labels', 'taints']);

// Nodes from a table: name and optional cpu, memory, pods, labels (k=v,…), taints (key=value:Effect,…); e.g. `Given a cluster with nodes:` and rows `| name | labels |`, `| node-1 | disk=ssd |`
Given('a cluster with nodes:', async function (this: KspecWorld, table: DataTable) {
  const specs = table.hashes().map((row): NodeSpec => {
    for (const col of Object.keys(row))
      if (!COLUMNS.has(col)) throw new Error(`unknown column "${col}": use name, cpu, memory, pods, labels, taints`);
    if (!row.name) throw new Error('every node needs a name');
    const spec: NodeSpec = { name: row.name.trim() };
    if (row.cpu?.trim()) spec.cpu = row.cpu.trim();
    if (row.memory?.trim()) spec.memory = row.memory.trim();
    if (row.pods?.trim()) spec.pods = row.pods.trim();
    if (row.labels?.trim()) spec.labels = parseLabels(row.labels);
    if (row.taints?.trim()) spec.taints = parseTaints(row.taints);
    return spec;
  });
  return this.skipWhen(await this.target.createCluster(specs));
});

// Model-only (cloud provider): no cloud provider, as a kubeadm cluster: no service controller, so a LoadBalancer Service keeps EXTERNAL-IP <pending>; e.g. `Given the cluster has no cloud provider`
Given('the cluster has no cloud provider', function (this: KspecWorld) {
  this.cluster.withoutCloudProvider();
});

// Labels the node with topology.kubernetes.io/zone, as a cloud's node controller does; e.g. `Given node "node-1" is in zone "zone-a"`
Given('node {string} is in zone {string}', async function (this: KspecWorld, node: string, zone: string) {
  const r = await this.target.kubectl(`label node ${node} topology.kubernetes.io/zone=${zone} --overwrite`, {
    cwd: this.featureDir,
  });
  if (r.exitCode !== 0) throw new Error(r.stderr.trim());
});

// The model's bound on pods (and claims) the cluster holds (default 10,000): creates past it are refused with a
// message naming the limit (src/apiserver/capacity.ts); e.g. `Given the cluster holds at most 500 pods`
Given('the cluster holds at most {int} pods', function (this: KspecWorld, n: number) {
  this.cluster.api.maxObjects = n;
});
