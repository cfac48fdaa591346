// `kspec serve`: one embedded cluster as a Kubernetes API on 127.0.0.1 for the real kubectl and client
// libraries, with a kubeconfig; Ctrl-C (SIGINT) or SIGTERM stops it. `kspec time`: the served virtual clock.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './errors';
import { currentCredentials } from '../server/kubeconfig';
import { wallClock } from '../runtime/wall-clock';

export interface ServeFlags {
  nodes?: string;
  seed?: string;
  proxyMode?: string;
  manifests?: string[];
  port?: string;
  kubeconfig?: string;
  clock?: string;
  speed?: string;
  start?: string;
  user?: string[];
  group?: string[];
  namespace?: string;
}

/** Runs until a signal; resolves to the exit code. `ready` is told the start-up time (tests, bench). */
export async function serveCommand(
  cwd: string,
  flags: ServeFlags,
  out: (s: string) => void = (s) => process.stdout.write(s),
  stopOn: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'],
): Promise<number> {
  const t0 = wallClock.elapsed();
  const nodes = flags.nodes === undefined ? 3 : Number(flags.nodes);
  if (!Number.isInteger(nodes) || nodes < 0)
    throw new UsageError(`--nodes must be a whole number, not "${flags.nodes}"`);
  const clock = flags.clock ?? 'real';
  if (clock !== 'real' && clock !== 'manual')
    throw new UsageError(`--clock must be "real" or "manual", not "${clock}"`);
  const speed = flags.speed === undefined ? 1 : Number(flags.speed);
  if (!(speed > 0)) throw new UsageError(`--speed must be a positive number, not "${flags.speed}"`);
  if (flags.proxyMode && flags.proxyMode !== 'iptables' && flags.proxyMode !== 'ipvs')
    throw new UsageError(`--proxy-mode must be "iptables" or "ipvs", not "${flags.proxyMode}"`);
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number, not "${flags.port}"`);
  // a real clock starts at the wall clock's second (kubectl computes some ages itself); a manual one at kspec's fixed start
  let start: number | undefined = clock === 'real' ? Math.floor(wallClock.now() / 1000) * 1000 : undefined;
  if (flags.start) {
    start = Date.parse(flags.start);
    if (Number.isNaN(start))
      throw new UsageError(`--start must be an RFC 3339 time (2024-01-01T00:00:00Z), not "${flags.start}"`);
  }
  // loaded here, so other kspec commands start without the model and the server
  const { createCluster } = require('../cluster') as typeof import('../cluster');
  const { serveCluster } = require('../server/serve') as typeof import('../server/serve');
  const cluster = createCluster({ nodes, seed: flags.seed ?? 'kspec', start, proxyMode: flags.proxyMode as any });
  for (const m of flags.manifests ?? []) applyManifests(cluster, path.resolve(cwd, m));
  const kubeconfigPath = path.resolve(cwd, flags.kubeconfig ?? 'kspec.kubeconfig');
  const groups = flags.group ?? [];
  const served = await serveCluster(cluster, {
    port,
    kubeconfig: kubeconfigPath,
    clock,
    speed,
    namespace: flags.namespace,
    users: (flags.user ?? []).map((name) => ({ name, groups })),
  });
  const ms = wallClock.elapsed() - t0;
  out(
    `kspec serve: a ${nodes}-node Kubernetes v1.30 cluster (seed "${flags.seed ?? 'kspec'}", ${clock} clock${clock === 'real' && speed !== 1 ? ` x${speed}` : ''}) at ${served.url}, ready in ${Math.round(ms)} ms\n`,
  );
  out(`context ${served.users.length > 1 ? served.users[1].context : 'kspec'} in ${kubeconfigPath}; Ctrl-C stops it\n`);
  out(`export KUBECONFIG=${kubeconfigPath}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      for (const s of stopOn) process.off(s, stop);
      resolve();
    };
    for (const s of stopOn) process.on(s, stop);
  });
  await served.close();
  out('kspec serve: stopped\n');
  return 0;
}

/** `--manifests DIR|FILE`: every *.yaml/*.yml/*.json in a folder (sorted), or one file, applied as kubectl apply -f. */
function applyManifests(cluster: import('../cluster').Cluster, p: string): void {
  if (!fs.existsSync(p)) throw new UsageError(`--manifests: ${p} does not exist`);
  const files = fs.statSync(p).isDirectory()
    ? fs
        .readdirSync(p)
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .sort()
        .map((f) => path.join(p, f))
    : [p];
  for (const f of files) {
    const r = cluster.kubectl(`apply -f ${JSON.stringify(f)}`);
    if (r.exitCode !== 0) throw new UsageError(`--manifests: ${f}: ${r.stderr.trim()}`);
  }
}

/** `kspec time [advance DURATION]`: prints the served cluster's virtual time, or moves it (manual clock). */
export async function timeCommand(
  cwd: string,
  args: string[],
  flags: { kubeconfig?: string; context?: string },
  out: (s: string) => void = (s) => process.stdout.write(s),
): Promise<number> {
  const file = path.resolve(cwd, flags.kubeconfig ?? process.env.KUBECONFIG ?? 'kspec.kubeconfig');
  if (!fs.existsSync(file))
    throw new UsageError(`no kubeconfig at ${file}: start \`kspec serve\` first, or pass --kubeconfig`);
  const { server, token, ca } = currentCredentials(fs.readFileSync(file, 'utf8'), flags.context);
  let url = `${server}/kspec/v1/time`,
    method = 'GET';
  if (args.length) {
    if (args[0] !== 'advance' || args.length !== 2)
      throw new UsageError('usage: kspec time [advance DURATION] (e.g. kspec time advance 5m)');
    url += `/advance?by=${encodeURIComponent(args[1])}`;
    method = 'POST';
  }
  let res: { status: number; body: any };
  try {
    res = await request(url, method, token, ca);
  } catch (e) {
    throw new UsageError(`cannot reach the served cluster at ${server}: ${(e as any).code ?? (e as Error).message}`);
  }
  const body = res.body;
  if (res.status >= 300) throw new UsageError(body?.message ?? `HTTP ${res.status}`);
  out(`${body.now} (${body.clock} clock${body.clock === 'real' && body.speed !== 1 ? ` x${body.speed}` : ''})\n`);
  return 0;
}

/** One HTTPS request to the served API, trusting its certificate from the kubeconfig. */
export function request(
  url: string,
  method: string,
  token: string | undefined,
  ca: string | undefined,
): Promise<{ status: number; body: any }> {
  const https = require('node:https') as typeof import('https');
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method, ca, headers: token ? { authorization: `Bearer ${token}` } : {} },
      (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
          } catch (e) {
            reject(e);
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
