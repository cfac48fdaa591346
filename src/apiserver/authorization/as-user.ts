// Requests made as a user (`kubectl --as=jane --as-group=dev`, a step's `as "..."`): a view of the API server
// that authorizes each request with RBAC before it goes through, and answers Forbidden as the apiserver does.
// The requests the apiserver makes for itself inside one (admission reading a ServiceAccount) are not checked.

import type { ApiServer, DeleteOptions, ListOptions, PatchType } from '../apiserver';
import { StatusError } from '../../api/errors';
import { groupResource, infoFor, resourceForKind } from '../../api/kinds';
import type { KObject } from '../../api/meta';
import { Attributes, RBACAuthorizer, UserInfo, forbiddenReason } from './rbac';

const authorizers = new WeakMap<ApiServer, RBACAuthorizer>();

/** The cluster's RBAC authorizer (one per API server, watching bindings from its start). */
export function authorizerFor(api: ApiServer): RBACAuthorizer {
  let a = authorizers.get(api);
  if (!a) authorizers.set(api, (a = new RBACAuthorizer(api)));
  return a;
}

function check(api: ApiServer, user: UserInfo, verb: string, resource: string, namespace: string | undefined, name: string | undefined, subresource?: string): void {
  const r = infoFor(resource);
  const attrs: Attributes = { user, verb, apiGroup: r.group, resource: r.resource, subresource, namespace: r.namespaced ? namespace ?? 'default' : undefined, name };
  if (authorizerFor(api).authorize(attrs)) return;
  const who = name ? `${groupResource(r)} ${JSON.stringify(name)}` : groupResource(r);
  throw new StatusError(403, 'Forbidden', `${who} is forbidden: ${forbiddenReason(attrs)}`, { kind: r.resource, name: name ?? '', group: r.group });
}

const resOf = (o: KObject): string => resourceForKind(o.kind ?? '')?.resource ?? String(o.kind);

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
          return (o: KObject, opts?: any) => { check(target, user, 'create', resOf(o), o.metadata?.namespace, undefined); return target.create(o, opts); };
        case 'update':
          return (o: KObject) => { check(target, user, 'update', resOf(o), o.metadata?.namespace, o.metadata?.name); return target.update(o); };
        case 'updateStatus':
          return (o: KObject) => { check(target, user, 'update', resOf(o), o.metadata?.namespace, o.metadata?.name, 'status'); return target.updateStatus(o); };
        case 'patch':
          return (resource: string, ns: string | undefined, name: string, patch: unknown, type?: PatchType) => { check(target, user, 'patch', resource, ns, name); return target.patch(resource, ns, name, patch, type); };
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
