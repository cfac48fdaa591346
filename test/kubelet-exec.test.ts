import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, type Cluster } from '../src/cluster';
import { hostsFile, resolvConf, podHostname } from '../src/kubelet/runtime/fs';
import { containerLogs } from '../src/kubelet/logs';

function cluster(): Cluster {
  return createCluster({ nodes: 1, seed: 'kubelet exec test' });
}
const pod = (name: string, spec: any, annotations?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', ...(annotations ? { annotations } : {}) },
  spec,
});

test('exec commands: output, errors and exit codes', () => {
  const c = cluster();
  c.api.create(
    pod('web', {
      containers: [
        { name: 'web', image: 'nginx:1.25', env: [{ name: 'A', value: '1' }] },
        { name: 'side', image: 'busybox:1.36', command: ['sleep', '3600'] },
      ],
    }),
  );
  c.converge();
  const rows: [string, string | RegExp, string | RegExp, number][] = [
    ['exec web -c web -- hostname', 'web\n', '', 0],
    ['exec web -c web -- printenv A', '1\n', '', 0],
    ['exec web -c web -- printenv NOPE', '', 'command terminated with exit code 1\n', 1],
    ['exec web -c web -- echo -n hi there', 'hi there', '', 0],
    ['exec web -c web -- cat /etc/hostname', 'web\n', '', 0],
    ['exec web -c web -- cat /etc', '', 'cat: /etc: Is a directory\ncommand terminated with exit code 1\n', 1],
    [
      'exec web -c web -- ls /nope',
      '',
      "ls: cannot access '/nope': No such file or directory\ncommand terminated with exit code 2\n",
      2,
    ],
    ['exec web -c web -- sh -c "false || echo fallback; true && echo ok"', 'fallback\nok\n', '', 0],
    ['exec web -c web -- sh -c "nope"', '', /^error: kspec cannot run "nope"/, 1],
    ['exec web -c side -- sh -c "nope; echo $?"', '127\n', 'sh: nope: not found\n', 0],
    [
      'exec web -c side -- curl -s web',
      '',
      /^error: Internal error occurred: .*exec: "curl": executable file not found in \$PATH: unknown\n$/,
      1,
    ],
    [
      'exec web -c side -- sh -c "echo a > /tmp/x; cat /tmp/x /nope; echo $?"',
      'a\n1\n',
      "cat: can't open '/nope': No such file or directory\n",
      0,
    ],
    ['exec web -c web -- /bin/false', '', 'command terminated with exit code 1\n', 1],
    ['exec web -- true', '', 'Defaulted container "web" out of: web, side\n', 0],
    ['exec web -q -- true', '', '', 0],
    ['exec -- env', '', 'error: pod, type/name or --filename must be specified\n', 1],
  ];
  for (const [line, out, err, code] of rows) {
    const r = c.kubectl(line);
    assert.equal(r.exitCode, code, `${line}: exit ${r.exitCode} ${r.stderr}`);
    if (typeof out === 'string') assert.equal(r.stdout, out, line);
    else assert.match(r.stdout, out, line);
    if (typeof err === 'string') assert.equal(r.stderr, err, line);
    else assert.match(r.stderr, err, line);
  }
});

test('exec needs a running container', () => {
  const c = cluster();
  c.images.set('slow:1', { startDelayMs: 10_000 });
  c.api.create(pod('slow', { containers: [{ name: 'app', image: 'slow:1' }] }));
  c.converge();
  const r = c.kubectl('exec slow -- env');
  assert.equal(r.stderr, 'error: unable to upgrade connection: container not found ("app")\n');
  c.advance('10s');
  assert.equal(c.kubectl('exec slow -- env').exitCode, 0);
});

test('kubelet-managed files: hostname, hosts, resolv.conf', () => {
  const p: any = {
    metadata: { name: 'a'.repeat(70) + '-x', namespace: 'ns1' },
    spec: {
      dnsPolicy: 'ClusterFirst',
      dnsConfig: { options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }], searches: ['example.com'] },
    },
  };
  assert.equal(podHostname(p), 'a'.repeat(63));
  assert.equal(
    podHostname({ metadata: { name: 'x' }, spec: { hostNetwork: true, nodeName: 'node-1' } } as any),
    'node-1',
  );
  assert.equal(
    resolvConf(p),
    'search ns1.svc.cluster.local svc.cluster.local cluster.local example.com\nnameserver 10.96.0.10\noptions ndots:2 edns0\n',
  );
  assert.equal(
    resolvConf({
      metadata: { name: 'x' },
      spec: { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'] } },
    } as any),
    'nameserver 1.1.1.1\n',
  );
  assert.match(
    hostsFile({ metadata: { name: 'w', namespace: 'default' }, spec: {} } as any, '10.0.0.9'),
    /\n10\.0\.0\.9\tw\n$/,
  );
});

test('logs: which instance is read, and why there is none', () => {
  const c = cluster();
  c.images.set('app:1', { logs: ['one', 'two'], exitCode: 1, exitAfterMs: 60_000 });
  c.images.set('bad:1', { pullable: false });
  c.api.create(pod('app', { containers: [{ name: 'app', image: 'app:1' }] }));
  c.api.create(pod('bad', { containers: [{ name: 'app', image: 'bad:1' }] }));
  c.converge();
  const read = (name: string, previous = false) => {
    const p = c.get('pods', name);
    const r = containerLogs(p, c.kubelets.record('default', name), 'app', previous);
    return r.ok ? r.lines.map((l) => l.text).join(',') : r.message;
  };
  assert.equal(read('app'), 'one,two');
  assert.equal(read('app', true), 'previous terminated container "app" in pod "app" not found');
  assert.equal(read('bad'), 'container "app" in pod "bad" is waiting to start: image can\'t be pulled');
  c.advance('60s');
  assert.equal(read('app', true), 'one,two');
  assert.equal(c.kubectl('logs app --tail=0').stdout, '');
  assert.equal(c.kubectl('logs app --prefix').stdout, '[pod/app/app] one\n[pod/app/app] two\n');
  assert.equal(c.kubectl('logs app extra --tail=1').stderr, 'error: container extra is not valid for pod app\n');
  assert.equal(
    c.kubectl('logs').stderr.split('\n')[0],
    "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.",
  );
});

test('kubelet: pull back-off timing, config errors retried, one timer per pod', () => {
  const c = cluster();
  c.images.set('bad:1', { pullable: false });
  c.api.create(pod('bad', { containers: [{ name: 'app', image: 'bad:1' }] }));
  c.converge();
  const reason = () => c.get('pods', 'bad').status.containerStatuses[0].state.waiting.reason;
  const pulls = () =>
    c
      .list('events')
      .filter((e: any) => e.involvedObject.name === 'bad' && e.reason === 'Pulling')
      .reduce((n: number, e: any) => n + e.count, 0);
  // retries at 0, 10, 30, 70 seconds: ErrImagePull at each, ImagePullBackOff a second later
  const rows: [number, string, number][] = [
    [0, 'ErrImagePull', 1],
    [1, 'ImagePullBackOff', 1],
    [10, 'ErrImagePull', 2],
    [11, 'ImagePullBackOff', 2],
    [29, 'ImagePullBackOff', 2],
    [30, 'ErrImagePull', 3],
    [70, 'ErrImagePull', 4],
  ];
  let t = 0;
  for (const [at, want, n] of rows) {
    c.advance(at * 1000 - t);
    t = at * 1000;
    assert.equal(reason(), want, `at ${at}s`);
    assert.equal(pulls(), n, `pulls at ${at}s`);
  }
  const before = c.clock.pending();
  c.kubectl('label pod bad x=y');
  c.kubectl('annotate pod bad y=z');
  assert.ok(c.clock.pending() <= before + 1, 'updates to the pod do not pile up timers');
});
