// RequestInfoFactory.NewRequestInfo (staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go): what an
// HTTP request asks for, as the authorizer sees it. A client of the served API is authorized with exactly these
// attributes, the same the in-process requests of src/apiserver/authorization/as-user.ts are given.
//   /api/v1/namespaces/{ns}/pods/{name}/log -> get pods/log in ns; GET of a collection -> list (watch with
//   ?watch=true, and the name from ?fieldSelector=metadata.name=x); DELETE of a collection -> deletecollection;
//   /api/v1/watch/... and /api/v1/proxy/... are the special verbs; anything else (/healthz, /apis) is a
//   non-resource request whose verb is the method's.
import type { ApiServer } from '../apiserver';
import type { Attributes, UserInfo } from './rbac';
import { authorize } from './as-user';

export interface RequestInfo {
  isResourceRequest: boolean;
  path: string;
  verb: string;
  apiPrefix?: string;
  apiGroup: string;
  apiVersion?: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  parts: string[];
}

const SPECIAL_VERBS = new Set(['proxy', 'watch']);
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);
const METHOD_VERBS: Record<string, string> = {
  POST: 'create',
  GET: 'get',
  HEAD: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

export function requestInfo(method: string, url: string): RequestInfo {
  const u = new URL(url, 'http://apiserver');
  const info: RequestInfo = {
    isResourceRequest: false,
    path: u.pathname,
    verb: method.toLowerCase(),
    apiGroup: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
    parts: [],
  };
  const trimmed = u.pathname.replace(/^\/+|\/+$/g, '');
  let parts = trimmed ? trimmed.split('/') : []; // splitPath
  if (parts.length < 3 || (parts[0] !== 'api' && parts[0] !== 'apis')) return info;
  info.apiPrefix = parts[0];
  parts = parts.slice(1);
  if (info.apiPrefix !== 'api') {
    if (parts.length < 3) return info;
    info.apiGroup = parts[0];
    parts = parts.slice(1);
  }
  info.isResourceRequest = true;
  info.apiVersion = parts[0];
  parts = parts.slice(1);
  if (SPECIAL_VERBS.has(parts[0])) {
    if (parts.length < 2) throw new Error(`unable to determine kind and namespace from url, ${url}`);
    info.verb = parts[0];
    parts = parts.slice(1);
  } else info.verb = METHOD_VERBS[method.toUpperCase()] ?? '';
  if (parts[0] === 'namespaces') {
    if (parts.length > 1) {
      info.namespace = parts[1];
      if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2])) parts = parts.slice(2);
    }
  }
  info.parts = parts;
  if (parts.length >= 3 && info.verb !== 'proxy') info.subresource = parts[2];
  if (parts.length >= 2) info.name = parts[1];
  if (parts.length >= 1) info.resource = parts[0];
  if (!info.name && info.verb === 'get') {
    const watch = u.searchParams.get('watch');
    info.verb = watch !== null && !['false', '0'].includes(watch.toLowerCase()) ? 'watch' : 'list';
    const m = /(?:^|,)metadata\.name==?([^,]+)(?:,|$)/.exec(u.searchParams.get('fieldSelector') ?? '');
    if (m && /^[^/%]+$/.test(m[1]) && m[1] !== '.' && m[1] !== '..') info.name = m[1];
  }
  if (!info.name && info.verb === 'delete') info.verb = 'deletecollection';
  return info;
}

/** The authorizer's attributes of an HTTP request by the user. */
export function attributesOfRequest(user: UserInfo, method: string, url: string): Attributes {
  const i = requestInfo(method, url);
  if (!i.isResourceRequest) return { user, verb: i.verb, apiGroup: '', resource: '', path: i.path };
  return {
    user,
    verb: i.verb,
    apiGroup: i.apiGroup,
    resource: i.resource,
    subresource: i.subresource || undefined,
    namespace: i.namespace || undefined,
    name: i.name || undefined,
  };
}

/** WithAuthorization for an HTTP request: returns, or throws the Forbidden StatusError the apiserver answers. */
export function authorizeRequest(api: ApiServer, user: UserInfo, method: string, url: string): void {
  authorize(api, attributesOfRequest(user, method, url));
}
