// serveCluster: one embedded cluster behind an HTTP server on 127.0.0.1, as a Kubernetes API that the real
// kubectl and client libraries use; with its kubeconfig, its clock, and the admin endpoints of `kspec time`.
//   const served = await serveCluster(createCluster({ seed: 'demo' }), { kubeconfig: './kspec.kubeconfig' });
//   // KUBECONFIG=./kspec.kubeconfig kubectl get nodes
//   await served.close();

import * as fs from 'fs';
import { randomBytes } from 'crypto';
import type { Cluster } from '../cluster';
import { StatusError } from '../api/errors';
import { parseDuration } from '../runtime/duration';
import type { UserInfo } from '../apiserver/authorization/rbac';
import { withDefaultGroups } from '../apiserver/authorization/rbac';
import { ApiHandler, ADMIN } from './handler';
import { createHttpServer, listen } from './http';
import { ServedClock, type ClockMode } from './clock';
import { kubeconfig, type KubeconfigUser } from './kubeconfig';
import { selfSignedCertificate } from './certificate';
import { json, type ApiRequest, type ApiResponse } from './types';
import { errs } from './status';

export interface ServeOptions {
  /** the port on 127.0.0.1 (default: a free one) */
  port?: number;
  /** where to write the kubeconfig (default: none written; the text is on the result) */
  kubeconfig?: string;
  /** `real` (default): virtual time follows the wall clock; `manual`: it moves only when asked */
  clock?: ClockMode;
  /** real clock only: virtual seconds per wall second (default 1) */
  speed?: number;
  /** users besides the admin, each with a context `kspec-<name>`; the first becomes the current context */
  users?: { name: string; groups?: string[] }[];
  /** the contexts' namespace */
  namespace?: string;
  /** how often watches that allow bookmarks get one (default a minute) */
  bookmarkIntervalMs?: number;
}

export interface ServedCluster {
  cluster: Cluster;
  handler: ApiHandler;
  clock: ServedClock;
  /** `https://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** the kubeconfig's text (also written to opts.kubeconfig when given) */
  kubeconfig: string;
  /** the server's self-signed certificate (PEM): the kubeconfig's certificate authority */
  ca: string;
  users: KubeconfigUser[];
  close(): Promise<void>;
}

const token = () => randomBytes(24).toString('base64url');

export async function serveCluster(cluster: Cluster, opts: ServeOptions = {}): Promise<ServedCluster> {
  const clock = new ServedClock(cluster, opts.clock ?? 'real', opts.speed ?? 1);
  const users: KubeconfigUser[] = [{ context: 'kspec', user: ADMIN, token: token() }];
  for (const u of opts.users ?? []) users.push({ context: `kspec-${u.name}`, user: withDefaultGroups(u.name, u.groups ?? []), token: token() });
  const tokens = new Map<string, UserInfo>(users.map((u) => [u.token, u.user]));
  let address = '127.0.0.1';
  const handler = new ApiHandler(cluster, {
    get serverAddress() { return address; },
    beforeRequest: () => clock.sync(),
    afterWrite: () => clock.schedule(),
    extra: (req) => timeEndpoint(req, cluster, clock),
    bookmarkIntervalMs: opts.bookmarkIntervalMs,
  });
  const tls = selfSignedCertificate();
  const server = createHttpServer(handler, { tokens, tls });
  const sockets = new Set<import('net').Socket>();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  const info = await listen(server, opts.port ?? 0);
  address = `127.0.0.1:${info.port}`;
  const url = `https://${address}`;
  const text = kubeconfig(url, tls.cert, users, users[1]?.context ?? 'kspec', opts.namespace);
  if (opts.kubeconfig) fs.writeFileSync(opts.kubeconfig, text, { mode: 0o600 });
  clock.schedule();
  return {
    cluster, handler, clock, url, port: info.port, kubeconfig: text, ca: tls.cert, users,
    close: () => new Promise<void>((resolve) => {
      clock.stop();
      server.close(() => resolve());
      // watches and followed logs hold their connections open: end them
      for (const s of sockets) s.destroy();
    }),
  };
}

/** GET /kspec/v1/time: the virtual time; POST /kspec/v1/time/advance?by=5m: moves it (what `kspec time advance` calls). */
function timeEndpoint(req: ApiRequest, cluster: Cluster, clock: ServedClock): ApiResponse | undefined {
  if (!req.path.startsWith('/kspec/')) return undefined;
  if (!req.user) throw new StatusError(403, 'Forbidden', `forbidden: User "system:anonymous" cannot ${req.method.toLowerCase()} path "${req.path}"`);
  const now = () => ({ now: cluster.clock.iso(), clock: clock.mode, speed: clock.speed });
  if (req.path === '/kspec/v1/time') {
    if (req.method !== 'GET') throw errs.methodNotAllowed();
    return json(200, now());
  }
  if (req.path === '/kspec/v1/time/advance') {
    if (req.method !== 'POST') throw errs.methodNotAllowed();
    const by = req.query.get('by') ?? '';
    let ms: number;
    try { ms = parseDuration(by); } catch { throw new StatusError(400, 'BadRequest', `invalid duration "${by}": use e.g. 30s, 5m, 2h`); }
    if (!(ms >= 0)) throw new StatusError(400, 'BadRequest', `invalid duration "${by}": time only moves forward`);
    clock.advance(ms);
    return json(200, now());
  }
  throw errs.notFoundPath();
}
