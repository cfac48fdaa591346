// Prints the engine's figures (never asserted in tests): cluster creation, one typical scenario, a large
// converge, and the cost of one small change as the cluster grows.
//   npm run bench            all figures
//   npm run bench -- quick   skips the 30,000-replica converge
//   npm run bench -- serve   only the figures of kspec serve (bench/serve.ts)

import { createCluster, Cluster } from '../src';
import { serveFigures } from './serve';

const quick = process.argv.includes('quick');
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

function time(fn: () => void): number { const t0 = process.hrtime.bigint(); fn(); return ms(t0); }

function deployment(name: string, replicas: number, extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, labels: {app: ${name}}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: app
        image: nginx:1.25
        ports: [{containerPort: 80}]${extra}
`;
}

const SCENARIO = `${deployment('web', 3)}---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 80}]
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv02-1gi}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteMany]
  storageClassName: nfs
  nfs: {path: /nfs/data/02, server: 192.168.11.101}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: nginx-pvc}
spec:
  accessModes: [ReadWriteMany]
  resources: {requests: {storage: 200Mi}}
  storageClassName: nfs
`;

function report(label: string, value: string): void { console.log(`${label.padEnd(58)} ${value}`); }

const serveOnly = process.argv.includes('serve');
if (!serveOnly) engineFigures();
// 5. kspec serve: start-up, requests per second, watch latency, memory
serveFigures(report).catch((e) => { console.error(e); process.exitCode = 1; });

function engineFigures(): void {
// 1. cluster creation
for (let i = 0; i < 200; i++) createCluster({ seed: i });
const creation: number[] = [];
for (let i = 0; i < 2000; i++) creation.push(time(() => createCluster({ seed: i })));
report('new cluster, 3 nodes (median of 2000)', `${(median(creation) * 1000).toFixed(0)} µs`);

// 2. a typical scenario: 3 nodes, a 3-replica Deployment, a Service, a PV and a claim, converged
const scenario: number[] = [];
for (let i = 0; i < 220; i++) {
  const t = time(() => { const c = createCluster({ seed: i }); c.apply(SCENARIO); c.advance('30s'); });
  if (i >= 20) scenario.push(t);
}
report('typical scenario engine time (median of 200)', `${median(scenario).toFixed(2)} ms`);

// 3. cost of one change as the cluster grows: scale a small Deployment by one
for (const nodes of [3, 100, 1000]) {
  const c = createCluster({ nodes, timeline: false });
  for (let d = 0; d < Math.max(1, nodes / 10); d++) c.apply(deployment(`bg-${d}`, 10));
  c.apply(deployment('web', 3));
  const samples: number[] = [];
  for (let r = 4; r < 24; r++) samples.push(time(() => c.kubectl(`scale deployment web --replicas=${r}`)));
  report(`scale one Deployment by +1 in ${nodes} nodes, ${c.store.count('pods')} pods (median)`, `${median(samples).toFixed(2)} ms`);
}

// 3b. kube-proxy: the first sync of a node's rules, then one Service's change among many (partial sync)
{
  const c = createCluster({ nodes: 3, timeline: false });
  const svcs = Array.from({ length: 1000 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}}\nspec:\n  selector: {app: s${i}}\n  ports: [{port: 80}]\n`);
  c.apply(svcs.join('---\n'));
  const proxy = c.network.proxy('node-1');
  report('kube-proxy first sync, 1,000 Services (iptables)', `${time(() => proxy.tables()).toFixed(1)} ms`);
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    c.kubectl(`label service s${i} touched=yes`);
    samples.push(time(() => proxy.tables()));
  }
  report('  then one Service changes: resync (median)', `${median(samples).toFixed(2)} ms`);
}

// 4. the large converge
if (!quick) {
  const c: Cluster = createCluster({ nodes: 1000, timeline: false });
  const syncs0 = c.runtime.syncs;
  const t = time(() => c.apply(deployment('big', 30000)));
  const running = c.list('pods').filter((p) => p.status?.phase === 'Running').length;
  report('1,000 nodes, Deployment of 30,000 replicas: converge', `${(t / 1000).toFixed(2)} s (${c.runtime.syncs - syncs0} reconciles, ${running} pods Running)`);
  const t2 = time(() => c.kubectl('scale deployment big --replicas=30001'));
  report('  then scale it by +1', `${t2.toFixed(1)} ms`);
  report('  heap used', `${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
}
}
