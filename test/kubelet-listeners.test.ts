// What listens in a container (src/kubelet/runtime/builtins/servers.ts, serve.ts) and the httpGet/tcpSocket probes
// that reach it (prober.ts networkProbe): rows of command, port, request, and the answer or the probe's message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Disks } from '../src/world/disks';
import { ContainerFS, ROOT_DIRS } from '../src/kubelet/runtime/fs';
import { startProcess } from '../src/kubelet/runtime/container';
import { answer } from '../src/kubelet/runtime/serve';
import type { Answer } from '../src/kubelet/runtime/http';
import { networkProbe } from '../src/kubelet/prober';
import { nginxServes } from '../src/kubelet/runtime/builtins/servers';
import type { ContainerRecord } from '../src/kubelet/container';
import type { Host } from '../src/kubelet/runtime/host';

const T0 = Date.UTC(2024, 0, 1);

function layer(files: Record<string, string>): { disks: Disks; fs: ContainerFS; pod: any } {
  const disks = new Disks();
  for (const d of ROOT_DIRS) disks.mkdir('l', d);
  for (const [p, c] of Object.entries(files)) {
    disks.mkdir('l', p.slice(0, p.lastIndexOf('/')) || '/');
    disks.write('l', p, c);
  }
  const pod: any = { metadata: { name: 'p', namespace: 'default', uid: 'u' }, spec: { containers: [{ name: 'c' }] } };
  const fs = new ContainerFS(pod, 'c', '10.244.1.5', {
    read: (_p, _c, path) => {
      const c = disks.read('l', path);
      return c !== undefined
        ? { ok: true, content: c }
        : { ok: false, error: disks.isDir('l', path) ? 'EISDIR' : 'ENOENT' };
    },
    list: (_p, _c, path) => {
      const l = disks.list('l', path);
      return l ? { ok: true, entries: l } : { ok: false, error: 'ENOENT' };
    },
    write: (_p, _c, path, content) => {
      disks.write('l', path, content);
      return { ok: true };
    },
    mkdir: (_p, _c, path) => {
      disks.mkdir('l', path);
      return { ok: true };
    },
    remove: (_p, _c, path) => {
      disks.remove('l', path);
      return { ok: true };
    },
    empty: () => ({ ok: true }),
    resetLayer: () => {},
  });
  return { disks, fs, pod };
}

/** A container running argv for `ms`, with these files in its layer. */
function container(
  argv: string[] | undefined,
  files: Record<string, string> = {},
  opts: { flavour?: 'busybox' | 'gnu'; ms?: number; cwd?: string } = {},
): ContainerRecord {
  const { fs, pod } = layer(files);
  const host: Host = {
    api: undefined as any,
    pod,
    container: pod.spec.containers[0],
    fs,
    flavour: opts.flavour ?? 'busybox',
    workingDir: opts.cwd,
  };
  const rec: any = { name: 'c', image: 'i', sidecar: false, restartCount: 0, probes: [], startedAt: T0 };
  if (argv) {
    rec.proc = startProcess(argv, host, new Map([['PATH', '/bin']]), T0);
    rec.proc.advance(T0 + (opts.ms ?? 1000));
  }
  return rec;
}

const get = (path: string) => ({ path, host: '10.244.1.5:80', agent: 'curl/8.5.0' });
const sh = (s: string) => ['sh', '-c', s];

test('who answers on a port: the servers of images and commands, nobody (refused), a container kspec does not run', () => {
  const nginxConf = {
    '/etc/nginx/conf.d/default.conf': 'server {\n  listen 80;\n  listen [::]:80;\n  root /usr/share/nginx/html;\n}\n',
    '/usr/share/nginx/html/index.html': 'welcome\n',
  };
  // [name, container, port, request (undefined: a bare connection), answer]
  const rows: [string, ContainerRecord, number, ReturnType<typeof get> | undefined, Answer][] = [
    [
      'nginx serves its document root',
      container(['nginx', '-g', 'daemon off;'], nginxConf, { flavour: 'gnu' }),
      80,
      get('/'),
      { status: 200, body: 'welcome\n' },
    ],
    [
      'nginx: a missing file is 404',
      container(['nginx'], nginxConf, { flavour: 'gnu' }),
      80,
      get('/healthz'),
      { status: 404, body: '' },
    ],
    ['nginx: nothing on 8080', container(['nginx'], nginxConf, { flavour: 'gnu' }), 8080, get('/'), { refused: true }],
    [
      'nginx: the port its configuration gives',
      container(
        ['nginx'],
        { '/etc/nginx/conf.d/x.conf': 'server { listen 8081; root /srv; }', '/srv/a': 'A' },
        { flavour: 'gnu' },
      ),
      8081,
      get('/a'),
      { status: 200, body: 'A' },
    ],
    ['sleep listens nowhere', container(sh('sleep 3600')), 80, undefined, { refused: true }],
    [
      'httpd -f -p 8080 -h /www',
      container(sh('httpd -f -p 8080 -h /www'), { '/www/index.html': 'hi\n' }),
      8080,
      get('/'),
      { status: 200, body: 'hi\n' },
    ],
    [
      'httpd without -f goes to the background: still listening while the shell runs on',
      container(sh('httpd -p 8080 -h /www; sleep 3600'), { '/www/x': 'x' }),
      8080,
      get('/x'),
      { status: 200, body: 'x' },
    ],
    [
      'httpd started after 20s: not yet',
      container(sh('sleep 20; httpd -f -p 8080'), {}, { ms: 10_000 }),
      8080,
      undefined,
      { refused: true },
    ],
    [
      'httpd started after 20s: then',
      container(sh('sleep 20; httpd -f -p 8080'), {}, { ms: 30_000 }),
      8080,
      undefined,
      { connected: true },
    ],
    ['nc -lk takes connections', container(['nc', '-lk', '-p', '9000']), 9000, undefined, { connected: true }],
    [
      'nc -l answers with its stdin',
      container(sh("printf 'HTTP/1.1 201 Created\\r\\n\\r\\nmade' | nc -l -p 8080")),
      8080,
      get('/'),
      { status: 201, body: 'made' },
    ],
    [
      'nc -l with nothing to send holds the request',
      container(['nc', '-l', '-p', '8080']),
      8080,
      get('/'),
      { held: true },
    ],
    [
      'python3 -m http.server lists its directory',
      container(['python3', '-m', 'http.server', '8000'], { '/data/f.txt': 'f' }, { flavour: 'gnu', cwd: '/data' }),
      8000,
      get('/f.txt'),
      { status: 200, body: 'f' },
    ],
    [
      'tomcat deploys a war from webapps',
      container(['/opt/tc/bin/catalina.sh', 'run'], { '/opt/tc/webapps/shop.war': 'PK' }, { flavour: 'gnu' }),
      8080,
      get('/shop/'),
      { status: 200, body: '' },
    ],
    [
      'tomcat: nothing deployed at /',
      container(['/opt/tc/bin/catalina.sh', 'run'], { '/opt/tc/webapps/shop.war': 'PK' }, { flavour: 'gnu' }),
      8080,
      get('/'),
      { status: 404, body: '' },
    ],
    [
      'redis holds an HTTP request',
      container(['redis-server'], {}, { flavour: 'gnu' }),
      6379,
      get('/'),
      { held: true },
    ],
    [
      'a container kspec does not run may listen anywhere',
      container(undefined),
      1234,
      get('/'),
      { status: 200, body: '' },
    ],
  ];
  for (const [name, c, port, req, want] of rows) assert.deepEqual(answer([c], port, req), want, name);
});

test('nc -l: one connection, whose request it prints, then it exits; -k goes on', () => {
  const c = container(['nc', '-l', '-p', '8080']);
  answer([c], 8080, { path: '/x', host: '10.244.1.5:8080', agent: 'Wget' });
  c.proc!.advance(T0 + 2000);
  assert.deepEqual(
    [c.proc!.exitCode, c.proc!.log.map((l) => l.text)],
    [0, ['GET /x HTTP/1.1\r', 'Host: 10.244.1.5:8080\r', 'User-Agent: Wget\r', 'Connection: close\r', '\r']],
  );
  assert.deepEqual(answer([c], 8080, undefined), { refused: true }, 'gone with the process');
});

test("httpGet and tcpSocket probes: the prober's messages", () => {
  const web = container(sh('httpd -f -p 8080 -h /www'), { '/www/healthz': 'ok' });
  const ask = (c: ContainerRecord) => (port: number, req: any) => answer([c], port, req);
  const spec = { ports: [{ name: 'http', containerPort: 8080 }] };
  // [probe, container, passed, output]
  const rows: [any, ContainerRecord, boolean, string][] = [
    [{ httpGet: { path: '/healthz', port: 8080 } }, web, true, ''],
    [{ httpGet: { path: '/healthz', port: 'http' } }, web, true, ''],
    [{ httpGet: { path: '/missing', port: 8080 } }, web, false, 'HTTP probe failed with statuscode: 404'],
    [
      { httpGet: { path: '/healthz', port: 8081 } },
      web,
      false,
      'Get "http://10.244.1.5:8081/healthz": dial tcp 10.244.1.5:8081: connect: connection refused',
    ],
    [
      { httpGet: { port: 9090 } },
      web,
      false,
      'Get "http://10.244.1.5:9090/": dial tcp 10.244.1.5:9090: connect: connection refused',
    ],
    [{ tcpSocket: { port: 8080 } }, web, true, ''],
    [{ tcpSocket: { port: 5432 } }, web, false, 'dial tcp 10.244.1.5:5432: connect: connection refused'],
    [
      { httpGet: { path: '/', port: 8080 } },
      container(['nc', '-l', '-p', '8080']),
      false,
      'Get "http://10.244.1.5:8080/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
    ],
  ];
  for (const [probe, c, passed, output] of rows)
    assert.deepEqual(networkProbe(probe, '10.244.1.5', spec, ask(c)), { passed, output }, JSON.stringify(probe));
});

test("nginx's listen directives", () => {
  const ports = (files: Record<string, string>) => nginxServes(layer(files).fs).map((s) => s.port);
  assert.deepEqual(ports({}), [80]);
  assert.deepEqual(ports({ '/etc/nginx/conf.d/default.conf': 'server {\n  listen 80;\n  listen [::]:80;\n}\n' }), [80]);
  assert.deepEqual(
    ports({
      '/etc/nginx/conf.d/a.conf': 'server { listen 443 ssl; # listen 8443;\n }\nserver { listen 127.0.0.1:8080; }',
    }),
    [443, 8080],
  );
  assert.deepEqual(ports({ '/etc/nginx/conf.d/a.txt': 'server { listen 9; }' }), [80]);
});
