import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, type Cluster } from '../src/cluster';
import { replayRollout, rolloutSteps, firstOutside } from '../src/assert/rollout';

function deployment(o: {
  replicas: number;
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  recreate?: boolean;
  minReadySeconds?: number;
  image?: string;
}): string {
  const strategy = o.recreate
    ? '{type: Recreate}'
    : `{type: RollingUpdate, rollingUpdate: {maxSurge: ${JSON.stringify(o.maxSurge)}, maxUnavailable: ${JSON.stringify(o.maxUnavailable)}}}`;
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${o.replicas}
  minReadySeconds: ${o.minReadySeconds ?? 0}
  strategy: ${strategy}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: "${o.image ?? 'web:1'}"}]}
`;
}

function run(c: Cluster, line: string) {
  const r = c.kubectl(line);
  assert.equal(r.exitCode, 0, `${line}: ${r.stderr}`);
  return r;
}

/** A rollout to an image that takes 10s to start, to completion; its (old, new) steps and bounds. */
function rollout(o: Parameters<typeof deployment>[0]) {
  const c = createCluster({ seed: 'rollout' });
  c.images.set('web:2', { startDelayMs: 10_000 });
  c.apply(deployment(o));
  c.advance('1m');
  run(c, 'set image deployment/web web=web:2');
  c.advance('10m');
  const r = replayRollout(c.timeline(), 'default', 'web');
  const min = Math.min(...r.samples.map((s) => s.available)),
    max = Math.max(...r.samples.map((s) => s.old + s.new));
  return { steps: rolloutSteps(r, ['old', 'new']).map((row) => row.join('/')), min, max, r };
}

test('rollouts stay within maxSurge (rounded up) and maxUnavailable (rounded down)', () => {
  const rows: [Parameters<typeof deployment>[0], number, number][] = [
    // options, fewest available pods, most replicas asked of the ReplicaSets together
    [{ replicas: 3, maxSurge: 1, maxUnavailable: 0 }, 3, 4],
    [{ replicas: 3, maxSurge: 0, maxUnavailable: 1 }, 2, 3],
    [{ replicas: 4, maxSurge: '25%', maxUnavailable: '25%' }, 3, 5],
    [{ replicas: 10, maxSurge: '25%', maxUnavailable: '25%' }, 8, 13], // ceil(2.5)=3, floor(2.5)=2
    [{ replicas: 3, maxSurge: '10%', maxUnavailable: '10%' }, 3, 4], // ceil(0.3)=1, floor(0.3)=0
    [{ replicas: 2, maxSurge: 1, maxUnavailable: 1 }, 1, 3],
    [{ replicas: 3, recreate: true }, 0, 3],
  ];
  for (const [o, fewest, most] of rows) {
    const { min, max, steps } = rollout(o);
    assert.equal(min, fewest, `${JSON.stringify(o)}: fewest available (${steps.join(' ')})`);
    assert.equal(max, most, `${JSON.stringify(o)}: most replicas (${steps.join(' ')})`);
    assert.equal(steps[steps.length - 1], `0/${o.replicas}`, `${JSON.stringify(o)} ends with every replica new`);
  }
});

test('the steps alternate scale-up and scale-down as rolloutRolling does; Recreate empties the old RS first', () => {
  const rows: [Parameters<typeof deployment>[0], string][] = [
    [{ replicas: 3, maxSurge: 1, maxUnavailable: 0 }, '3/0 3/1 2/1 2/2 1/2 1/3 0/3'],
    [{ replicas: 3, maxSurge: 0, maxUnavailable: 1 }, '3/0 2/0 2/1 1/1 1/2 0/2 0/3'],
    // each new pod that becomes available lets one old replica go
    [{ replicas: 4, maxSurge: 2, maxUnavailable: 0 }, '4/0 4/2 3/2 3/3 2/3 2/4 1/4 0/4'],
    [{ replicas: 3, recreate: true }, '3/0 0/0 0/3'],
  ];
  for (const [o, want] of rows) assert.equal(rollout(o).steps.join(' '), want, JSON.stringify(o));
});

test('minReadySeconds: a new pod counts as available only after it, so the rollout waits for it', () => {
  const { r } = rollout({ replicas: 2, maxSurge: 1, maxUnavailable: 0, minReadySeconds: 20 });
  // never fewer than 2 available, and the first old pod goes only 10s (start) + 20s (minReady) after the change
  assert.equal(firstOutside(r, 'available', { min: 2 }), undefined);
  const firstDown = r.samples.find((s) => s.old === 1)!;
  assert.ok(firstDown.time - r.start >= 30_000, `old RS scaled down after ${(firstDown.time - r.start) / 1000}s`);
});

test('kubectl --record writes the command line as kubernetes.io/change-cause, as parseCommandArguments does', () => {
  const rows: [string, string | undefined][] = [
    [
      'set image deployment my-tomcat tomcat=tomcat:10.1.11 --record',
      'kubectl set image deployment my-tomcat tomcat=tomcat:10.1.11 --record=true',
    ],
    [
      'set image deployment/my-tomcat tomcat=tomcat:10.1.11 -n default --record',
      'kubectl set image deployment/my-tomcat tomcat=tomcat:10.1.11 --namespace=default --record=true',
    ],
    [
      'scale deployment my-tomcat --replicas=4 --record',
      'kubectl scale deployment my-tomcat --replicas=4 --record=true',
    ],
    ['annotate deployment my-tomcat team=web --record', 'kubectl annotate deployment my-tomcat team=web --record=true'],
    [
      `patch deployment my-tomcat -p '{"spec":{"replicas":2}}' --record`,
      'kubectl patch deployment my-tomcat --patch={"spec":{"replicas":2}} --record=true',
    ],
    ['set image deployment my-tomcat tomcat=tomcat:10.1.11', undefined],
  ];
  for (const [line, want] of rows) {
    const c = createCluster({ seed: 'record' });
    run(c, 'create deployment my-tomcat --image=tomcat:9.0.55 --replicas=3');
    const r = run(c, line);
    assert.equal(
      r.stderr.includes('Flag --record has been deprecated, --record will be removed in the future'),
      line.includes('--record'),
      line,
    );
    assert.equal(c.get('deployment', 'my-tomcat').metadata.annotations?.['kubernetes.io/change-cause'], want, line);
  }
});

test('rollout history, undo and undo --to-revision: the revisions and change-causes kubectl prints', () => {
  const c = createCluster({ seed: 'history' });
  run(c, 'create deployment my-tomcat --image=tomcat:9.0.55 --replicas=3');
  run(c, 'set image deployment my-tomcat tomcat=tomcat:10.1.11 --record');
  const table = (rows: string) => `deployment.apps/my-tomcat \nREVISION  CHANGE-CAUSE\n${rows}\n`;
  const cause = 'kubectl set image deployment my-tomcat tomcat=tomcat:10.1.11 --record=true';
  const steps: [string, string, string][] = [
    // command, its output, history afterwards
    [
      'rollout history deployment my-tomcat',
      table(`1         <none>\n2         ${cause}\n`),
      table(`1         <none>\n2         ${cause}\n`),
    ],
    [
      'rollout undo deployment my-tomcat',
      'deployment.apps/my-tomcat rolled back\n',
      table(`2         ${cause}\n3         <none>\n`),
    ],
    [
      'rollout undo deployment/my-tomcat --to-revision=2',
      'deployment.apps/my-tomcat rolled back\n',
      table(`3         <none>\n4         ${cause}\n`),
    ],
    [
      'rollout undo deployment/my-tomcat --to-revision=4',
      'deployment.apps/my-tomcat skipped rollback (current template already matches revision 4)\n',
      table(`3         <none>\n4         ${cause}\n`),
    ],
  ];
  for (const [line, out, after] of steps) {
    assert.equal(run(c, line).stdout, out, line);
    assert.equal(run(c, 'rollout history deployment my-tomcat').stdout, after, `history after ${line}`);
  }
  // the RS that was revision 2 is now 4 and remembers it; no third RS was created
  const rss = c.list('replicasets');
  assert.equal(rss.length, 2);
  const rs4 = rss.find((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === '4')!;
  assert.equal(rs4.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '2');
  assert.equal(c.get('deployment', 'my-tomcat').spec.template.spec.containers[0].image, 'tomcat:10.1.11');
  const errors: [string, string][] = [
    ['rollout undo deployment my-tomcat --to-revision=9', 'error: unable to find specified revision 9 in history\n'],
    ['rollout history deployment my-tomcat --revision=9', 'error: unable to find the specified revision\n'],
    ['rollout undo deployment nope', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
  ];
  for (const [line, err] of errors) {
    const r = c.kubectl(line);
    assert.deepEqual([r.exitCode, r.stderr], [1, err], line);
  }
  const one = createCluster({ seed: 'one' });
  run(one, 'create deployment solo --image=nginx');
  const r = one.kubectl('rollout undo deployment solo');
  assert.deepEqual([r.exitCode, r.stderr], [1, 'error: no rollout history found for deployment "solo"\n']);
});

test('rollout history --revision prints the pod template with its change-cause, tabs as DescribePodTemplate writes them', () => {
  const c = createCluster({ seed: 'revision' });
  run(c, 'create deployment my-tomcat --image=tomcat:9.0.55');
  run(c, 'set image deployment my-tomcat tomcat=tomcat:10.1.11 --record');
  const hash = c
    .list('replicasets')
    .find((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2')!.metadata.labels![
    'pod-template-hash'
  ];
  assert.equal(
    run(c, 'rollout history deployment my-tomcat --revision=2').stdout,
    [
      'deployment.apps/my-tomcat with revision #2',
      'Pod Template:',
      '  Labels:\tapp=my-tomcat',
      `\tpod-template-hash=${hash}`,
      '  Annotations:\tkubernetes.io/change-cause: kubectl set image deployment my-tomcat tomcat=tomcat:10.1.11 --record=true',
      '  Containers:',
      '   tomcat:',
      '    Image:\ttomcat:10.1.11',
      '    Port:\t<none>',
      '    Host Port:\t<none>',
      '    Environment:\t<none>',
      '    Mounts:\t<none>',
      '  Volumes:\t<none>',
      '  Node-Selectors:\t<none>',
      '  Tolerations:\t<none>',
      '',
      '',
    ].join('\n'),
  );
});

test('kubectl apply -f of a changed manifest: a new template is a revision, the same file is unchanged, replicas alone are not a revision', () => {
  const c = createCluster({ seed: 'apply rollout' });
  const file = '/work/apply/web.yaml';
  const manifest = (image: string, replicas: number) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: ${replicas}\n` +
    `  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: nginx, image: "${image}"}]}\n`;
  // file -> kubectl's line, revision, generation, ReplicaSets
  const rows: [string, number, string, string, number, number][] = [
    ['nginx:1.24', 2, 'deployment.apps/web created', '1', 1, 1],
    ['nginx:1.25', 2, 'deployment.apps/web configured', '2', 2, 2],
    ['nginx:1.25', 2, 'deployment.apps/web unchanged', '2', 2, 2],
    ['nginx:1.25', 4, 'deployment.apps/web configured', '2', 3, 2],
  ];
  for (const [image, replicas, out, revision, generation, rss] of rows) {
    c.localFiles.set(file, manifest(image, replicas));
    assert.equal(c.kubectl('apply -f web.yaml', { cwd: '/work/apply' }).stdout, `${out}\n`, `${image} x${replicas}`);
    c.advance(30_000);
    const d = c.get('deployments', 'web');
    assert.equal(d.metadata.annotations!['deployment.kubernetes.io/revision'], revision, `${out}: revision`);
    assert.equal(d.metadata.generation, generation, `${out}: generation`);
    assert.equal(c.list('replicasets').length, rss, `${out}: replicasets`);
    assert.equal(
      JSON.parse(d.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration']).spec.replicas,
      replicas,
      `${out}: last-applied`,
    );
  }
});
