// A lab session on the real kubectl (`kspec lab start|check|reset`, lab-command.ts). The lab's cluster is built by
// the checkpoints' own Background steps up to "the learner's solution is applied", with the session's seed and
// start time, then served; every request that changes it is recorded with the virtual time it was handled at.
// `kspec lab check` grades exactly as `kspec check` does, the solution being the recording: each checkpoint's
// cluster is built by the same steps with the same seed and start, the learner's requests are replayed at their
// times, and time is moved to the session's present. The model being deterministic, that cluster is the
// learner's, which the replay proves by comparing a digest of every object's resourceVersion with the served
// cluster's; the checkpoints then change and wait on the copy, never on the learner's cluster.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import type { Cluster } from '../cluster';
import type { ApiRequest } from '../server/types';
import type { UserInfo } from '../apiserver/authorization/rbac';

/** One recorded request: what the server was asked, by whom, and at what virtual time. */
export interface RecordedRequest {
  at: number;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  impersonateGroups?: string[];
  /** base64: bodies may be protobuf */
  body?: string;
  user?: UserInfo;
}

export interface LabSessionData {
  kind: 'kspec-lab-session';
  /** the lab's folder */
  lab: string;
  seed: string;
  /** the clusters' virtual start, ms since the epoch */
  start: number;
  speed: number;
  /** the served cluster's virtual time when the session was read */
  now: number;
  /** the served cluster's objects then (digest()) */
  digest: string;
  requests: RecordedRequest[];
}

/** The headers a request's meaning depends on; others (user agents, tokens) are left out of the recording. */
const KEPT_HEADERS = ['content-type', 'accept', 'impersonate-user', 'impersonate-uid', 'x-kubernetes-pb'];

/** Does the request change the cluster (or run a command in a container)? Reads and reviews are not replayed. */
export function changes(req: Pick<ApiRequest, 'method' | 'path' | 'query'>): boolean {
  if (req.path.startsWith('/kspec/')) return false;
  if (/\/(exec|attach)$/.test(req.path)) return true;
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return false;
  return !/^\/apis\/authorization\.k8s\.io\//.test(req.path);
}

export function record(req: ApiRequest, at: number): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const h of KEPT_HEADERS) if (req.headers[h] !== undefined) headers[h] = req.headers[h]!;
  const body = req.body === undefined || req.body.length === 0 ? undefined : Buffer.from(req.body).toString('base64');
  return {
    at,
    method: req.method,
    path: req.path,
    query: req.query.toString(),
    headers,
    ...(req.impersonateGroups?.length ? { impersonateGroups: [...req.impersonateGroups] } : {}),
    ...(body ? { body } : {}),
    ...(req.user ? { user: req.user } : {}),
  };
}

/** Every object's resource, key and resourceVersion, hashed: equal digests, equal clusters. */
export function digest(cluster: Cluster): string {
  const h = createHash('sha256');
  h.update(String(cluster.store.resourceVersion()));
  for (const r of cluster.api.resources.all()) {
    for (const o of cluster.store.list(r.resource))
      h.update(`\n${r.resource}/${o.metadata.namespace ?? ''}/${o.metadata.name}@${o.metadata.resourceVersion}`);
  }
  return h.digest('hex').slice(0, 16);
}

export function isSessionFile(file: string): boolean {
  return /\.kspec-session\.json$/.test(file) && fs.existsSync(file) && fs.statSync(file).isFile();
}

export function readSession(file: string): LabSessionData {
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as LabSessionData;
  if (data?.kind !== 'kspec-lab-session') throw new Error(`${file} is not a kspec lab session`);
  return data;
}

export function writeSession(dir: string, data: LabSessionData): string {
  const file = path.join(dir, `${path.basename(data.lab)}.kspec-session.json`);
  fs.writeFileSync(file, JSON.stringify(data));
  return file;
}

/**
 * The learner's session replayed on a checkpoint's cluster (built by the same steps, seed and start): each
 * request handled at its time, then time moved to the session's present. Fails, naming the difference, when
 * the copy is not the learner's cluster.
 */
export function replaySession(cluster: Cluster, data: LabSessionData): void {
  const { ApiHandler } = require('../server/handler') as typeof import('../server/handler');
  const handler = new ApiHandler(cluster);
  const to = (t: number) => {
    if (t > cluster.clock.now()) cluster.advance(t - cluster.clock.now());
  };
  for (const r of data.requests) {
    to(r.at);
    const response = handler.handle({
      method: r.method,
      path: r.path,
      query: new URLSearchParams(r.query),
      headers: r.headers,
      impersonateGroups: r.impersonateGroups,
      body: r.body === undefined ? undefined : Buffer.from(r.body, 'base64'),
      user: r.user,
    });
    // a command in a container runs as it did (a session that read stdin is not recorded with it)
    if (response.type === 'upgrade' && !response.session.stdin) response.session.run?.('', () => undefined);
  }
  to(data.now);
  const mine = digest(cluster);
  if (mine !== data.digest) {
    throw new Error(
      `replaying your session did not give your cluster (digest ${mine}, yours ${data.digest}): ` +
        'grade it with `kspec check` and your commands instead, and report this to kspec',
    );
  }
}

/** The lab setup run's hand-over: the Background built the cluster; the session serves it. */
export const labSetup: { receive?: (cluster: Cluster) => void } = {};
