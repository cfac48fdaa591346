// The real kubectl (1.30, the reference) against `kspec serve`: the commands the seeds use, in order, on one
// served cluster. Each row checks the exit code and output, against kspec's emulated kubectl run on a twin
// cluster (same seed, same commands: the same state) where that prints the same thing, and against the text a
// real cluster prints otherwise. A few commands run with kubectl 1.27, 1.29, 1.31, 1.32 and 1.33.
// Under CI=true a missing kubectl fails instead of skipping (test/helpers/real-kubectl.ts).
import { test, before, after } from 'node:test';
import * as http from 'node:http';
import * as net from 'node:net';
import assert from 'node:assert/strict';
import { createCluster, type Cluster } from '../src/cluster';
import { serveCluster, type ServedCluster } from '../src/server/serve';
import { RealKubectl, findKubectl, missingKubectl, words } from './helpers/real-kubectl';

const skip = missingKubectl('1.30');

const MANIFEST = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings, labels: {app: web}}
data: {mode: fast}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: nginx:1.25}]}
`;

interface Row {
  cmd: string;
  stdin?: string;
  env?: Record<string, string>;
  /** what the real kubectl prints, where kspec's emulation differs or cannot run the command */
  real?: { stdout?: string | RegExp; stderr?: string | RegExp; exitCode?: number };
  /** the twin runs this instead (the same change, for a command the emulation lacks) */
  twin?: string;
  /** compare stderr with the emulation's too (default: stdout and exit code) */
  stderr?: boolean;
  /** lines that differ for a known reason are dropped from both sides */
  ignoreLines?: RegExp;
  /** text that differs for a known reason is replaced by `*` on both sides */
  mask?: RegExp;
}

/** `$POD`: the first pod of the web Deployment, the same in both clusters. */
const ROWS: Row[] = [
  { cmd: 'get nodes' },
  { cmd: 'get nodes -o wide' },
  { cmd: 'create deployment web --image=nginx --replicas=3' },
  { cmd: 'get deployments' },
  { cmd: 'get pods -o wide' },
  { cmd: 'get pods -l app=web -o name' },
  { cmd: 'get deployment web -o jsonpath={.spec.replicas}' },
  { cmd: 'get deployment web -o yaml' },
  { cmd: 'get deployment web -o json' },
  { cmd: 'get pods -A' },
  { cmd: 'get pods --show-labels' },
  { cmd: 'get rs,deploy' },
  // nginx stops on SIGTERM; a busybox `sleep` as PID 1 ignores it and would hold the drain for its 30s grace period,
  // which the manual clock never lets pass
  { cmd: 'run solo --image=nginx --restart=Never' },
  { cmd: 'create service clusterip web --tcp=80:80' },
  { cmd: 'expose deployment web --name=web-np --port=80 --type=NodePort' },
  { cmd: 'get services -o wide' },
  { cmd: 'create configmap cfg --from-literal=a=b' },
  { cmd: 'create secret generic creds --from-literal=user=admin' },
  { cmd: 'create job once --image=busybox -- echo hi' },
  { cmd: 'create cronjob tick --image=busybox --schedule=*/1 * * * *' },
  { cmd: 'get jobs,cronjobs' },
  { cmd: 'get priorityclasses' },
  { cmd: 'get leases -n kube-node-lease' },
  { cmd: 'get events --field-selector involvedObject.kind=Deployment -o wide' },
  { cmd: 'apply -f -', stdin: MANIFEST },
  { cmd: 'apply -f -', stdin: MANIFEST },
  { cmd: 'get configmaps,secrets' },
  // kubectl computes the events' ages itself, from its wall clock: the served clock is manual here
  { cmd: 'describe deployment web', mask: /^ {2}(Type|----|Normal) .*$/gm },
  { cmd: 'logs $POD' },
  { cmd: 'exec $POD -- env' },
  { cmd: 'exec $POD -- cat /etc/hostname' },
  { cmd: 'exec $POD -- nosuch', stderr: true },
  // run -i: a pod done before kubectl attaches prints its log; one that reads its stdin is attached to, kubectl's
  // input reaching its PID 1; the exit code is the container's, and --rm deletes the pod
  { cmd: `run -i --rm --restart=Never once --image=busybox -- sh -c 'echo hi'`, stderr: true },
  {
    cmd: 'run -i --rm --restart=Never shell --image=busybox -- sh',
    stdin: 'echo "I am $(hostname)"\necho to stderr >&2\nexit 3\n',
    stderr: true,
  },
  {
    cmd: `run -i --restart=Never reader --image=busybox -- sh -c 'read name; echo hello $name'`,
    stdin: 'kspec\n',
    stderr: true,
  },
  { cmd: 'run -i -t -q --restart=Never tty --image=busybox -- sh', stdin: 'echo quiet\n', stderr: true },
  { cmd: 'attach reader', stderr: true },
  { cmd: 'get pods reader tty' },
  { cmd: 'delete pod reader tty' },
  { cmd: 'scale deployment web --replicas=4' },
  { cmd: 'set image deployment/web nginx=nginx:1.25' },
  { cmd: 'rollout status deployment/web' },
  { cmd: 'rollout history deployment/web' },
  { cmd: 'rollout undo deployment/web --to-revision=1' },
  { cmd: 'rollout pause deployment/web' },
  { cmd: 'rollout resume deployment/web' },
  { cmd: 'label deployment web tier=frontend' },
  { cmd: 'annotate deployment web owner=team-a' },
  { cmd: 'get deployments -L tier' },
  { cmd: `patch deployment web -p '{"spec":{"replicas":2}}'` },
  { cmd: `patch deployment web --type=merge -p '{"metadata":{"labels":{"patched":"merge"}}}'` },
  { cmd: `patch deployment web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":3}]'` },
  { cmd: `patch deployment web -p '{"spec":{"replicas":3}}'` },
  {
    cmd: 'edit deployment web',
    env: { KUBE_EDITOR: 'sed -i s/replicas:\\ 3/replicas:\\ 2/' },
    twin: 'scale deployment web --replicas=2',
    real: { stdout: 'deployment.apps/web edited\n' },
  },
  { cmd: 'get deployment web', ignoreLines: /^$/ },
  { cmd: 'taint nodes node-1 dedicated=infra:NoSchedule' },
  { cmd: 'cordon node-2' },
  { cmd: 'uncordon node-2' },
  { cmd: 'drain node-3 --ignore-daemonsets --force --delete-emptydir-data', stderr: false },
  { cmd: 'get nodes' },
  { cmd: 'auth can-i create pods' },
  { cmd: 'auth can-i create pods --as jane' },
  { cmd: 'get pods --as jane', stderr: true },
  { cmd: 'api-resources', ignoreLines: /authorization\.k8s\.io/ },
  {
    cmd: 'explain deployment.spec.replicas',
    twin: 'version',
    real: { stdout: /^GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1\n\nFIELD: replicas <integer>\n/ },
  },
  {
    cmd: 'wait --for=condition=Available deployment/web --timeout=10s',
    twin: 'version',
    real: { stdout: 'deployment.apps/web condition met\n' },
  },
  { cmd: 'get pod nosuch', stderr: true },
  { cmd: 'get foos', stderr: true },
  // kubectl create deployment wraps the server's error (create_deployment.go)
  { cmd: 'create deployment web --image=nginx', stderr: true },
  { cmd: 'create deployment Bad --image=nginx', stderr: true },
  // no metrics-server: kubectl top finds no metrics.k8s.io in discovery
  { cmd: 'top pods', stderr: true },
  { cmd: 'top node', stderr: true },
  // a resource discovery does not know is still asked about, after a warning
  { cmd: 'auth can-i get foos', stderr: true },
  { cmd: 'auth can-i --list' },
  {
    cmd: 'create -f -',
    stdin:
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: Bad2}\nspec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: nginx}]}}}\n',
    stderr: true,
  },
  { cmd: 'delete deployment api --cascade=orphan' },
  { cmd: 'get rs -l app=api' },
  { cmd: 'delete deployment web --cascade=foreground' },
  { cmd: 'delete pod solo --grace-period=0 --force', stderr: true },
  { cmd: 'get pods' },
  {
    cmd: 'apply -f -',
    stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: typo}\ndata: {a: b}\ndatta: {c: d}\n',
    stderr: true,
  },
  // restart stamps the template with kubectl's wall clock (the emulation uses the virtual one): the state differs after
  { cmd: 'create deployment last --image=nginx' },
  { cmd: 'rollout restart deployment/last', twin: 'version', real: { stdout: 'deployment.apps/last restarted\n' } },
];

let served: ServedCluster, twin: Cluster, kubectl: RealKubectl;

before(async () => {
  if (skip) return;
  served = await serveCluster(createCluster({ seed: 'conformance' }), { clock: 'manual', users: [{ name: 'jane' }] });
  twin = createCluster({ seed: 'conformance' });
  kubectl = new RealKubectl(
    findKubectl('1.30')!,
    served.kubeconfig.replace(/current-context: kspec-jane/, 'current-context: kspec'),
  );
});
after(async () => {
  if (served) await served.close();
  kubectl?.cleanup();
});

const normalize = (s: string, row: Row) => {
  const kept = row.ignoreLines
    ? s
        .split('\n')
        .filter((l) => !row.ignoreLines!.test(l))
        .join('\n')
    : s;
  return row.mask ? kept.replace(row.mask, '*') : kept;
};

test("the real kubectl 1.30 against kspec serve prints what kspec's kubectl prints", { skip }, async (t) => {
  for (const row of ROWS) {
    const pod = twin.list('pods', { namespace: 'default', labelSelector: 'app=web' })[0]?.metadata.name ?? '';
    const cmd = row.cmd.replace('$POD', pod);
    await t.test(cmd, async () => {
      const real = await kubectl.run(words(cmd), { stdin: row.stdin, env: row.env });
      const emulated = twin.kubectl(row.twin ?? cmd, { stdin: row.stdin });
      const ctx = `kubectl ${cmd}\n--- real stderr:\n${real.stderr}`;
      if (row.real) {
        const { stdout, stderr, exitCode = 0 } = row.real;
        assert.equal(real.exitCode, exitCode, ctx);
        if (typeof stdout === 'string') assert.equal(real.stdout, stdout, ctx);
        else if (stdout) assert.match(real.stdout, stdout, ctx);
        if (typeof stderr === 'string') assert.equal(real.stderr, stderr, ctx);
        else if (stderr) assert.match(real.stderr, stderr, ctx);
        return;
      }
      assert.equal(real.exitCode, emulated.exitCode, ctx);
      assert.equal(normalize(real.stdout, row), normalize(emulated.stdout, row), ctx);
      if (row.stderr) assert.equal(real.stderr, emulated.stderr, ctx);
    });
  }
});

test('kubectl get -w streams the table, then a row per change', { skip }, async () => {
  const watching = kubectl.run(['get', 'deployments', '-w', '--output-watch-events'], { timeoutMs: 2500 });
  await new Promise((r) => setTimeout(r, 700));
  for (const c of [served.cluster, twin]) c.kubectl('create deployment watched --image=nginx');
  const out = (await watching).stdout;
  const first = out.split('\n')[0];
  assert.match(first, /^EVENT\s+NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
  assert.match(out, /^ADDED\s+watched\s+0\/1\s+0\s+0\s+0s$/m, out);
  assert.match(out, /^MODIFIED\s+watched\s+1\/1\s+1\s+1\s+0s$/m, out);
});

test('kspec time advance moves a manual clock: ages and timed work follow', { skip }, async () => {
  for (const c of [served.cluster, twin]) c.kubectl('create deployment aged --image=nginx');
  served.clock.advance(5 * 60_000);
  twin.advance('5m');
  const r = await kubectl.run(['get', 'deployment', 'aged']);
  assert.match(r.stdout, /^aged\s+1\/1\s+1\s+1\s+5m$/m, r.stdout);
});

test('kubectl attach and logs -f stream what a container writes as virtual time passes, and end with it', {
  skip,
}, async () => {
  const ticker = `apiVersion: v1
kind: Pod
metadata: {name: ticker}
spec:
  restartPolicy: Never
  containers:
  - {name: ticker, image: busybox, command: [sh, -c, 'for i in 1 2 3; do echo tick $i; sleep 10; done; echo done >&2']}
`;
  for (const c of [served.cluster, twin]) c.apply(ticker);
  twin.advance('30s');
  const attached = kubectl.run(['attach', 'ticker']);
  const followed = kubectl.run(['logs', '-f', 'ticker']);
  // both streams open (the kubelet follows the container for each), then the clock moves
  const observers = () => (served.cluster.kubelets as any).observers.get('default/ticker')?.size ?? 0;
  for (const end = Date.now() + 10_000; observers() < 2 && Date.now() < end; )
    await new Promise((r) => setTimeout(r, 20));
  for (let i = 0; i < 3; i++) {
    served.clock.advance(10_000);
    await new Promise((r) => setTimeout(r, 50));
  }
  const [a, f] = await Promise.all([attached, followed]);
  assert.deepEqual(
    [a.exitCode, a.stdout, a.stderr],
    [0, 'tick 2\ntick 3\n', "If you don't see a command prompt, try pressing enter.\ndone\n"],
  );
  assert.deepEqual([f.exitCode, f.stdout], [0, 'tick 1\ntick 2\ntick 3\ndone\n']);
});

/** A port free on 127.0.0.1 and ::1 now: fixed ports collide when two checkouts run these tests at once. */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
      s.on('error', reject);
    });
    const v6free = await new Promise<boolean>((resolve) => {
      const s = net.createServer().listen(port, '::1', () => s.close(() => resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (v6free) return port;
  }
}

/** GET http://127.0.0.1:port/path, retried until the port answers (a port-forward starting up): `status body`. */
async function httpGet(port: number, path: string, withinMs: number): Promise<string> {
  const once = () =>
    new Promise<string>((resolve) => {
      const r = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        let b = '';
        res.on('data', (c) => {
          b += c;
        });
        res.on('end', () => resolve(`${res.statusCode} ${b}`));
      });
      r.on('error', (e) => resolve(`error ${e.message}`));
    });
  let last = '';
  for (const end = Date.now() + withinMs; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    last = await once();
    if (!last.startsWith('error')) return last;
  }
  return last;
}

test("kubectl port-forward reaches what listens in the pod; a port nobody listens on is the runtime's error", {
  skip,
}, async () => {
  for (const c of [served.cluster, twin]) c.kubectl('run pf --image=nginx');
  for (const env of [{}, { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'true' }] as Record<string, string>[]) {
    const [web, none] = [await freePort(), await freePort()];
    const forwarding = kubectl.run(['port-forward', 'pod/pf', `${web}:80`, `${none}:8080`], { timeoutMs: 3000, env });
    assert.match(
      await httpGet(web, '/', 2500),
      /^200 <!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!<\/title>/,
    );
    assert.equal(await httpGet(web, '/nosuch', 500), '404 ');
    await httpGet(none, '/', 500);
    const r = await forwarding;
    assert.match(
      r.stdout,
      new RegExp(`^Forwarding from 127\\.0\\.0\\.1:${web} -> 80\nForwarding from \\[::1\\]:${web} -> 80\n`),
    );
    assert.match(
      r.stderr,
      new RegExp(
        `an error occurred forwarding ${none} -> 8080: error forwarding port 8080 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace "[^"]+": failed to connect to localhost:8080 inside namespace "[0-9a-f]{64}", IPv4: dial tcp4 127\\.0\\.0\\.1:8080: connect: connection refused`,
      ),
    );
  }
});

for (const version of ['1.27', '1.29', '1.31', '1.32', '1.33']) {
  const bin = findKubectl(version);
  test(`kubectl ${version}: discovery, get, create (protobuf from 1.32), exec and run -i (SPDY up to 1.29, WebSocket from 1.30), port-forward, delete`, {
    skip: bin ? false : `kubectl ${version} not found`,
  }, async () => {
    const k = new RealKubectl(bin!, served.kubeconfig.replace(/current-context: kspec-jane/, 'current-context: kspec'));
    try {
      let r = await k.run(['get', 'nodes']);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.equal(r.stdout, twin.kubectl('get nodes').stdout);
      const name = `v${version.replace('.', '-')}`;
      r = await k.run(['create', 'deployment', name, '--image=nginx']);
      assert.equal(r.stdout, `deployment.apps/${name} created\n`, r.stderr);
      const pod = served.cluster.list('pods', { namespace: 'default', labelSelector: `app=${name}` })[0].metadata.name!;
      // kubectl 1.29 and older speak SPDY/3.1 for exec and attach; 1.30 and later WebSocket
      r = await k.run(['exec', pod, '--', 'hostname']);
      assert.deepEqual([r.exitCode, r.stdout], [0, `${pod}\n`], r.stderr);
      r = await k.run(['exec', '-i', pod, '--', 'sh', '-c', 'cat; echo err >&2; exit 4'], { stdin: 'piped\n' });
      assert.deepEqual([r.exitCode, r.stdout, r.stderr], [4, 'piped\n', 'err\ncommand terminated with exit code 4\n']);
      r = await k.run(['run', '-i', '--rm', '--restart=Never', `${name}-i`, '--image=busybox', '--', 'sh'], {
        stdin: 'echo "hello from $(hostname)"\n',
      });
      assert.deepEqual([r.exitCode, r.stdout], [0, `hello from ${name}-i\npod "${name}-i" deleted\n`], r.stderr);
      // port-forward speaks SPDY up to 1.30, SPDY tunnelled in a WebSocket from 1.31
      const local = await freePort();
      const forwarding = k.run(['port-forward', `pod/${pod}`, `${local}:80`], { timeoutMs: 3000 });
      const page = await httpGet(local, '/', 2500);
      assert.match(page, /^200 <!DOCTYPE html>/, page);
      assert.match((await forwarding).stdout, new RegExp(`^Forwarding from 127\\.0\\.0\\.1:${local} -> 80\n`));
      r = await k.run(['delete', 'deployment', name]);
      assert.equal(r.stdout, `deployment.apps "${name}" deleted\n`, r.stderr);
    } finally {
      k.cleanup();
    }
  });
}
