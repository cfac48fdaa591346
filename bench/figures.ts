// The benchmark's sections, one per process so each starts from a clean heap (its RSS is its own):
//   node --require ts-node/register/transpile-only bench/figures.ts <section> [args]
// Times are CPU time of this process (user + system), so a busy machine slows them less than wall time would.
import { createCluster, type Cluster } from '../src';
import { saveTable } from '../src/network/proxy/iptables/save';
import { serveFigures } from './serve';

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const time = (fn: () => void) => {
  const t = cpu();
  fn();
  return cpu() - t;
};
/** wall time, for sub-millisecond figures (CPU time's resolution is too coarse there) */
const wall = (fn: () => void) => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
const n = (x: number) => x.toLocaleString('en-US');
export function report(label: string, value: string): void {
  console.log(`${label.padEnd(72)} ${value}`);
}

function deployment(name: string, replicas: number, ns = 'default', extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}, labels: {app: ${name}}}
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
const service = (name: string, ns = 'default') =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  selector: {app: ${name}}\n  ports: [{port: 80}]\n`;

const SCENARIO = `${deployment('web', 3)}---
${service('web')}---
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

const sections: Record<string, (args: string[]) => void> = {
  /** a fixed amount of pure computation: a slow machine shows here as much as in the figures */
  calibration() {
    const samples: number[] = [];
    for (let r = 0; r < 5; r++)
      samples.push(
        wall(() => {
          const a = Array.from({ length: 200_000 }, (_, i) => (i * 2654435761) % 1_000_003);
          a.sort((x, y) => x - y);
          const m = new Map<string, number>();
          for (let i = 0; i < 100_000; i++) m.set(`k${i % 5000}`, i);
        }),
      );
    report('calibration loop (sort 200k numbers, 100k map writes; median of 5)', `${median(samples).toFixed(1)} ms`);
  },

  /** small figures as mean CPU time over many repetitions (a per-call CPU clock is too coarse; wall time follows the load) */
  small() {
    for (let i = 0; i < 200; i++) createCluster({ seed: i });
    const creation =
      time(() => {
        for (let i = 0; i < 2000; i++) createCluster({ seed: i });
      }) / 2000;
    report('new cluster, 3 nodes (mean CPU of 2,000)', `${creation.toFixed(2)} ms`);
    for (let i = 0; i < 20; i++) {
      const c = createCluster({ seed: i });
      c.apply(SCENARIO);
      c.advance('30s');
    }
    const scenario =
      time(() => {
        for (let i = 0; i < 200; i++) {
          const c = createCluster({ seed: i });
          c.apply(SCENARIO);
          c.advance('30s');
        }
      }) / 200;
    report(
      'typical scenario: 3 nodes, Deployment, Service, PV, claim, 30 s (mean CPU of 200)',
      `${scenario.toFixed(2)} ms`,
    );
    const costs: string[] = [];
    for (const nodes of [3, 100, 1000]) {
      const c = createCluster({ nodes, timeline: false });
      for (let d = 0; d < Math.max(1, nodes / 10); d++) c.apply(deployment(`bg-${d}`, 10));
      c.apply(deployment('web', 3));
      costs.push(
        (
          time(() => {
            for (let r = 4; r < 44; r++) c.kubectl(`scale deployment web --replicas=${r}`);
          }) / 40
        ).toFixed(2),
      );
    }
    report('scale one Deployment by +1 in 3 / 100 / 1,000 nodes (mean CPU of 40)', `${costs.join(' / ')} ms`);
  },

  /** one virtual hour of a 100-node cluster: four Deployments with probes behind Services, a CronJob every minute */
  hour() {
    const c = createCluster({ nodes: 100 });
    const probes = `\n        readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 10}\n        livenessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 10}`;
    for (const [name, r] of [
      ['web', 20],
      ['api', 10],
      ['db', 3],
      ['cache', 5],
    ] as const)
      c.apply(`${deployment(name, r, 'default', probes)}---\n${service(name)}`);
    c.apply(
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: tick}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: tick, image: busybox:1.36, command: [sh, -c, "echo tick"]}]\n',
    );
    const t = time(() => c.advance('1h'));
    report(
      'one virtual hour, 100 nodes, 4 Deployments with probes, CronJob each minute',
      `${(t / 1000).toFixed(2)} s CPU (timeline ${n(c.timelineTotal())} entries, ${n(c.timeline().length)} kept)`,
    );
  },

  /** kube-proxy (iptables): S Services of E endpoints each (selectorless Services, EndpointSlices of 100) */
  proxy(args) {
    const S = Number(args[0] ?? 1000),
      E = Number(args[1] ?? 10);
    const c = createCluster({ nodes: 3, timeline: false });
    const ip = (s: number, e: number) => `10.${(s >> 8) & 255}.${s & 255}.${e}`;
    for (let s = 0; s < S; s++) {
      c.api.create({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `s${s}`, namespace: 'default' },
        spec: { ports: [{ port: 80, targetPort: 8080 }] },
      });
      for (let k = 0; k * 100 < E; k++) {
        const endpoints = Array.from({ length: Math.min(100, E - k * 100) }, (_, i) => ({
          addresses: [ip(s, k * 100 + i)],
          conditions: { ready: true },
          nodeName: `node-${1 + (i % 3)}`,
        }));
        c.api.create({
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: { name: `s${s}-${k}`, namespace: 'default', labels: { 'kubernetes.io/service-name': `s${s}` } },
          addressType: 'IPv4',
          endpoints,
          ports: [{ port: 8080, protocol: 'TCP' }],
        });
      }
    }
    c.converge();
    const proxy = c.network.proxy('node-1');
    const first = time(() => proxy.tables());
    const change: number[] = [];
    for (let i = 0; i < 40; i++) {
      const sl = c.api.get('endpointslices', 'default', `s${i % S}-0`);
      c.api.update({
        ...sl,
        endpoints: sl.endpoints.map((e: any, j: number) =>
          j === 0 ? { ...e, conditions: { ready: i % 2 === 1 } } : e,
        ),
      });
      change.push(wall(() => proxy.tables()));
    }
    report(
      `kube-proxy, ${n(S)} Services x ${n(E)} endpoints: first sync / one endpoint changes`,
      `${first.toFixed(0)} ms / ${median(change).toFixed(3)} ms (median)`,
    );
    if (S * E <= 300_000) {
      const t = proxy.tables();
      let text = '';
      const ms = time(() => {
        text = saveTable('nat', t.nat, 0);
      });
      const lines = text.split('\n').length;
      report(
        `  iptables-save -t nat of them: ${n(lines)} lines`,
        `${ms.toFixed(0)} ms (${((ms * 1000) / lines).toFixed(2)} µs a line)`,
      );
    }
  },

  /**
   * scheduler_perf's SchedulingBasic shape: nodes of 4 CPUs, 32Gi, 110 pods; pods of 100m/500Mi; no kubelets (as its
   * fake nodes). The pods are created first, then one converge schedules them: its CPU time is the scheduler's,
   * with the bindings' writes, Events and every watcher's reaction to them (one clock read, not one per attempt).
   */
  scheduler(args) {
    const N = Number(args[0] ?? 5000),
      INIT = Number(args[1] ?? 1000),
      MEASURE = Number(args[2] ?? 10000);
    const c = createCluster({
      nodes: Array.from({ length: N }, (_, i) => ({ name: `node-${i + 1}`, cpu: '4', memory: '32Gi', pods: 110 })),
      podSubnet: '10.0.0.0/8',
      timeline: false,
      maxObjects: 1_000_000,
    });
    for (let i = 1; i <= N; i++) {
      c.kubelets.stop(`node-${i}`);
      c.nodeStatus.stop(`node-${i}`);
    }
    const pod = (i: number) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `pod-${i}`, namespace: 'default' },
      spec: {
        containers: [
          {
            name: 'pause',
            image: 'registry.k8s.io/pause:3.9',
            ports: [{ containerPort: 80 }],
            resources: { limits: { cpu: '100m', memory: '500Mi' }, requests: { cpu: '100m', memory: '500Mi' } },
          },
        ],
      },
    });
    for (let i = 0; i < INIT; i++) c.api.create(pod(i));
    c.converge();
    const create = time(() => {
      for (let i = INIT; i < INIT + MEASURE; i++) c.api.create(pod(i));
    });
    const ms = time(() => c.converge());
    const bound = c.store.list('pods').filter((p) => p.spec?.nodeName).length;
    report(
      `scheduler_perf SchedulingBasic ${n(N)} nodes, ${n(INIT)} + ${n(MEASURE)} pods: scheduler`,
      `${n(Math.round((MEASURE / ms) * 1000))} pods/s (${n(bound)} bound; with pod creation ${n(Math.round((MEASURE / (ms + create)) * 1000))} pods/s)`,
    );
  },

  /** N namespaces, each a 15-replica Deployment and a Service, on `nodes` nodes: converged, Running and Ready */
  converge(args) {
    const NS = Number(args[0] ?? 667),
      NODES = Number(args[1] ?? 5000);
    const heap0 = process.memoryUsage().heapUsed;
    let c!: Cluster;
    const tNodes = time(() => {
      c = createCluster({ nodes: NODES, podSubnet: '10.0.0.0/8', timeline: false, maxObjects: 1_000_000 });
    });
    global.gc?.();
    const heapNodes = process.memoryUsage().heapUsed;
    const docs: string[] = [];
    for (let i = 0; i < NS; i++)
      docs.push(
        `apiVersion: v1\nkind: Namespace\nmetadata: {name: ns-${i}}\n---\n${deployment('web', 15, `ns-${i}`)}---\n${service('web', `ns-${i}`)}`,
      );
    const syncs = c.runtime.syncs;
    const t = time(() => {
      for (let i = 0; i < docs.length; i += 500) c.apply(docs.slice(i, i + 500).join('---\n'));
    });
    const pods = c.store.list('pods');
    const ready = pods.filter(
      (p) =>
        p.status?.phase === 'Running' &&
        p.status?.conditions?.some((x: any) => x.type === 'Ready' && x.status === 'True'),
    ).length;
    const endpoints = c.store.list('endpoints').filter((e) => e.subsets?.[0]?.addresses?.length === 15).length;
    const slices = c.store.list('endpointslices').filter((e) => e.endpoints?.length === 15).length;
    global.gc?.();
    const m = process.memoryUsage();
    report(
      `${n(NODES)} nodes, ${n(NS)} namespaces x Deployment of 15 + Service: converge`,
      `${(t / 1000).toFixed(2)} s CPU, ${n(c.runtime.syncs - syncs)} reconciles; ${n(ready)} pods Ready, ${n(endpoints)} Endpoints, ${n(slices)} slices full; RSS ${mib(m.rss)}`,
    );
    report(
      `  store: bytes per node / per pod (heap growth, Events and the model's records included)`,
      `${n(Math.round((heapNodes - heap0) / NODES))} / ${n(Math.round((m.heapUsed - heapNodes) / pods.length))} (nodes created in ${(tNodes / 1000).toFixed(2)} s CPU)`,
    );
    // the mean of 10, after one: the first scale of a process compiles kubectl's and the controllers' scale paths,
    // and one right after the forced collection above pays for sweeping the whole heap (CPU time counts the GC's threads)
    const scaleOne = (i: number) => c.kubectl(`scale deployment web --replicas=16 -n ns-${i}`);
    const first = time(() => scaleOne(0));
    const scale =
      time(() => {
        for (let i = 1; i <= 10; i++) scaleOne(i % NS);
      }) / 10;
    report(
      '  then scale one Deployment by +1 (mean CPU of 10, after a first)',
      `${scale.toFixed(1)} ms (the first: ${first.toFixed(1)} ms)`,
    );
  },
};

const [name, ...args] = process.argv.slice(2);
if (name === 'serve')
  serveFigures(report).catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
else if (!sections[name]) {
  console.error(`unknown section "${name}": serve, ${Object.keys(sections).join(', ')}`);
  process.exit(2);
} else sections[name](args);
