// serveCluster: one embedded cluster behind an HTTP server on 127.0.0.1, as a Kubernetes API that the real
// kubectl and client libraries use; with its kubeconfig, its clock, the admin endpoints of `kspec time`, and a
// fresh cluster on request (`POST /kspec/v1/cluster`: the live driver's cluster of a scenario's own, a lab's reset).
//   const served = await serveCluster(createCluster({ seed: 'demo' }), { kubeconfig: './kspec.kubeconfig' });
//   // KUBECONFIG=./kspec.kubeconfig kubectl get nodes
//   await served.close();

import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createCluster, type Cluster, type NodeSpec } from '../cluster';
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
  /** told every request before it is handled, with the virtual time it is handled at (a lab session records the learner's) */
  onRequest?: (req: ApiRequest, at: number) => void;
  /** more admin routes under /kspec/ (a lab session's), tried after the built-in ones; the cluster admin only */
  admin?: (req: ApiRequest) => ApiResponse | undefined;
}

export interface ServedCluster {
  /** the served model: replaced by a fresh one on `POST /kspec/v1/cluster` (or reset()) */
  readonly cluster: Cluster;
  readonly handler: ApiHandler<Cluster>;
  readonly clock: ServedClock;
  /** `https://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** the kubeconfig's text (also written to opts.kubeconfig when given) */
  kubeconfig: string;
  /** the server's self-signed certificate (PEM): the kubeconfig's certificate authority */
  ca: string;
  users: KubeconfigUser[];
  /** Credentials for one more user (its context `kspec-<name>`): a bearer token the server authenticates as it. */
  addUser(user: UserInfo): KubeconfigUser;
  /** How many streams (watches, followed logs) are open now. */
  readonly openStreams: number;
  /** How many chunks the streams have sent since the server started: it grows when a watcher has news. */
  readonly streamWrites: number;
  /** Serves `next` from now on, on the same address and credentials; open watches and streams end. */
  replace(next: Cluster): void;
  /** Serves a fresh cluster of these nodes and seed, starting at the served cluster's current virtual time. */
  reset(opts: FreshCluster): Cluster;
  close(): Promise<void>;
}

/**
 * What `POST /kspec/v1/cluster` takes: `{"nodes": 3, "seed": "..."}` or `{"nodes": [{"name": "node-1", ...}]}`, and
 * with a manual clock `"start": "2024-01-01T00:00:00Z"` (default: the served cluster's present).
 */
export interface FreshCluster {
  nodes?: number | NodeSpec[];
  seed?: string;
  start?: string;
}

const token = () => randomBytes(24).toString('base64url');

export async function serveCluster(first: Cluster, opts: ServeOptions = {}): Promise<ServedCluster> {
  const users: KubeconfigUser[] = [{ context: 'kspec', user: ADMIN, token: token() }];
  for (const u of opts.users ?? [])
    users.push({ context: `kspec-${u.name}`, user: withDefaultGroups(u.name, u.groups ?? []), token: token() });
  const tokens = new Map<string, UserInfo>(users.map((u) => [u.token, u.user]));
  let address = '127.0.0.1';
  // what is served now: a fresh cluster replaces all three at once
  let cluster: Cluster, clock: ServedClock, handler: ApiHandler<Cluster>;
  const streams = new Set<() => void>();
  const replace = (next: Cluster) => {
    clock?.stop();
    for (const end of [...streams]) end();
    cluster = next;
    clock = new ServedClock(next, opts.clock ?? 'real', opts.speed ?? 1);
    handler = new ApiHandler(next, {
      get serverAddress() {
        return address;
      },
      beforeRequest: (req) => {
        clock.sync();
        opts.onRequest?.(req, next.clock.now());
      },
      syncClock: () => clock.sync(),
      afterWrite: () => clock.schedule(),
      extra: (req) => adminEndpoint(req, cluster, clock, reset, opts.admin),
      bookmarkIntervalMs: opts.bookmarkIntervalMs,
    });
    clock.schedule();
  };
  const reset = (fresh: FreshCluster): Cluster => {
    clock.sync();
    // a real clock's cluster stays on the wall clock; a manual one may start where the caller says
    const start = fresh.start !== undefined && clock.mode === 'manual' ? Date.parse(fresh.start) : cluster.clock.now();
    replace(createCluster({ nodes: fresh.nodes ?? 3, seed: fresh.seed ?? 'kspec', start }));
    return cluster;
  };
  replace(first);
  const tls = selfSignedCertificate();
  // what streams have sent so far (a watch's events, a followed log): a client waiting on one has news
  let streamWrites = 0;
  const counted = (res: ApiResponse): ApiResponse =>
    res.type !== 'stream'
      ? res
      : {
          ...res,
          open: (sink) =>
            res.open({
              ...sink,
              write: (chunk) => {
                streamWrites++;
                sink.write(chunk);
              },
            }),
        };
  const server = createHttpServer({ handle: (req) => counted(handler.handle(req)) }, { tokens, tls, streams });
  const sockets = new Set<import('net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const info = await listen(server, opts.port ?? 0);
  address = `127.0.0.1:${info.port}`;
  const url = `https://${address}`;
  const text = kubeconfig(url, tls.cert, users, users[1]?.context ?? 'kspec', opts.namespace);
  if (opts.kubeconfig) fs.writeFileSync(opts.kubeconfig, text, { mode: 0o600 });
  return {
    get cluster() {
      return cluster;
    },
    get handler() {
      return handler;
    },
    get clock() {
      return clock;
    },
    url,
    port: info.port,
    kubeconfig: text,
    ca: tls.cert,
    users,
    replace,
    reset,
    addUser(user: UserInfo): KubeconfigUser {
      const u = { context: `kspec-${user.name}`, user, token: token() };
      users.push(u);
      tokens.set(u.token, user);
      return u;
    },
    get openStreams() {
      return streams.size;
    },
    get streamWrites() {
      return streamWrites;
    },
    close: () =>
      new Promise<void>((resolve) => {
        clock.stop();
        server.close(() => resolve());
        // watches and followed logs hold their connections open: end them
        for (const s of sockets) s.destroy();
      }),
  };
}

/**
 * GET /kspec/v1/time: the virtual time; POST /kspec/v1/time/advance?by=5m: moves it (what `kspec time advance`
 * calls). POST /kspec/v1/cluster (the cluster admin only): a fresh cluster of the body's nodes and seed.
 */
function adminEndpoint(
  req: ApiRequest,
  cluster: Cluster,
  clock: ServedClock,
  reset: (f: FreshCluster) => Cluster,
  more?: (req: ApiRequest) => ApiResponse | undefined,
): ApiResponse | undefined {
  if (!req.path.startsWith('/kspec/')) return undefined;
  if (!req.user)
    throw new StatusError(
      403,
      'Forbidden',
      `forbidden: User "system:anonymous" cannot ${req.method.toLowerCase()} path "${req.path}"`,
    );
  if (req.path === '/kspec/v1/cluster') return freshCluster(req, reset);
  if (more && !req.path.startsWith('/kspec/v1/time')) {
    if (req.user.name !== ADMIN.name)
      throw new StatusError(
        403,
        'Forbidden',
        `forbidden: User "${req.user.name}" cannot ${req.method.toLowerCase()} path "${req.path}"`,
      );
    const answer = more(req);
    if (answer) return answer;
  }
  const now = () => ({ now: cluster.clock.iso(), clock: clock.mode, speed: clock.speed });
  if (req.path === '/kspec/v1/time') {
    if (req.method !== 'GET') throw errs.methodNotAllowed();
    return json(200, now());
  }
  if (req.path === '/kspec/v1/time/advance') {
    if (req.method !== 'POST') throw errs.methodNotAllowed();
    const by = req.query.get('by') ?? '';
    let ms: number;
    try {
      ms = parseDuration(by);
    } catch {
      throw new StatusError(400, 'BadRequest', `invalid duration "${by}": use e.g. 30s, 5m, 2h`);
    }
    if (!(ms >= 0)) throw new StatusError(400, 'BadRequest', `invalid duration "${by}": time only moves forward`);
    clock.advance(ms);
    return json(200, now());
  }
  throw errs.notFoundPath();
}

/** POST /kspec/v1/cluster `{"nodes": 3 | [NodeSpec], "seed": "s"}`: answers the new cluster's nodes. */
function freshCluster(req: ApiRequest, reset: (f: FreshCluster) => Cluster): ApiResponse {
  if (req.method !== 'POST') throw errs.methodNotAllowed();
  if (req.user?.name !== ADMIN.name)
    throw new StatusError(
      403,
      'Forbidden',
      `forbidden: User "${req.user?.name}" cannot create path "${req.path}": only the cluster admin may replace the cluster`,
    );
  let body: FreshCluster;
  try {
    body = JSON.parse(String(req.body ?? '') || '{}');
  } catch (e) {
    throw new StatusError(400, 'BadRequest', `the body is not JSON: ${(e as Error).message}`);
  }
  const nodes = body.nodes;
  const validNodes =
    nodes === undefined ||
    (Number.isInteger(nodes) && (nodes as number) >= 0 && (nodes as number) <= 5000) ||
    (Array.isArray(nodes) && nodes.every((n) => typeof n?.name === 'string' && n.name));
  if (!validNodes)
    throw new StatusError(400, 'BadRequest', 'nodes must be a whole number or a list of nodes, each with a name');
  if (body.seed !== undefined && typeof body.seed !== 'string')
    throw new StatusError(400, 'BadRequest', 'seed must be a string');
  if (body.start !== undefined && Number.isNaN(Date.parse(body.start)))
    throw new StatusError(400, 'BadRequest', `start must be an RFC 3339 time, not ${JSON.stringify(body.start)}`);
  let fresh: Cluster;
  try {
    fresh = reset(body);
  } catch (e) {
    throw new StatusError(400, 'BadRequest', (e as Error).message);
  }
  return json(201, {
    nodes: fresh.list('nodes').map((n) => n.metadata.name),
    seed: body.seed ?? 'kspec',
    now: fresh.clock.iso(),
  });
}
