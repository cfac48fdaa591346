// Requests made as a user (`kubectl --as=jane --as-group=dev`, a step's `as "..."`): a view of the API server
// that authorizes each request with RBAC before it goes through, and answers Forbidden as the apiserver does.
// The requests the apiserver makes for itself inside one (admission reading a ServiceAccount) are not checked.

import { ApiServer, DeleteOptions, ListOptions, PatchOptions, PatchType, WriteOptions, patched } from '../apiserver';
import { StatusError } from '../../api/errors';
import { groupResource } from '../../api/kinds';
import type { KObject } from '../../api/meta';
import { confirmNoEscalation } from './escalation';
import { Attributes, RBACAuthorizer, UserInfo, forbiddenReason, withDefaultGroups } from './rbac';

const authorizers = new WeakMap<ApiServer, RBACAuthorizer>();

/** The cluster's RBAC authorizer (one per API server, watching bindings from its start). */
export function authorizerFor(api: ApiServer): RBACAuthorizer {
  let a = authorizers.get(api);
  if (!a) authorizers.set(api, (a = new RBACAuthorizer(api)));
  return a;
}

/** Authorizes one request as RBAC would, or throws its Forbidden. */
export function check(api: ApiServer, user: UserInfo, verb: string, resource: string, namespace: string | undefined, name: string | undefined, subresource?: string): void {
  const r = api.info(resource);
  const attrs: Attributes = { user, verb, apiGroup: r.group, resource: r.resource, subresource, namespace: r.namespaced ? namespace ?? 'default' : undefined, name };
  if (authorizerFor(api).authorize(attrs)) return;
  const who = name ? `${groupResource(r)} ${JSON.stringify(name)}` : groupResource(r);
  throw new StatusError(403, 'Forbidden', `${who} is forbidden: ${forbiddenReason(attrs)}`, { kind: r.resource, name: name ?? '', group: r.group });
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
    for (const r of requests) {
      const attrs: Attributes = { user: requestor, verb: 'impersonate', apiGroup: '', ...r };
      if (!authorizerFor(api).authorize(attrs)) {
        throw new StatusError(403, 'Forbidden', `${r.resource} ${JSON.stringify(r.name)} is forbidden: ${forbiddenReason(attrs)}`, { kind: r.resource, name: r.name, group: '' });
      }
    }
  }
  // a service account impersonated without groups gets its own; any user but system:anonymous gets
  // system:authenticated unless a group given says authenticated or unauthenticated already
  if (!groups.length) return withDefaultGroups(as, []);
  const all = [...groups];
  if (as !== 'system:anonymous' && !all.some((g) => g === 'system:authenticated' || g === 'system:unauthenticated')) all.push('system:authenticated');
  return { name: as, groups: all };
}

const resOf = (api: ApiServer, o: KObject): string => api.resources.forKind(o.kind ?? '')?.resource ?? String(o.kind);

const RBAC_RESOURCES = new Set(['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings']);

/** After the request is authorized, the RBAC resources' storage checks that the write grants nothing the user lacks. */
function checkEscalation(api: ApiServer, user: UserInfo, resource: string, obj: KObject, old?: KObject): void {
  if (RBAC_RESOURCES.has(resource)) confirmNoEscalation(api, authorizerFor(api), user, resource, obj, old);
}
const stored = (api: ApiServer, o: KObject): KObject | undefined => api.tryGet(resOf(api, o), o.metadata?.namespace, o.metadata?.name ?? '');

/** An ApiServer whose reads and writes are checked as the user's. */
export function asUser(api: ApiServer, user: UserInfo): ApiServer {
  return new Proxy(api, {
    get(target, prop, receiver) {
      switch (prop) {
        case 'get': case 'tryGet':
          return (resource: string, ns: string | undefined, name: string) => { check(target, user, 'get', resource, ns, name); return (target as any)[prop](resource, ns, name); };
        case 'list': case 'select':
          return (resource: string, opts: ListOptions = {}) => { check(target, user, 'list', resource, opts.namespace, undefined); return (target as any)[prop](resource, opts); };
        case 'create':
          return (o: KObject, opts?: WriteOptions) => {
            check(target, user, 'create', resOf(target, o), o.metadata?.namespace, undefined);
            checkEscalation(target, user, resOf(target, o), o);
            return target.create(o, opts);
          };
        case 'update':
          return (o: KObject, opts?: WriteOptions) => {
            check(target, user, 'update', resOf(target, o), o.metadata?.namespace, o.metadata?.name);
            if (RBAC_RESOURCES.has(resOf(target, o))) checkEscalation(target, user, resOf(target, o), o, stored(target, o));
            return target.update(o, opts);
          };
        case 'updateStatus':
          return (o: KObject) => { check(target, user, 'update', resOf(target, o), o.metadata?.namespace, o.metadata?.name, 'status'); return target.updateStatus(o); };
        case 'patch':
          return (resource: string, ns: string | undefined, name: string, patch: unknown, type: PatchType = 'strategic', opts: PatchOptions = {}) => {
            check(target, user, 'patch', resource, ns, name, opts.subresource);
            const r = target.info(resource).resource;
            if (RBAC_RESOURCES.has(r)) { const old = target.get(r, ns, name); checkEscalation(target, user, r, patched(old, patch, type), old); }
            return target.patch(resource, ns, name, patch, type, opts);
          };
        case 'delete':
          return (resource: string, ns: string | undefined, name: string, opts?: DeleteOptions) => { check(target, user, 'delete', resource, ns, name); return target.delete(resource, ns, name, opts); };
        default: {
          const v = Reflect.get(target, prop, receiver);
          return typeof v === 'function' ? v.bind(target) : v;
        }
      }
    },
  });
}
