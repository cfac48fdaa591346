// The HTTPS layer of kspec serve: authentication, bodies over the limit, clients that go away mid-watch, upgrades
// it does not speak, and clean shutdown. The server must answer each and keep serving.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as https from 'node:https';
import * as tls from 'node:tls';
import { createCluster } from '../src/cluster';
import { serveCluster, type ServedCluster } from '../src/server/serve';

let served: ServedCluster;
before(async () => {
  served = await serveCluster(createCluster({ seed: 'http' }), { clock: 'manual' });
});
after(() => served.close());

function request(
  method: string,
  path: string,
  opts: { token?: string | null; body?: Buffer | string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string }> {
  const token = opts.token === undefined ? served.users[0].token : opts.token;
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${served.url}${path}`,
      { method, ca: served.ca, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...opts.headers } },
      (res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

test("authentication: the kubeconfig's token; none is anonymous; an unknown one is refused", async () => {
  assert.equal((await request('GET', '/api/v1/namespaces/default/pods')).status, 200);
  const anon = await request('GET', '/healthz', { token: null });
  assert.deepEqual([anon.status, anon.body], [200, 'ok']);
  const bad = await request('GET', '/api/v1/pods', { token: 'nope' });
  assert.equal(bad.status, 401);
  assert.deepEqual(JSON.parse(bad.body), {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'Unauthorized',
    reason: 'Unauthorized',
    details: {},
    code: 401,
  });
  const tv = await request('GET', '/version', { token: null });
  assert.equal(JSON.parse(tv.body).gitVersion, 'v1.30.0');
});

test('a body over 3 MiB is refused with 413 (the excess is discarded, not kept), and the server goes on', async () => {
  const r = await request('POST', '/api/v1/namespaces/default/configmaps', {
    body: Buffer.alloc(4 * 1024 * 1024, 'x'),
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(r.status, 413);
  assert.equal(JSON.parse(r.body).reason, 'RequestEntityTooLarge');
  assert.equal((await request('GET', '/readyz')).status, 200);
});

test('a client that disconnects mid-watch stops its watch; the server keeps serving', async () => {
  const before = served.handler.watchCache.watcherCount();
  await new Promise<void>((resolve, reject) => {
    const req = https.request(
      `${served.url}/api/v1/namespaces/default/configmaps?watch=1`,
      { ca: served.ca, headers: { authorization: `Bearer ${served.users[0].token}` } },
      (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      },
    );
    req.on('error', (e) => {
      if ((e as any).code !== 'ECONNRESET') reject(e);
    });
    req.end();
  });
  for (let i = 0; i < 50 && served.handler.watchCache.watcherCount() > before; i++)
    await new Promise((r) => setTimeout(r, 10));
  assert.equal(served.handler.watchCache.watcherCount(), before);
  served.cluster.kubectl('create configmap after-disconnect --from-literal=a=b');
  assert.equal((await request('GET', '/api/v1/namespaces/default/configmaps/after-disconnect')).status, 200);
});

test('an exec upgrade the server cannot speak is refused with the reason: no common SPDY protocol, an unknown Upgrade', async () => {
  served.cluster.kubectl('run p --image=nginx');
  const upgrade = (headers: string) =>
    new Promise<string>((resolve, reject) => {
      const s = tls.connect({ host: '127.0.0.1', port: served.port, ca: served.ca, servername: 'localhost' }, () => {
        s.write(
          `POST /api/v1/namespaces/default/pods/p/exec?command=env&stdout=true HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${served.users[0].token}\r\nConnection: Upgrade\r\n${headers}\r\n`,
        );
      });
      let text = '';
      s.on('data', (c) => {
        text += c;
      });
      s.on('end', () => resolve(text));
      s.on('error', reject);
    });
  let r = await upgrade('Upgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: channel.k8s.io\r\n');
  assert.match(r, /^HTTP\/1.1 403 Forbidden/);
  assert.match(
    r,
    /unable to upgrade: unable to negotiate protocol: client supports \[\\"channel.k8s.io\\"\], server supports \[\\"v4.channel.k8s.io\\"\]/,
  );
  r = await upgrade('Upgrade: h2c\r\n');
  assert.match(r, /^HTTP\/1.1 400 Bad Request/);
  assert.match(r, /unable to upgrade: the protocol \\"h2c\\" is not served/);
});

test('a malformed request line gets 400 and closes; the server goes on', async () => {
  const r = await new Promise<string>((resolve, reject) => {
    const s = tls.connect({ host: '127.0.0.1', port: served.port, ca: served.ca, servername: 'localhost' }, () =>
      s.write('NONSENSE\r\n\r\n'),
    );
    let text = '';
    s.on('data', (c) => {
      text += c;
    });
    s.on('end', () => resolve(text));
    s.on('error', reject);
  });
  assert.match(r, /^HTTP\/1.1 400 Bad Request/);
  assert.equal((await request('GET', '/livez')).status, 200);
});
