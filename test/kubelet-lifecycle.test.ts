import { test } from 'node:test';
import type { Probe } from 'kubernetes-types/core/v1';
import assert from 'node:assert/strict';
import { inBackOffSince, nextBackoff, type BackoffEntry } from '../src/kubelet/backoff';
import {
  newWorker,
  doProbe,
  nextTick,
  isReady,
  isStarted,
  failureOutput,
  tickAtOrAfter,
  type ProbeType,
} from '../src/kubelet/prober';
import { newContainer, shouldRestart, exitReason, type ContainerRecord } from '../src/kubelet/container';
import { preStopMs } from '../src/kubelet/termination';
import { parseBehaviour, ImageBehaviours } from '../src/world/images';
import { hasCredentials, registryOf, authHost } from '../src/kubelet/pull';
import { podPhase, type PodRecordView } from '../src/kubelet/status';
import { createCluster } from '../src/cluster';

test('restart back-off: 10s doubling to 300s, expired after 10 minutes without an update', () => {
  // [failure times], the back-off after each Next
  const rows: [number[], number[]][] = [
    [
      [0, 1, 2, 3, 4, 5, 6, 7],
      [10, 20, 40, 80, 160, 300, 300, 300],
    ],
    [
      [0, 100, 701],
      [10, 20, 10],
    ],
    [
      [0, 600, 1200],
      [10, 20, 40],
    ],
  ];
  for (const [times, want] of rows) {
    let e: BackoffEntry | undefined;
    const got = times.map((t) => {
      e = nextBackoff(e, t * 1000);
      return e.backoffMs / 1000;
    });
    assert.deepEqual(got, want, times.join(','));
  }
  const e = { backoffMs: 20_000, lastUpdate: 0 };
  const rowsIn: [number, number, boolean][] = [
    [5_000, 10_000, true],
    [5_000, 25_000, false],
    [5_000, 24_999, true],
    [700_000, 700_001, false],
  ];
  for (const [eventTime, now, want] of rowsIn)
    assert.equal(inBackOffSince(e, eventTime, now), want, `${eventTime} ${now}`);
  assert.equal(inBackOffSince(undefined, 0, 0), false);
});

test('ShouldContainerBeRestarted and the exit reason', () => {
  const rows: [string, number, boolean][] = [
    ['Always', 0, true],
    ['Always', 1, true],
    ['OnFailure', 0, false],
    ['OnFailure', 2, true],
    ['Never', 1, false],
  ];
  for (const [policy, code, want] of rows) assert.equal(shouldRestart(policy, code), want, `${policy} ${code}`);
  assert.equal(exitReason({}, 0), 'Completed');
  assert.equal(exitReason({}, 1), 'Error');
  assert.equal(exitReason({ oomKilled: true }, 137), 'OOMKilled');
});

function running(probes: any, startedAt = 0): ContainerRecord {
  const c = newContainer('app', 'img');
  c.containerID = 'containerd://1';
  c.startedAt = startedAt;
  c.probes = Object.entries(probes).map(([t, p]) => newWorker(t as ProbeType, p as Probe));
  return c;
}

/** Runs the worker ticks up to `until` seconds; returns the seconds at which a result changed or a kill came. */
function simulate(c: ContainerRecord, passes: Record<string, boolean>, until: number): string[] {
  const out: string[] = [];
  let now = 0;
  for (let guard = 0; guard < 1000; guard++) {
    let due: any;
    for (const w of c.probes) {
      const at = nextTick(w, c, 0, now, passes[w.type] ?? true);
      if (at !== undefined && at <= until * 1000 && (!due || at < due.at)) due = { w, at };
    }
    if (!due) break;
    now = due.at;
    const r = doProbe(due.w, c, due.at, passes[due.w.type] ?? true);
    if (r?.changed) out.push(`${r.type}=${r.passed ? 'success' : 'failure'}@${r.at / 1000}`);
    if (r?.kill) {
      out.push(`kill@${r.at / 1000}`);
      c.terminated = { exitCode: 137, reason: 'Error', startedAt: 0, finishedAt: r.at, containerID: c.containerID! };
    }
  }
  return out;
}

test('probe workers: delays, periods and thresholds on the virtual clock', () => {
  const rows: [string, any, Record<string, boolean>, number, string[]][] = [
    ['readiness passes at the first tick', { readiness: {} }, {}, 60, ['readiness=success@0']],
    [
      'readiness after initialDelaySeconds',
      { readiness: { initialDelaySeconds: 12, periodSeconds: 5 } },
      {},
      60,
      ['readiness=success@15'],
    ],
    ['successThreshold 3', { readiness: { periodSeconds: 5, successThreshold: 3 } }, {}, 60, ['readiness=success@10']],
    ['failing readiness never changes its initial failure', { readiness: {} }, { readiness: false }, 60, []],
    [
      'liveness failing: killed after failureThreshold',
      { liveness: { periodSeconds: 10 } },
      { liveness: false },
      60,
      ['liveness=failure@20', 'kill@20'],
    ],
    [
      'liveness failureThreshold 1 with delay',
      { liveness: { initialDelaySeconds: 30, failureThreshold: 1 } },
      { liveness: false },
      60,
      ['liveness=failure@30', 'kill@30'],
    ],
    ['passing liveness never ticks', { liveness: {} }, {}, 60, []],
    [
      'startup then readiness',
      { startup: { periodSeconds: 5, initialDelaySeconds: 5 }, readiness: { periodSeconds: 5 } },
      {},
      60,
      ['startup=success@5', 'readiness=success@10'],
    ],
    [
      'failing startup kills, readiness never runs',
      { startup: { periodSeconds: 10 }, readiness: {} },
      { startup: false },
      60,
      ['startup=failure@20', 'kill@20'],
    ],
  ];
  for (const [name, probes, passes, until, want] of rows)
    assert.deepEqual(simulate(running(probes), passes, until), want, name);
});

test('started and ready follow the startup and readiness results', () => {
  const c = running({ startup: {}, readiness: {} });
  assert.equal(isStarted(c), false);
  simulate(c, {}, 0);
  assert.equal(isStarted(c), true);
  assert.equal(isReady(c), false);
  simulate(c, {}, 10);
  assert.equal(isReady(c), true);
  const plain = running({});
  assert.equal(isStarted(plain) && isReady(plain), true);
  assert.equal(tickAtOrAfter(3000, 10_000, 3001), 13_000);
  assert.equal(tickAtOrAfter(3000, 10_000, 0), 3000);
});

test('probe failure output per handler', () => {
  const c = { ports: [{ name: 'http', containerPort: 8080 }] };
  const rows: [any, string][] = [
    [{ httpGet: { port: 80 } }, 'HTTP probe failed with statuscode: 500'],
    [{ tcpSocket: { port: 'http' } }, 'dial tcp 10.0.0.1:8080: connect: connection refused'],
    [{ exec: { command: ['cat', '/tmp/healthy'] } }, "cat: can't open '/tmp/healthy': No such file or directory"],
    [{ exec: { command: ['sh', '-c', 'cat /tmp/ready'] } }, "cat: can't open '/tmp/ready': No such file or directory"],
    [{ exec: { command: ['pg_isready'] } }, ''],
    [{ grpc: { port: 9000 } }, 'timeout: failed to connect service ":9000" within 1s'],
  ];
  for (const [probe, want] of rows) assert.equal(failureOutput(probe, '10.0.0.1', c), want);
});

test('preStop hooks, then SIGTERM: how long a deleted nginx pod takes to go', () => {
  // nginx, PID 1, stops on SIGTERM at once; the hook runs first, cut at the 30 s grace period
  const rows: [any, number][] = [
    [undefined, 0],
    [{ sleep: { seconds: 7 } }, 7000],
    [{ exec: { command: ['sleep', '20'] } }, 20_000],
    [{ exec: { command: ['/bin/sh', '-c', 'nginx -s quit; sleep 5'] } }, 5000],
    [{ exec: { command: ['nginx', '-s', 'quit'] } }, 0],
    [{ exec: { command: ['sleep', '3600'] } }, 30_000],
    [{ httpGet: { path: '/shutdown', port: 80 } }, 0],
  ];
  for (const [hook, want] of rows) {
    const c = createCluster({ nodes: 1, seed: 'prestop' });
    c.apply(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web' },
        spec: { containers: [{ name: 'web', image: 'nginx:1.25', ...(hook ? { lifecycle: { preStop: hook } } : {}) }] },
      }),
    );
    const t0 = c.clock.now();
    c.kubectl('delete pod web --wait=false');
    assert.ok(
      c.advanceUntil(() => !c.tryGet('pods', 'web'), '1m'),
      JSON.stringify(hook),
    );
    assert.equal(c.clock.now() - t0, want, JSON.stringify(hook));
    assert.equal(preStopMs(hook), hook?.sleep ? 7000 : 0);
  }
});

test('behaviour annotations use the image phrases', () => {
  const rows: [string, object][] = [
    ['crashes on start', { exitCode: 1, exitAfterMs: 0 }],
    [
      'exits with code 2 after 30s; fails its readiness probe',
      { exitCode: 2, exitAfterMs: 30_000, failsReadiness: true },
    ],
    ['takes 1 minute to start\ncannot be pulled', { startDelayMs: 60_000, pullable: false }],
    [
      'is private; fails its liveness probe; fails its startup probe',
      { private: true, failsLiveness: true, failsStartup: true },
    ],
    ['is OOM killed after 10s', { exitCode: 137, exitAfterMs: 10_000, oomKilled: true }],
    ['takes 5s to start\nlogs:\nhello\nworld', { startDelayMs: 5000, logs: ['hello', 'world'] }],
    [
      'writes the file "/app/a.war"; writes the file "/tmp/x" with "1"',
      {
        writes: [
          { path: '/app/a.war', content: '' },
          { path: '/tmp/x', content: '1' },
        ],
      },
    ],
  ];
  for (const [text, want] of rows) assert.deepEqual(parseBehaviour(text), want, text);
  assert.throws(() => parseBehaviour('sings'), /unknown image behaviour "sings"/);
  const images = new ImageBehaviours();
  images.set('a', { writes: [{ path: '/x', content: '' }], startDelayMs: 1 });
  images.set('a', { writes: [{ path: '/y', content: '' }] });
  assert.deepEqual(images.get('a'), {
    startDelayMs: 1,
    writes: [
      { path: '/x', content: '' },
      { path: '/y', content: '' },
    ],
  });
  const pod = { metadata: { annotations: { 'behaviour.kspec.io/app': 'cannot be pulled' } } };
  assert.deepEqual(images.forContainer(pod, { name: 'app', image: 'a' }), {
    startDelayMs: 1,
    writes: [
      { path: '/x', content: '' },
      { path: '/y', content: '' },
    ],
    pullable: false,
  });
  assert.deepEqual(images.forContainer(pod, { name: 'other', image: 'a' }).pullable, undefined);
});

test('pull credentials match the image registry', () => {
  const secret = (auths: Record<string, unknown>, type = 'kubernetes.io/dockerconfigjson') => ({
    type,
    data: { '.dockerconfigjson': Buffer.from(JSON.stringify({ auths })).toString('base64') },
  });
  const rows: [string, any[], boolean][] = [
    ['registry.example.com/app:1', [secret({ 'registry.example.com': {} })], true],
    ['registry.example.com/app:1', [secret({ 'https://registry.example.com/v2/': {} })], true],
    ['registry.example.com/app:1', [secret({ 'other.example.com': {} })], false],
    ['team/app:1', [secret({ 'https://index.docker.io/v1/': {} })], true],
    ['app:1', [secret({ 'docker.io': {} })], true],
    ['app:1', [secret({ 'docker.io': {} }, 'Opaque')], false],
    ['app:1', [], false],
  ];
  for (const [image, secrets, want] of rows)
    assert.equal(hasCredentials(image, secrets), want, `${image} ${JSON.stringify(secrets.map((s) => s.type))}`);
  assert.equal(registryOf('localhost:5000/app'), 'localhost:5000');
  assert.equal(authHost('https://index.docker.io/v1/'), 'index.docker.io');
});

test('getPhase with init containers and sidecars', () => {
  const done = (exitCode: number): ContainerRecord => ({
    ...newContainer('x', 'i'),
    startedAt: 0,
    terminated: { exitCode, reason: '', startedAt: 0, finishedAt: 1, containerID: 'c' },
  });
  const run = (): ContainerRecord => ({ ...newContainer('x', 'i'), startedAt: 0, waiting: undefined });
  const wait = (): ContainerRecord => newContainer('x', 'i');
  const view = (init: ContainerRecord[], containers: ContainerRecord[], initialized: boolean): PodRecordView => ({
    init,
    containers,
    initialized,
    sandbox: true,
    ready: () => true,
    started: (c) => c.startedAt !== undefined && !c.terminated,
  });
  const rows: [string, string, PodRecordView, string][] = [
    ['init pending', 'Always', view([wait()], [wait()], false), 'Pending'],
    ['init failed, Never', 'Never', view([done(1)], [wait()], false), 'Failed'],
    ['init failed, Always', 'Always', view([done(1)], [wait()], false), 'Pending'],
    ['all running', 'Always', view([done(0)], [run()], true), 'Running'],
    ['one waiting', 'Always', view([], [run(), wait()], true), 'Pending'],
    ['all exited 0, Always', 'Always', view([], [done(0)], true), 'Running'],
    ['all exited 0, OnFailure', 'OnFailure', view([], [done(0)], true), 'Succeeded'],
    ['a failure, OnFailure', 'OnFailure', view([], [done(1)], true), 'Running'],
    ['a failure, Never', 'Never', view([], [done(0), done(1)], true), 'Failed'],
  ];
  for (const [name, restartPolicy, v, want] of rows) assert.equal(podPhase({ restartPolicy }, v), want, name);
});

test('a deleted pod that a finalizer keeps gets its terminal phase from the kubelet: Failed, its containers killed (137)', () => {
  // restartPolicy, finalizer, exits 0 before the delete -> phase and exit code left on the kept pod (undefined: gone)
  const rows: [string, boolean, boolean, [string, number] | undefined][] = [
    ['Always', true, false, ['Failed', 137]],
    ['Never', true, false, ['Failed', 137]],
    ['Never', true, true, ['Succeeded', 0]],
    ['Always', false, false, undefined],
  ];
  for (const [restartPolicy, finalizer, exited, want] of rows) {
    const name = `${restartPolicy}-${finalizer}-${exited}`;
    const c = createCluster({ nodes: 1, seed: name });
    c.images.set('app:1', exited ? { exitCode: 0, exitAfterMs: 1000 } : {});
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: p${finalizer ? ', finalizers: [example.com/keep]' : ''}}
spec: {restartPolicy: ${restartPolicy}, containers: [{name: app, image: "app:1"}]}`);
    c.advance('5s');
    c.api.delete('pods', 'default', 'p');
    c.converge();
    c.advance('1s');
    const p = c.api.tryGet('pods', 'default', 'p');
    assert.deepEqual(p && [p.status.phase, p.status.containerStatuses[0].state.terminated?.exitCode], want, name);
  }
});

// Rows of pkg/kubelet/kubelet_pods_test.go (v1.30) TestPodPhaseWithRestartAlways, ...Never, ...OnFailure and their
// InitContainers / RestartableInitContainers variants, and Test_generateAPIPodStatus' terminal pod. The upstream
// statuses map onto kspec's container records: a missing status is a container not yet created (waiting, no last
// termination): both give Pending in every row. Left out: the rows of a regular init container running again after
// the regular containers started ("...AndPodHasRun" #1, #2), a state kspec's kubelet never reaches.
test('getPhase: kubelet_pods_test.go rows', () => {
  type S =
    | 'running'
    | 'started'
    | 'stopped'
    | 'succeeded'
    | 'failed'
    | 'waiting'
    | 'waitingLastZero'
    | 'waitingLastNonZero'
    | 'missing';
  const rec = (s: S, sidecar = false): ContainerRecord => {
    const c = newContainer('c', 'i', sidecar);
    const term = (exitCode: number) => ({ exitCode, reason: '', startedAt: 0, finishedAt: 1, containerID: 'c' });
    switch (s) {
      case 'running':
      case 'started':
        return { ...c, startedAt: 0, waiting: undefined, started: s === 'started' } as ContainerRecord;
      case 'stopped':
      case 'succeeded':
        return { ...c, startedAt: 0, terminated: term(0) };
      case 'failed':
        return { ...c, startedAt: 0, terminated: term(-1) };
      case 'waitingLastZero':
        return { ...c, restartCount: 1, lastTerminated: term(0) };
      case 'waitingLastNonZero':
        return { ...c, restartCount: 1, lastTerminated: term(-1) };
      default:
        return c;
    }
  };
  const started = (c: ContainerRecord) =>
    (c as any).started === true || (!c.sidecar && c.startedAt !== undefined && !c.terminated);
  /** init: regular init states then sidecar states (`s:` prefix) */
  const view = (init: string[], containers: S[]): PodRecordView => {
    const inits = init.map((s) => (s.startsWith('s:') ? rec(s.slice(2) as S, true) : rec(s as S)));
    const initialized =
      inits.every((c) => (c.sidecar ? started(c) : c.terminated?.exitCode === 0)) ||
      (inits.every((c) => c.sidecar || c.terminated?.exitCode === 0) &&
        containers.some((s) => s !== 'waiting' && s !== 'missing'));
    return {
      init: inits,
      containers: containers.map((s) => rec(s)),
      initialized,
      sandbox: true,
      ready: () => true,
      started,
    };
  };
  const rows: [string, string, PodRecordView, string][] = [
    // TestPodPhaseWithRestartAlways
    ['waiting', 'Always', view([], ['missing', 'missing']), 'Pending'],
    ['all running', 'Always', view([], ['running', 'running']), 'Running'],
    ['all stopped with restart always', 'Always', view([], ['stopped', 'stopped']), 'Running'],
    ['mixed state #1 with restart always', 'Always', view([], ['running', 'stopped']), 'Running'],
    ['mixed state #2 with restart always', 'Always', view([], ['running', 'missing']), 'Pending'],
    ['mixed state #3 with restart always', 'Always', view([], ['running', 'waiting']), 'Pending'],
    ['backoff crashloop container with restart always', 'Always', view([], ['running', 'waitingLastZero']), 'Running'],
    // TestPodPhaseWithRestartAlwaysInitContainers
    ['always: empty, waiting', 'Always', view(['missing'], ['missing', 'missing']), 'Pending'],
    ['always: init container running', 'Always', view(['running'], ['missing', 'missing']), 'Pending'],
    ['always: init container terminated non-zero', 'Always', view(['failed'], ['missing', 'missing']), 'Pending'],
    [
      'always: init container waiting, terminated zero',
      'Always',
      view(['waitingLastZero'], ['missing', 'missing']),
      'Pending',
    ],
    [
      'always: init container waiting, terminated non-zero',
      'Always',
      view(['waitingLastNonZero'], ['missing', 'missing']),
      'Pending',
    ],
    ['always: init container waiting, not terminated', 'Always', view(['waiting'], ['missing', 'missing']), 'Pending'],
    ['always: init container succeeded', 'Always', view(['succeeded'], ['running', 'running']), 'Running'],
    // TestPodPhaseWithRestartAlwaysRestartableInitContainers
    ['always: restartable init container running', 'Always', view(['s:running'], ['missing', 'missing']), 'Pending'],
    ['always: restartable init container stopped', 'Always', view(['s:stopped'], ['missing', 'missing']), 'Pending'],
    [
      'always: restartable init container waiting, terminated zero',
      'Always',
      view(['s:waitingLastZero'], ['missing', 'missing']),
      'Pending',
    ],
    [
      'always: restartable init container waiting, terminated non-zero',
      'Always',
      view(['s:waitingLastNonZero'], ['missing', 'missing']),
      'Pending',
    ],
    [
      'always: restartable init container waiting, not terminated',
      'Always',
      view(['s:waiting'], ['missing', 'missing']),
      'Pending',
    ],
    [
      'always: restartable init container started, 1/2 regular container running',
      'Always',
      view(['s:started'], ['running', 'missing']),
      'Pending',
    ],
    [
      'always: restartable init container started, all regular containers running',
      'Always',
      view(['s:started'], ['running', 'running']),
      'Running',
    ],
    [
      'always: restartable init container running, all regular containers running',
      'Always',
      view(['s:running'], ['running', 'running']),
      'Running',
    ],
    [
      'always: restartable init container stopped, all regular containers running',
      'Always',
      view(['s:stopped'], ['running', 'running']),
      'Running',
    ],
    [
      'always: backoff crashloop restartable init container, all regular containers running',
      'Always',
      view(['s:waitingLastZero'], ['running', 'running']),
      'Running',
    ],
    // TestPodPhaseWithRestartAlwaysAndPodHasRun (the pod has run: its regular init container is done)
    [
      'regular init container is succeeded, restartable init container is running, regular containers is stopped',
      'Always',
      view(['succeeded', 's:running'], ['stopped']),
      'Running',
    ],
    [
      'regular init container is succeeded, restartable init container and regular containers are both running',
      'Always',
      view(['succeeded', 's:running'], ['running']),
      'Running',
    ],
    // TestPodPhaseWithRestartNever
    ['never: waiting', 'Never', view([], ['missing', 'missing']), 'Pending'],
    ['all running with restart never', 'Never', view([], ['running', 'running']), 'Running'],
    ['all succeeded with restart never', 'Never', view([], ['succeeded', 'succeeded']), 'Succeeded'],
    ['all failed with restart never', 'Never', view([], ['failed', 'failed']), 'Failed'],
    ['mixed state #1 with restart never', 'Never', view([], ['running', 'succeeded']), 'Running'],
    ['mixed state #2 with restart never', 'Never', view([], ['running', 'missing']), 'Pending'],
    ['mixed state #3 with restart never', 'Never', view([], ['running', 'waiting']), 'Pending'],
    // TestPodPhaseWithRestartNeverInitContainers
    ['never: empty, waiting', 'Never', view(['missing'], ['missing', 'missing']), 'Pending'],
    ['never: init container running', 'Never', view(['running'], ['missing', 'missing']), 'Pending'],
    ['never: init container terminated non-zero', 'Never', view(['failed'], ['missing', 'missing']), 'Failed'],
    [
      'never: init container waiting, terminated zero',
      'Never',
      view(['waitingLastZero'], ['missing', 'missing']),
      'Pending',
    ],
    ['never: init container waiting, not terminated', 'Never', view(['waiting'], ['missing', 'missing']), 'Pending'],
    ['never: init container succeeded', 'Never', view(['succeeded'], ['running', 'running']), 'Running'],
    // TestPodPhaseWithRestartNeverRestartableInitContainers
    ['never: restartable init container running', 'Never', view(['s:running'], ['missing', 'missing']), 'Pending'],
    ['never: restartable init container stopped', 'Never', view(['s:stopped'], ['missing', 'missing']), 'Pending'],
    [
      'never: restartable init container waiting, not terminated',
      'Never',
      view(['s:waiting'], ['missing', 'missing']),
      'Pending',
    ],
    [
      'never: restartable init container started, one main container running',
      'Never',
      view(['s:started'], ['running', 'missing']),
      'Pending',
    ],
    [
      'never: restartable init container started, main containers succeeded',
      'Never',
      view(['s:started'], ['succeeded', 'succeeded']),
      'Running',
    ],
    [
      'never: restartable init container running, main containers succeeded',
      'Never',
      view(['s:running'], ['succeeded', 'succeeded']),
      'Running',
    ],
    ['never: all containers succeeded', 'Never', view(['s:succeeded'], ['succeeded', 'succeeded']), 'Succeeded'],
    [
      'never: restartable init container terminated non-zero, main containers succeeded',
      'Never',
      view(['s:failed'], ['succeeded', 'succeeded']),
      'Succeeded',
    ],
    [
      'never: backoff crashloop restartable init container, main containers succeeded',
      'Never',
      view(['s:waitingLastZero'], ['succeeded', 'succeeded']),
      'Succeeded',
    ],
    [
      'never: backoff crashloop with non-zero restartable init container, main containers succeeded',
      'Never',
      view(['s:waitingLastNonZero'], ['succeeded', 'succeeded']),
      'Succeeded',
    ],
    // TestPodPhaseWithRestartOnFailure
    ['onfailure: waiting', 'OnFailure', view([], ['missing', 'missing']), 'Pending'],
    ['all running with restart onfailure', 'OnFailure', view([], ['running', 'running']), 'Running'],
    ['all succeeded with restart onfailure', 'OnFailure', view([], ['succeeded', 'succeeded']), 'Succeeded'],
    ['all failed with restart onfailure', 'OnFailure', view([], ['failed', 'failed']), 'Running'],
    ['mixed state #1 with restart onfailure', 'OnFailure', view([], ['running', 'succeeded']), 'Running'],
    ['mixed state #2 with restart onfailure', 'OnFailure', view([], ['running', 'missing']), 'Pending'],
    ['mixed state #3 with restart onfailure', 'OnFailure', view([], ['running', 'waiting']), 'Pending'],
    [
      'backoff crashloop container with restart onfailure',
      'OnFailure',
      view([], ['running', 'waitingLastZero']),
      'Running',
    ],
  ];
  for (const [name, restartPolicy, v, want] of rows) assert.equal(podPhase({ restartPolicy }, v), want, name);
  // getPhase with podIsTerminal (the kubelet killed the pod): stopped containers are final, whatever the policy
  const terminal: [string, string, PodRecordView, string][] = [
    [
      'pod disruption condition is copied over and the phase is set to failed when deleted',
      'Always',
      view([], ['waitingLastNonZero', 'waitingLastNonZero']),
      'Failed',
    ],
    ['terminal, all exited 0, restart always', 'Always', view([], ['succeeded', 'succeeded']), 'Succeeded'],
    [
      'terminal, a sidecar killed, main containers succeeded',
      'Never',
      view(['s:failed'], ['succeeded', 'succeeded']),
      'Succeeded',
    ],
    ['terminal, one failed, restart onfailure', 'OnFailure', view([], ['succeeded', 'failed']), 'Failed'],
  ];
  for (const [name, restartPolicy, v, want] of terminal) assert.equal(podPhase({ restartPolicy }, v, true), want, name);
});
