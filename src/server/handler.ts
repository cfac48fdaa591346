// The served Kubernetes API in one in-process request handler: `handle(request) -> response`. It routes as
// kube-apiserver does (non-resource paths, discovery, then /api/v1 and /apis/<group>/<version> resources),
// authenticates nothing itself (the transport sets request.user), applies impersonation, and answers every
// error as a Status. Requests are applied and converged exactly as the in-process API does: after a write, the
// controllers run until the cluster is quiescent at the current virtual time.

import { StatusError, isStatusError } from '../api/errors';
import type { UserInfo } from '../apiserver/authorization/rbac';
import { impersonate } from '../apiserver/authorization/as-user';
import { KubeletServer } from '../kubelet/server';
import { json, type ApiRequest, type ApiResponse, type ServedModel } from './types';
import { errorResponse, errs } from './status';
import * as discovery from './discovery';
import { WatchCache } from './watch-cache';
import { resourceRequest, parseResourcePath } from './rest';

/** kube-apiserver's MaxRequestBodyBytes: 3 MiB. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export const VERSION_INFO = {
  major: '1',
  minor: '30',
  gitVersion: 'v1.30.0',
  gitCommit: '7c48c2bd72b9bf5c44d21d7338cc7bea77d0ad2a',
  gitTreeState: 'clean',
  buildDate: '2024-04-17T17:27:03Z',
  goVersion: 'go1.22.2',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** The cluster admin of kubeadm's admin.conf (v1.29+): kubernetes-admin in kubeadm:cluster-admins. */
export const ADMIN: UserInfo = { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
export const ANONYMOUS: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

/** Paths anyone may read (the system:public-info-viewer ClusterRole). */
const PUBLIC = new Set(['/healthz', '/livez', '/readyz', '/version']);

export interface HandlerOptions {
  /** host:port clients reach the server at, for /api's serverAddressByClientCIDRs */
  serverAddress?: string;
  /** called before each request: the served clock catches up with the wall clock (and a lab session records it) */
  beforeRequest?: (req: ApiRequest) => void;
  /** the served clock catches up with the wall clock (input arriving on an open stream: attach's stdin, port-forward) */
  syncClock?: () => void;
  /** called after each request that wrote: the served clock schedules its next wake-up */
  afterWrite?: () => void;
  /** extra routes (the admin endpoints of `kspec serve`), tried before the API's */
  extra?: (req: ApiRequest) => ApiResponse | undefined;
  /** the watch cache's window, in events */
  watchCacheSize?: number;
  /**
   * start the watch cache with the first watch, not with the handler: for an in-process client that watches only
   * from what it has just listed (kspec's kubectl), so a cluster nobody watches keeps no window of events
   */
  watchCacheOnDemand?: boolean;
  /** how often a watch that allows bookmarks gets one (default a minute) */
  bookmarkIntervalMs?: number;
  /** told of a JavaScript error met while handling a request (a bug in the model), which is answered 500 */
  onInternalError?: (where: string, e: unknown) => void;
}

export class ApiHandler<C extends ServedModel = ServedModel> {
  readonly kubelet: KubeletServer;
  private cache?: WatchCache;

  constructor(
    readonly cluster: C,
    readonly opts: HandlerOptions = {},
  ) {
    this.kubelet = new KubeletServer(cluster.kubelets, cluster.api);
    if (!opts.watchCacheOnDemand) this.cache = new WatchCache(cluster.store, opts.watchCacheSize);
  }

  /** The watch cache: from the handler's start, or (watchCacheOnDemand) from the first watch. */
  get watchCache(): WatchCache {
    return (this.cache ??= new WatchCache(this.cluster.store, this.opts.watchCacheSize));
  }

  handle(req: ApiRequest): ApiResponse {
    try {
      this.opts.beforeRequest?.(req);
      const extra = this.opts.extra?.(req);
      if (extra) return extra;
      return this.route(req);
    } catch (e) {
      if (isStatusError(e)) return errorResponse(e);
      // a bug in the model must not take the server down: answer 500 as the apiserver's panic recovery does
      this.opts.onInternalError?.(`${req.method} ${req.path}`, e);
      return errorResponse(new StatusError(500, 'InternalError', `Internal error occurred: ${(e as Error).message}`));
    }
  }

  /** The identity a request acts as: the authenticated user, or whom its Impersonate-* headers name. */
  userOf(req: ApiRequest): UserInfo {
    const user = req.user ?? ANONYMOUS;
    const as = req.headers['impersonate-user'];
    const groups = req.impersonateGroups ?? [];
    if (!as) {
      if (groups.length)
        throw new StatusError(
          500,
          'InternalError',
          'Internal error occurred: requested [' +
            groups.map((g) => `{Group  ${g}  authentication.k8s.io/v1  }`).join(' ') +
            '] without impersonating a user',
        );
      return user;
    }
    return impersonate(this.cluster.api, user, as, groups);
  }

  private route(req: ApiRequest): ApiResponse {
    const path = req.path.length > 1 ? req.path.replace(/\/+$/, '') : req.path;
    if (PUBLIC.has(path) || /^\/(healthz|livez|readyz)\//.test(path)) return this.nonResource(req, path);
    const user = this.userOf(req);
    if (user === ANONYMOUS || user.name === 'system:anonymous') {
      if (!path.startsWith('/api/') && !path.startsWith('/apis/'))
        throw new StatusError(
          403,
          'Forbidden',
          `forbidden: User "system:anonymous" cannot ${req.method.toLowerCase() === 'get' ? 'get' : req.method.toLowerCase()} path "${path}"`,
        );
    }
    if (path === '/api' || path === '/apis') return this.discoveryRoot(req, path === '/api');
    if (path.startsWith('/openapi/')) {
      // loaded on first use: the OpenAPI documents are read from kubernetes-types with the TypeScript compiler,
      // which the embedded cluster (whose kubectl holds this handler) must not load at start-up
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { openapi } = require('./openapi') as typeof import('./openapi');
      return this.onlyGet(req, () => openapi(this.cluster.api.resources, path, req));
    }
    const parts = path.split('/').slice(1);
    if (parts[0] === 'api' && parts.length === 2) {
      return this.onlyGet(req, () => {
        const doc = parts[1] === 'v1' ? discovery.apiResourceList(this.cluster.api.resources, '', 'v1') : undefined;
        if (!doc) throw errs.notFoundPath();
        return json(200, doc);
      });
    }
    if (parts[0] === 'apis' && parts.length === 2) {
      return this.onlyGet(req, () => {
        const doc = discovery.apiGroupDoc(this.cluster.api.resources, parts[1]);
        if (!doc) throw errs.notFoundPath();
        return json(200, doc);
      });
    }
    if (parts[0] === 'apis' && parts.length === 3) {
      return this.onlyGet(req, () => {
        const doc = discovery.apiResourceList(this.cluster.api.resources, parts[1], parts[2]);
        if (!doc) throw errs.notFoundPath();
        return json(200, doc);
      });
    }
    const target = parseResourcePath(parts);
    if (!target) throw errs.notFoundPath();
    return resourceRequest(this, req, user, target);
  }

  private onlyGet(req: ApiRequest, fn: () => ApiResponse): ApiResponse {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw errs.methodNotAllowed();
    return fn();
  }

  private nonResource(req: ApiRequest, path: string): ApiResponse {
    return this.onlyGet(req, () => {
      // WriteRawJSON: indented
      if (path === '/version') return json(200, VERSION_INFO, undefined, (v) => JSON.stringify(v, null, 2));
      return {
        type: 'body',
        status: 200,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
        body: 'ok',
      };
    });
  }

  /** /api and /apis: the aggregated document when the client asks for it (kubectl 1.26+ does), else the legacy one. */
  private discoveryRoot(req: ApiRequest, core: boolean): ApiResponse {
    return this.onlyGet(req, () => {
      const accept = req.headers.accept ?? '';
      const want = /as=APIGroupDiscoveryList/.test(accept)
        ? /v=v2(?!beta)/.test(accept)
          ? 'v2'
          : /v=v2beta1/.test(accept)
            ? 'v2beta1'
            : undefined
        : undefined;
      if (want) {
        return json(
          200,
          discovery.aggregated(this.cluster.api.resources, core, want),
          `application/json;g=apidiscovery.k8s.io;v=${want};as=APIGroupDiscoveryList`,
        );
      }
      return json(
        200,
        core
          ? discovery.apiVersions(this.opts.serverAddress ?? '127.0.0.1')
          : discovery.apiGroupList(this.cluster.api.resources),
      );
    });
  }
}

export function createHandler<C extends ServedModel>(cluster: C, opts: HandlerOptions = {}): ApiHandler<C> {
  return new ApiHandler(cluster, opts);
}
