// Requests made as a user (`kubectl --as=jane --as-group=dev`, a step's `as "..."`, a client of the served API):
// the apiserver's authorization filter (apiserver/pkg/endpoints/filters/authorization.go). Each request is
// described by the attributes RequestInfoFactory builds for it, authorized by RBAC, and answered Forbidden as
// responsewriters.Forbidden words it; only then does it reach the API server. The attributes:
//   GET one object: get; GET a collection: list (no namespace: all namespaces, at the cluster scope); watch;
//   POST: create; PUT: update; PATCH: patch; DELETE: delete;
//   subresources as `resource/subresource`: status, scale, binding, eviction, and the connections proxied to the
//   kubelet (exec, attach, portforward: the method's verb, get for a WebSocket, create for SPDY; log: get).
// An HTTP request is described by src/apiserver/authorization/request-info.ts (RequestInfoFactory) and authorized
// by the same authorize(). The requests the apiserver makes for itself inside one (admission reading a ServiceAccount, the eviction
// storage updating a budget) are not checked, nor are those of controllers, the scheduler and the kubelets.

import {
  type ApiServer,
  type ConnectSubresource,
  type DeleteOptions,
  type ListOptions,
  type PatchOptions,
  type PatchType,
  type WriteOptions,
  patched,
} from '../apiserver';
import { StatusError } from '../../api/errors';
import { groupResource } from '../../api/kinds';
import type { KObject } from '../../api/meta';
import type { WatchHandler } from '../../store/store';
import { confirmNoEscalation } from './escalation';
import { type Attributes, RBACAuthorizer, type UserInfo, forbiddenReason, withDefaultGroups } from './rbac';

const authorizers = new WeakMap<ApiServer, RBACAuthorizer>();

/** The cluster's RBAC authorizer (one per API server, watching bindings from its start). */
export function authorizerFor(api: ApiServer): RBACAuthorizer {
  let a = authorizers.get(api);
  if (!a) authorizers.set(api, (a = new RBACAuthorizer(api)));
  return a;
}

/** A request as RequestInfo describes it, before the user is known. */
export interface Request {
  verb: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/**
 * The attributes of a resource request: the resource resolved to its group and plural, a namespaced resource
 * in its namespace (a namespaced request without one is 'default', kubectl's context namespace), a
 * collection request without one across all namespaces (the cluster scope).
 */
export function attributesOf(api: ApiServer, user: UserInfo, req: Request): Attributes {
  const r = api.info(req.resource);
  const collection = req.verb === 'list' || req.verb === 'watch' || req.verb === 'deletecollection';
  const namespace = !r.namespaced ? undefined : collection ? req.namespace || undefined : req.namespace || 'default';
  return {
    user,
    verb: req.verb,
    apiGroup: r.group,
    resource: r.resource,
    subresource: req.subresource,
    namespace,
    name: req.name || undefined,
  };
}

/** WithAuthorization: allowed, or Forbidden (`pods "web" is forbidden: User "jane" cannot get resource ...`). */
export function authorize(api: ApiServer, a: Attributes): void {
  if (authorizerFor(api).authorize(a)) return;
  if (a.path !== undefined) throw new StatusError(403, 'Forbidden', `forbidden: ${forbiddenReason(a)}`);
  const gr = groupResource({ group: a.apiGroup, resource: a.resource });
  const who = a.name ? `${gr} ${JSON.stringify(a.name)}` : gr;
  throw new StatusError(403, 'Forbidden', `${who} is forbidden: ${forbiddenReason(a)}`, {
    kind: a.resource,
    name: a.name ?? '',
    group: a.apiGroup,
  });
}

function checkRequest(api: ApiServer, user: UserInfo, req: Request): void {
  authorize(api, attributesOf(api, user, req));
}

/**
 * Authorizes one request given as the served API's handlers give it, or throws its Forbidden. A namespace of ''
 * is the cluster scope; a namespaced request without one is in 'default'.
 */
export function check(
  api: ApiServer,
  user: UserInfo,
  verb: string,
  resource: string,
  namespace: string | undefined,
  name: string | undefined,
  subresource?: string,
): void {
  checkRequest(api, user, { verb, resource, subresource, namespace, name });
}

/**
 * A connection to exec or attach: kubectl 1.30+ asks over a WebSocket (a GET, `get pods/exec`) and falls back to
 * SPDY (a POST, `create pods/exec`) when the upgrade is refused, so a GET is let through on either verb (the
 * served API does not speak SPDY, and answers for the fallback at once); refused both ways, the Forbidden is
 * the create's, as kubectl prints it.
 */
export function authorizeConnect(
  api: ApiServer,
  user: UserInfo,
  method: string,
  namespace: string | undefined,
  name: string,
  subresource: string,
): void {
  if (
    method === 'GET' &&
    authorizerFor(api).authorize(
      attributesOf(api, user, { verb: 'get', resource: 'pods', subresource, namespace, name }),
    )
  )
    return;
  checkRequest(api, user, { verb: 'create', resource: 'pods', subresource, namespace, name });
}

/**
 * The impersonation filter (apiserver/pkg/endpoints/filters/impersonation.go): a requestor acting as another
 * user (`--as`), service account (`--as=system:serviceaccount:ns:name`) or group (`--as-group`) must itself be
 * allowed to `impersonate` each of them; the first one it may not impersonate answers Forbidden.
 * A requestor of undefined is the cluster admin.
 */
export function impersonate(api: ApiServer, requestor: UserInfo | undefined, as: string, groups: string[]): UserInfo {
  if (requestor) {
    const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(as);
    const requests: Omit<Attributes, 'user' | 'verb' | 'apiGroup'>[] = [
      sa ? { resource: 'serviceaccounts', namespace: sa[1], name: sa[2] } : { resource: 'users', name: as },
      ...groups.map((g) => ({ resource: 'groups', name: g })),
    ];
    for (const r of requests) authorize(api, { user: requestor, verb: 'impersonate', apiGroup: '', ...r });
  }
  // a service account impersonated without groups gets its own; any user but system:anonymous gets
  // system:authenticated unless a group given says authenticated or unauthenticated already
  if (!groups.length) return withDefaultGroups(as, []);
  const all = [...groups];
  if (as !== 'system:anonymous' && !all.some((g) => g === 'system:authenticated' || g === 'system:unauthenticated'))
    all.push('system:authenticated');
  return { name: as, groups: all };
}

const resOf = (api: ApiServer, o: KObject): string => api.resources.forKind(o.kind ?? '')?.resource ?? String(o.kind);

const RBAC_RESOURCES = new Set(['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings']);

/** After the request is authorized, the RBAC resources' storage checks that the write grants nothing the user lacks. */
function checkEscalation(api: ApiServer, user: UserInfo, resource: string, obj: KObject, old?: KObject): void {
  if (RBAC_RESOURCES.has(resource)) confirmNoEscalation(api, authorizerFor(api), user, resource, obj, old);
}
const stored = (api: ApiServer, o: KObject): KObject | undefined =>
  api.tryGet(resOf(api, o), o.metadata?.namespace, o.metadata?.name ?? '');

/** The methods of ApiServer that answer a client's request, each with the request it is. */
type Handlers = Partial<Record<keyof ApiServer, (...args: any[]) => unknown>>;

function handlers(target: ApiServer, user: UserInfo): Handlers {
  const ok = (req: Request) => checkRequest(target, user, req);
  return {
    get: (resource: string, ns: string | undefined, name: string) => {
      ok({ verb: 'get', resource, namespace: ns, name });
      return target.get(resource, ns, name);
    },
    tryGet: (resource: string, ns: string | undefined, name: string) => {
      ok({ verb: 'get', resource, namespace: ns, name });
      return target.tryGet(resource, ns, name);
    },
    list: (resource: string, opts: ListOptions = {}) => {
      ok({ verb: 'list', resource, namespace: opts.namespace });
      return target.list(resource, opts);
    },
    select: (resource: string, opts: ListOptions = {}) => {
      ok({ verb: 'list', resource, namespace: opts.namespace });
      return target.select(resource, opts);
    },
    watch: (resource: string, handler: WatchHandler, opts: { namespace?: string } = {}) => {
      ok({ verb: 'watch', resource, namespace: opts.namespace });
      return target.watch(resource, handler, opts);
    },
    watchCustomResources: () => {
      throw new Error('watchCustomResources is for the garbage collector, not for clients');
    },
    create: (o: KObject, opts?: WriteOptions) => {
      ok({ verb: 'create', resource: resOf(target, o), namespace: o.metadata?.namespace });
      checkEscalation(target, user, resOf(target, o), o);
      return target.create(o, opts);
    },
    update: (o: KObject, opts?: WriteOptions) => {
      ok({ verb: 'update', resource: resOf(target, o), namespace: o.metadata?.namespace, name: o.metadata?.name });
      if (RBAC_RESOURCES.has(resOf(target, o))) checkEscalation(target, user, resOf(target, o), o, stored(target, o));
      return target.update(o, opts);
    },
    updateStatus: (o: KObject) => {
      ok({
        verb: 'update',
        resource: resOf(target, o),
        subresource: 'status',
        namespace: o.metadata?.namespace,
        name: o.metadata?.name,
      });
      return target.updateStatus(o);
    },
    patch: (
      resource: string,
      ns: string | undefined,
      name: string,
      patch: unknown,
      type: PatchType = 'strategic',
      opts: PatchOptions = {},
    ) => {
      ok({ verb: 'patch', resource, subresource: opts.subresource, namespace: ns, name });
      const r = target.info(resource).resource;
      if (RBAC_RESOURCES.has(r)) {
        const old = target.get(r, ns, name);
        checkEscalation(target, user, r, patched(old, patch, type), old);
      }
      return target.patch(resource, ns, name, patch, type, opts);
    },
    delete: (resource: string, ns: string | undefined, name: string, opts?: DeleteOptions) => {
      ok({ verb: 'delete', resource, namespace: ns, name });
      return target.delete(resource, ns, name, opts);
    },
    bind: (ns: string, name: string, node: string) => {
      ok({ verb: 'create', resource: 'pods', subresource: 'binding', namespace: ns, name });
      return target.bind(ns, name, node);
    },
    getSubresource: (resource: string, ns: string | undefined, name: string, sub: 'status' | 'scale') => {
      ok({ verb: 'get', resource, subresource: sub, namespace: ns, name });
      return target.getSubresource(resource, ns, name, sub);
    },
    getScale: (resource: string, ns: string | undefined, name: string) => {
      ok({ verb: 'get', resource, subresource: 'scale', namespace: ns, name });
      return target.getScale(resource, ns, name);
    },
    updateScale: (resource: string, ns: string | undefined, name: string, scale: KObject, opts?: WriteOptions) => {
      ok({ verb: 'update', resource, subresource: 'scale', namespace: ns, name });
      return target.updateScale(resource, ns, name, scale, opts);
    },
    evict: (ns: string, name: string, opts?: DeleteOptions) => {
      ok({ verb: 'create', resource: 'pods', subresource: 'eviction', namespace: ns, name });
      return target.evict(ns, name, opts);
    },
    connect: (ns: string | undefined, name: string, sub: ConnectSubresource, method: 'GET' | 'POST' = 'GET') => {
      ok({ verb: method === 'POST' ? 'create' : 'get', resource: 'pods', subresource: sub, namespace: ns, name });
      return target.connect(ns, name, sub, method);
    },
  };
}

/** An ApiServer whose every request is authorized as the user's. */
export function asUser(api: ApiServer, user: UserInfo): ApiServer {
  const h = handlers(api, user);
  return new Proxy(api, {
    get(target, prop, receiver) {
      const handler = h[prop as keyof ApiServer];
      if (handler) return handler;
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
