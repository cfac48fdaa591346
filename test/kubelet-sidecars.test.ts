// Sidecars (restartable init containers, KEP-753, on in v1.29+): once the regular containers of a Never or
// OnFailure pod have finished, the kubelet kills the pod (computePodActions' KillPod): the sidecars get SIGTERM in
// reverse order, each after the ones after it have exited (kuberuntime_termination_order.go), and SIGKILL when
// what is left of the grace period has passed (at least 2 seconds); the pod stays Running while a sidecar runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';

const IGNORES_TERM = 'sleep 3600';
const TRAP = (s: number) => `trap 'sleep ${s}; exit 0' TERM; while true; do sleep 1; done`;

interface Row {
  name: string;
  /** the sidecars' scripts, in spec order */
  sidecars: string[];
  main: string;
  restartPolicy?: string;
  grace?: number;
  /** per sidecar: [exit code, seconds from the pod's start to its exit] */
  want: [number, number][];
  /** the pod's phase a second before the last sidecar exits, and after */
  phases: [string, string];
}

const rows: Row[] = [
  {
    name: 'one sidecar that ignores SIGTERM is killed when the grace period ends',
    sidecars: [IGNORES_TERM],
    main: 'sleep 5',
    want: [[137, 35]],
    phases: ['Running', 'Succeeded'],
  },
  {
    name: 'one sidecar with a trap exits when it has handled SIGTERM',
    sidecars: [TRAP(3)],
    main: 'sleep 5',
    want: [[0, 9]],
    phases: ['Running', 'Succeeded'],
  },
  // a trap runs when the foreground `sleep 1` of the loop has ended: SIGTERM at 5s, handler at 6s
  {
    name: 'the later sidecar first: the earlier one gets SIGTERM once it has exited',
    sidecars: [TRAP(1), TRAP(4)],
    main: 'sleep 5',
    want: [
      [0, 12],
      [0, 10],
    ],
    phases: ['Running', 'Succeeded'],
  },
  // the first sidecar waits 30s for its turn: its SIGKILL comes at least 2 seconds after its SIGTERM
  {
    name: 'a sidecar whose turn came only when the grace period ran out still gets 2 seconds',
    sidecars: [TRAP(10), IGNORES_TERM],
    main: 'sleep 5',
    want: [
      [137, 37],
      [137, 35],
    ],
    phases: ['Running', 'Succeeded'],
  },
  {
    name: 'a shorter grace period',
    sidecars: [IGNORES_TERM],
    main: 'sleep 5',
    grace: 10,
    want: [[137, 15]],
    phases: ['Running', 'Succeeded'],
  },
  {
    name: 'a failed regular container under Never: the pod fails once its sidecar is gone',
    sidecars: [IGNORES_TERM],
    main: 'sleep 5; exit 2',
    want: [[137, 35]],
    phases: ['Running', 'Failed'],
  },
  {
    name: 'OnFailure: the regular container succeeded, the sidecar goes',
    sidecars: [IGNORES_TERM],
    main: 'sleep 5',
    restartPolicy: 'OnFailure',
    want: [[137, 35]],
    phases: ['Running', 'Succeeded'],
  },
];

test('sidecars stop in reverse order once the regular containers are done', () => {
  for (const row of rows) {
    const c = createCluster({ nodes: 1, seed: row.name });
    const init = row.sidecars
      .map(
        (s, i) =>
          `  - {name: side${i + 1}, image: "busybox:1.36", restartPolicy: Always, command: ["sh", "-c", ${JSON.stringify(s)}]}`,
      )
      .join('\n');
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: ${row.restartPolicy ?? 'Never'}
  terminationGracePeriodSeconds: ${row.grace ?? 30}
  initContainers:
${init}
  containers:
  - {name: main, image: "busybox:1.36", command: ["sh", "-c", ${JSON.stringify(row.main)}]}
`);
    const start = c.clock.now();
    const last = Math.max(...row.want.map(([, s]) => s));
    c.advance((last - 1) * 1000);
    assert.equal(c.get('pod', 'p').status.phase, row.phases[0], row.name);
    c.advance('2s');
    const pod = c.get('pod', 'p');
    assert.equal(pod.status.phase, row.phases[1], row.name);
    const got = pod.status.initContainerStatuses.map((s: any) => [
      s.state.terminated?.exitCode,
      (Date.parse(s.state.terminated?.finishedAt) - start) / 1000,
    ]);
    assert.deepEqual(got, row.want, row.name);
    const killing = c
      .list('events', { namespace: 'default' })
      .filter((e) => e.reason === 'Killing')
      .map((e) => e.message);
    assert.deepEqual(
      killing,
      row.sidecars.map((_, i) => `Stopping container side${i + 1}`),
      row.name,
    );
  }
});

test('a deleted pod stops its regular containers first, then its sidecars', () => {
  const c = createCluster({ nodes: 1, seed: 'deleted' });
  c.apply(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - {name: side, image: "busybox:1.36", restartPolicy: Always, command: ["sh", "-c", ${JSON.stringify(TRAP(0))}]}
  containers:
  - {name: main, image: "busybox:1.36", command: ["sh", "-c", ${JSON.stringify(TRAP(4))}]}
`);
  c.advance('10s');
  c.kubectl('delete pod p --wait=false');
  // main's handler runs when its loop's sleep ends (11s) and exits at 15s; then the sidecar's turn, which exits
  // when its own sleep ends (16s)
  c.advance('5s');
  assert.equal(
    c.get('pod', 'p').status.initContainerStatuses[0].state.running !== undefined,
    true,
    'the sidecar waits for main',
  );
  c.advance('1s');
  assert.equal(c.api.tryGet('pods', 'default', 'p'), undefined, 'then the pod is gone');
});
