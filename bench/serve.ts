// Figures of `kspec serve` (printed by npm run bench; never asserted): start-up of the command and of
// serveCluster, requests per second over HTTPS with keep-alive for get, list and patch, the latency of a watch
// event after a write, and the resident memory over many requests.

import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { createCluster } from '../src';
import { serveCluster, type ServedCluster } from '../src/server/serve';

type Report = (label: string, value: string) => void;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** `kspec serve` from process start to the printed kubeconfig line, and its own "ready in" figure. */
function cliStart(): Promise<{ wall: number; ready: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      [
        path.join(__dirname, '..', 'bin', 'kspec.js'),
        'serve',
        '--kubeconfig',
        path.join(os.tmpdir(), `kspec-bench-${process.pid}.kubeconfig`),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (!out.includes('export KUBECONFIG=')) return;
      const wall = performance.now() - t0;
      child.kill('SIGTERM');
      child.on('exit', () => resolve({ wall, ready: Number(/ready in (\d+) ms/.exec(out)?.[1]) }));
    });
    child.on('error', reject);
  });
}

function client(served: ServedCluster): {
  agent: https.Agent;
  token: string;
  request: (method: string, p: string, body?: string, type?: string) => Promise<number>;
} {
  const agent = new https.Agent({ keepAlive: true, maxSockets: 8, ca: served.ca });
  const token = served.users[0].token;
  const request = (method: string, p: string, body?: string, type = 'application/json') =>
    new Promise<number>((resolve, reject) => {
      const req = https.request(
        `${served.url}${p}`,
        { method, agent, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': type } : {}) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { agent, token, request };
}

/** Requests per second with `concurrency` in flight, for `count` requests. */
async function rate(send: (i: number) => Promise<number>, count: number, concurrency = 8): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const code = await send(i);
        if (code >= 300) throw new Error(`HTTP ${code}`);
      }
    }),
  );
  return count / ((performance.now() - t0) / 1000);
}

/** `kspec --version`: Node starting, answered before anything loads (the floor of any kspec command). */
function versionStart(): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'bin', 'kspec.js'), '--version'], {
      stdio: 'ignore',
    });
    child.on('exit', () => resolve(performance.now() - t0));
    child.on('error', reject);
  });
}

export async function serveFigures(report: Report): Promise<void> {
  const starts = [],
    floors = [];
  for (let i = 0; i < 3; i++) {
    starts.push(await cliStart());
    floors.push(await versionStart());
  }
  report(
    'kspec serve: process start to kubeconfig printed (median of 3)',
    `${median(starts.map((s) => s.wall)).toFixed(0)} ms (its own "ready in": ${median(starts.map((s) => s.ready))} ms; kspec --version: ${median(floors).toFixed(0)} ms)`,
  );

  const inProcess: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const s = await serveCluster(createCluster({ seed: i }), { clock: 'manual' });
    inProcess.push(performance.now() - t0);
    await s.close();
  }
  report('serveCluster(createCluster()) in process (median of 20)', `${median(inProcess).toFixed(1)} ms`);

  const served = await serveCluster(createCluster({ seed: 'bench', timeline: false }), { clock: 'manual' });
  served.cluster.kubectl('create deployment web --image=nginx --replicas=30');
  const pod = served.cluster.list('pods', { labelSelector: 'app=web' })[0].metadata.name;
  // the handler alone, in process (what kspec's own kubectl will call): no TLS, no sockets
  const admin = served.users[0].user;
  const inProc = (n: number, p: string) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++)
      served.handler.handle({ method: 'GET', path: p, query: new URLSearchParams(), headers: {}, user: admin });
    return n / ((performance.now() - t0) / 1000);
  };
  report(
    'in-process handler requests/s: get pod / list 30 pods',
    `${inProc(5000, `/api/v1/namespaces/default/pods/${pod}`).toFixed(0)} / ${inProc(1000, '/api/v1/namespaces/default/pods').toFixed(0)}`,
  );
  const { agent, request } = client(served);
  const rss0 = process.memoryUsage().rss;
  const get = await rate(() => request('GET', `/api/v1/namespaces/default/pods/${pod}`), 3000);
  const list = await rate(() => request('GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb'), 1000);
  const patch = await rate(
    (i) =>
      request(
        'PATCH',
        '/apis/apps/v1/namespaces/default/deployments/web',
        JSON.stringify({ metadata: { annotations: { n: String(i) } } }),
        'application/merge-patch+json',
      ),
    1000,
  );
  report(
    'HTTPS requests/s, 8 in flight: get pod / list 30 pods / patch deployment',
    `${get.toFixed(0)} / ${list.toFixed(0)} / ${patch.toFixed(0)}`,
  );

  // watch latency: from sending a create to its ADDED event arriving on an open watch
  const latencies: number[] = [];
  await new Promise<void>((resolve, reject) => {
    const req = https.request(
      `${served.url}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${served.cluster.store.resourceVersion()}`,
      { agent: new https.Agent({ ca: served.ca }), headers: { authorization: `Bearer ${served.users[0].token}` } },
      (res) => {
        let buf = '',
          sentAt = 0,
          n = 0;
        const send = () => {
          sentAt = performance.now();
          void request(
            'POST',
            '/api/v1/namespaces/default/configmaps',
            JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `w${n}` } }),
          );
        };
        res.on('data', (c) => {
          buf += c;
          let i;
          while ((i = buf.indexOf('\n')) >= 0) {
            buf = buf.slice(i + 1);
            latencies.push(performance.now() - sentAt);
            if (++n === 200) {
              req.destroy();
              resolve();
              return;
            }
            send();
          }
        });
        send();
      },
    );
    req.on('error', (e) => (latencies.length >= 200 ? resolve() : reject(e)));
    req.end();
  });
  report(
    'watch event latency after a create over HTTPS (median / p99 of 200)',
    `${median(latencies).toFixed(2)} / ${[...latencies].sort((a, b) => a - b)[197].toFixed(2)} ms`,
  );

  for (let round = 0; round < 4; round++)
    await rate(() => request('GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb'), 2500);
  const rss1 = process.memoryUsage().rss;
  report(
    'resident memory: before / after 18,000 requests',
    `${(rss0 / 2 ** 20).toFixed(0)} / ${(rss1 / 2 ** 20).toFixed(0)} MiB`,
  );
  agent.destroy();
  await served.close();
}
