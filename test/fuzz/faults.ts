// Random fault sequences on the library API: a cluster with a Deployment, a StatefulSet, Services, a CronJob and
// volumes, then events (scale, delete pods, set image, undo, pause and resume, node failures and removals and
// joins, cordon and drain, StatefulSet scale, Jobs, claims, Services, time), the invariants checked after each
// converge, and the settled ones after the nodes heal. fast-check generates the sequences and shrinks a failing
// one to its shortest form.

import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { createCluster, type Cluster } from '../../src/cluster';
import { ConvergeError } from '../../src/runtime/runtime';
import { checkAlways, checkSettled, newMemory, watchOrderedReady } from './invariants';
import { jsIsm } from './js-isms';

export type FaultEvent =
  | { t: 'scale'; n: number }
  | { t: 'deletePod'; i: number }
  | { t: 'setImage'; v: number }
  | { t: 'undo' }
  | { t: 'pause' }
  | { t: 'resume' }
  | { t: 'failNode'; i: number }
  | { t: 'recoverNode'; i: number }
  | { t: 'removeNode'; i: number }
  | { t: 'addNode' }
  | { t: 'cordon'; i: number }
  | { t: 'uncordon'; i: number }
  | { t: 'drain'; i: number }
  | { t: 'scaleSts'; n: number }
  | { t: 'job'; completions: number; parallelism: number }
  | { t: 'deleteJob' }
  | { t: 'claim'; gi: number }
  | { t: 'deleteClaim'; i: number }
  | { t: 'service'; nodePort: boolean }
  | { t: 'deleteService' }
  | { t: 'recreate' }
  | { t: 'advance'; s: number };

/** An event and the virtual seconds that pass after it. */
export interface Step {
  e: FaultEvent;
  wait: number;
}

const nat = (max: number) => fc.integer({ min: 0, max });

export const eventArb: fc.Arbitrary<FaultEvent> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('scale' as const), n: nat(6) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('deletePod' as const), i: nat(9) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('setImage' as const), v: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'undo' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'pause' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'resume' as const }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('failNode' as const), i: nat(3) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('recoverNode' as const), i: nat(3) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('removeNode' as const), i: nat(3) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'addNode' as const }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('cordon' as const), i: nat(3) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('uncordon' as const), i: nat(3) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('drain' as const), i: nat(3) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('scaleSts' as const), n: nat(4) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('job' as const),
      completions: fc.integer({ min: 1, max: 3 }),
      parallelism: fc.integer({ min: 1, max: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ t: 'deleteJob' as const }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('claim' as const), gi: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('deleteClaim' as const), i: nat(3) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('service' as const), nodePort: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ t: 'deleteService' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'recreate' as const }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('advance' as const), s: fc.integer({ min: 1, max: 180 }) }) },
);

export const stepArb: fc.Arbitrary<Step> = fc.record({
  e: eventArb,
  wait: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })),
});

export const sequenceArb = fc.array(stepArb, { minLength: 1, maxLength: 25 });

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 1}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 5
      containers: [{name: web, image: "web:1", resources: {requests: {cpu: 100m, memory: 64Mi}}}]
`;

const SETUP = `${WEB}---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 2
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      terminationGracePeriodSeconds: 5
      containers: [{name: db, image: "db:1", resources: {requests: {cpu: 100m, memory: 64Mi}}}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: tick}
spec:
  schedule: "*/2 * * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: tick, image: "worker:1", resources: {requests: {cpu: 50m, memory: 16Mi}}}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: swap}
spec:
  schedule: "*/3 * * * *"
  concurrencyPolicy: Replace
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: swap, image: "slow:1", resources: {requests: {cpu: 50m, memory: 16Mi}}}]
${[0, 1, 2]
  .map(
    (i) => `---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-${i}}
spec: {capacity: {storage: ${i + 1}Gi}, accessModes: [ReadWriteOnce], storageClassName: manual, hostPath: {path: /data/pv-${i}}}
`,
  )
  .join('')}`;

export interface RunResult {
  violations: string[];
  log: string[];
  digest: string;
  events: number;
}

/** Runs one sequence; `log` receives each event and the checks as they happen (the long run prints them). */
export function runSequence(seed: number, steps: Step[], opts: { verbose?: boolean } = {}): RunResult {
  const log: string[] = [];
  const violations: string[] = [];
  const say = (s: string) => {
    if (opts.verbose) log.push(s);
  };
  const c = createCluster({
    nodes: [
      { name: 'node-1', cpu: '2', memory: '4Gi' },
      { name: 'node-2', cpu: '2', memory: '4Gi' },
      { name: 'node-3', cpu: '2', memory: '4Gi' },
    ],
    seed: `fault-${seed}`,
  });
  c.images.set('worker:1', { exitCode: 0, exitAfterMs: 40_000 });
  c.images.set('slow:1', { exitCode: 0, exitAfterMs: 400_000 });
  for (let v = 1; v <= 4; v++) c.images.set(`web:${v}`, { startDelayMs: 2000 });
  const mem = newMemory();
  watchOrderedReady(c, violations);
  const failed = new Set<string>();
  let jobs = 0,
    claims = 0,
    services = 0;
  const kubectl = (line: string, stdin?: string) => {
    const r = c.kubectl(line, { stdin });
    const ism = jsIsm(r.stderr) ?? jsIsm(r.stdout);
    if (ism) violations.push(`\`kubectl ${line}\` printed a JavaScript-ism (${ism}): ${r.stderr.trim()}`);
    say(`  kubectl ${line} -> ${r.exitCode}${r.exitCode ? `: ${r.stderr.trim().split('\n')[0]}` : ''}`);
    return r;
  };
  const nodeName = (i: number) => {
    const ns = c.list('nodes').map((n) => n.metadata.name!);
    return ns.length ? ns[i % ns.length] : undefined;
  };
  const guard = (what: string, f: () => void) => {
    try {
      f();
    } catch (e) {
      if (e instanceof ConvergeError) violations.push(`spin after ${what}: ${e.message}`);
      else violations.push(`${what} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    }
  };
  guard('setup', () => {
    c.apply(SETUP);
    c.advance('30s');
  });
  let n = 0;
  for (const { e, wait } of steps) {
    if (violations.length) break;
    n++;
    say(`${n}. ${JSON.stringify(e)}${wait ? ` then ${wait}s` : ''}`);
    guard(JSON.stringify(e), () => {
      switch (e.t) {
        case 'scale':
          kubectl(`scale deployment web --replicas=${e.n}`);
          break;
        case 'deletePod': {
          const ps = c.list('pods', { namespace: 'default' });
          if (ps.length) kubectl(`delete pod ${ps[e.i % ps.length].metadata.name} --wait=false`);
          break;
        }
        case 'setImage':
          kubectl(`set image deployment/web web=web:${e.v}`);
          break;
        case 'undo':
          kubectl('rollout undo deployment/web');
          break;
        case 'pause':
          kubectl('rollout pause deployment/web');
          break;
        case 'resume':
          kubectl('rollout resume deployment/web');
          break;
        case 'failNode': {
          const nm = nodeName(e.i);
          if (nm && !failed.has(nm)) {
            c.failNode(nm);
            failed.add(nm);
          }
          break;
        }
        case 'recoverNode': {
          const nm = nodeName(e.i);
          if (nm && failed.has(nm)) {
            c.recoverNode(nm);
            failed.delete(nm);
          }
          break;
        }
        case 'removeNode': {
          const nm = nodeName(e.i);
          if (nm) {
            c.removeNode(nm);
            failed.delete(nm);
          }
          break;
        }
        case 'addNode':
          c.addNode({ name: `node-${c.list('nodes').length + 1 + n}`, cpu: '2', memory: '4Gi' });
          break;
        case 'cordon': {
          const nm = nodeName(e.i);
          if (nm) kubectl(`cordon ${nm}`);
          break;
        }
        case 'uncordon': {
          const nm = nodeName(e.i);
          if (nm) kubectl(`uncordon ${nm}`);
          break;
        }
        case 'drain': {
          const nm = nodeName(e.i);
          if (nm) kubectl(`drain ${nm} --ignore-daemonsets --delete-emptydir-data --force --timeout=60s`);
          break;
        }
        case 'scaleSts':
          kubectl(`scale statefulset db --replicas=${e.n}`);
          break;
        case 'job':
          kubectl(`create job job-${++jobs} --image=worker:1`);
          if (e.completions > 1) kubectl(`delete job job-${jobs}`);
          break;
        case 'deleteJob': {
          const js = c.list('jobs', { namespace: 'default' }).filter((j) => !j.metadata.ownerReferences);
          if (js.length) kubectl(`delete job ${js[0].metadata.name}`);
          break;
        }
        case 'claim':
          kubectl(
            'apply -f -',
            `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: claim-${++claims}}\nspec: {accessModes: [ReadWriteOnce], storageClassName: manual, resources: {requests: {storage: ${e.gi}Gi}}}\n`,
          );
          break;
        case 'deleteClaim': {
          const cs = c.list('persistentvolumeclaims', { namespace: 'default' });
          if (cs.length) kubectl(`delete pvc ${cs[e.i % cs.length].metadata.name} --wait=false`);
          break;
        }
        case 'service':
          kubectl(`create service ${e.nodePort ? 'nodeport' : 'clusterip'} svc-${++services} --tcp=80:8080`);
          break;
        case 'deleteService': {
          const ss = c.list('services', { namespace: 'default' }).filter((s) => s.metadata.name!.startsWith('svc-'));
          if (ss.length) kubectl(`delete service ${ss[0].metadata.name}`);
          break;
        }
        case 'recreate':
          kubectl('delete deployment web --wait=false');
          c.advance('10s');
          kubectl('apply -f -', WEB);
          break;
        case 'advance':
          c.advance(e.s * 1000);
          break;
      }
      if (wait) c.advance(wait * 1000);
    });
    for (const v of checkAlways(c, mem)) violations.push(`after event ${n} ${JSON.stringify(e)}: ${v}`);
    say(`   checked: ${violations.length ? violations.join('; ') : 'ok'}`);
  }
  if (!violations.length) {
    // heal: every node back and schedulable, and time for the controllers (and the CronJobs' Jobs) to finish
    guard('healing', () => {
      for (const nm of failed) c.recoverNode(nm);
      for (const nd of c.list('nodes')) if (nd.spec.unschedulable) c.kubectl(`uncordon ${nd.metadata.name}`);
      if (!c.list('nodes').length) c.addNode({ name: 'node-healed', cpu: '2', memory: '4Gi' });
      c.advance('4m');
    });
    const settled = checkSettled(c);
    for (const v of settled) violations.push(`after healing: ${v}`);
    say(`settled: ${settled.length ? settled.join('; ') : 'ok'}`);
  }
  for (const b of c.internalErrors)
    violations.push(`internal error in ${b.where}: ${b.error instanceof Error ? b.error.stack : String(b.error)}`);
  const digest = createHash('sha256');
  for (const t of c.timeline())
    digest.update(
      `${t.time} ${t.kind} ${t.verb} ${t.resource} ${t.namespace ?? ''}/${t.name} ${t.actor ?? ''} ${t.message ?? ''}\n`,
    );
  return { violations, log, digest: digest.digest('hex'), events: n };
}

/** The property: no violation, and the same seed gives the same trace. */
export function faultProperty(replayEvery = 10): fc.IPropertyWithHooks<[number, Step[]]> {
  let run = 0;
  return fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), sequenceArb, (seed, steps) => {
    const r = runSequence(seed, steps);
    if (r.violations.length) throw new Error(r.violations.slice(0, 5).join('\n'));
    if (run++ % replayEvery === 0) {
      const again = runSequence(seed, steps);
      if (again.digest !== r.digest) throw new Error('the same seed gave a different trace');
    }
  });
}

export type { Cluster };
