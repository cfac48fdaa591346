// The REST verbs of one resource URL (apiserver/pkg/endpoints/handlers: get.go, create.go, update.go, patch.go,
// delete.go, watch.go): decode and check the request, authorize it (RBAC through the apiserver's authorizer),
// call the ApiServer, converge, and encode the answer (the object, a list, a Table, or a watch stream).

import * as yaml from 'js-yaml';
import type { KObject } from '../api/meta';
import type { ResourceInfo } from '../api/kinds';
import { apiVersionOf } from '../api/kinds';
import { StatusError, badRequest, conflict, invalid, field } from '../api/errors';
import type { UserInfo } from '../apiserver/authorization/rbac';
import { asUser, check } from '../apiserver/authorization/as-user';
import { patched, type DeleteOptions, type PatchType } from '../apiserver/apiserver';
import { parseLabelSelector, matches, SelectorError, type Requirement, type FieldRequirement } from '../api/selectors';
import { fieldSelectorFor, matchesFieldSelector } from '../apiserver/field-labels';
import { json, encodeJson, type ApiRequest, type ApiResponse } from './types';
import { errs, success } from './status';
import { findResource, REVIEWS, subresourcesOf } from './discovery';
import { toTable, type IncludeObject } from '../apiserver/printers/table';
import { watchResponse } from './watch';
import { podSubresource } from './pods';
import { review } from './reviews';
import type { ApiHandler } from './handler';
import { MAX_BODY_BYTES } from './handler';
import { serverSideApply } from './apply';
import { PROTOBUF, decodeObject } from './protobuf/decode';

export interface ResourcePath {
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
}

/** RequestInfoFactory: /api/v1/namespaces/<ns>/<resource>/<name>/<sub>, /apis/<g>/<v>/<resource>/<name>/<sub>. */
export function parseResourcePath(parts: string[]): ResourcePath | undefined {
  let rest: string[],
    group = '',
    version: string;
  if (parts[0] === 'api' && parts.length >= 3) {
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else return undefined;
  if (rest.some((p) => p === '')) return undefined;
  let namespace: string | undefined;
  // /namespaces/<ns>/status and /finalize are the namespace's own subresources
  if (rest[0] === 'namespaces' && rest.length > 2 && rest[2] !== 'status' && rest[2] !== 'finalize') {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length > 3) return undefined;
  return { group, version, namespace, resource: rest[0], name: rest[1], subresource: rest[2] };
}

/** What a request carries besides its body: the query's options. */
interface Query {
  dryRun: boolean;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  pretty: boolean;
}

function queryOptions(req: ApiRequest): Query {
  const dry = req.query.getAll('dryRun');
  for (const d of dry) if (d !== 'All') throw badRequest(`Invalid dry run value: ${d}`); // apiserver handlers: only All
  const fv = req.query.get('fieldValidation') ?? '';
  const known: Record<string, Query['fieldValidation']> = {
    strict: 'Strict',
    warn: 'Warn',
    ignore: 'Ignore',
    '': undefined,
  };
  if (!(fv.toLowerCase() in known))
    throw badRequest(`fieldValidation: Unsupported value: "${fv}": supported values: "Ignore", "Strict", "Warn"`);
  return {
    dryRun: dry.length > 0,
    fieldValidation: known[fv.toLowerCase()] ?? 'Warn',
    pretty: req.query.get('pretty') === 'true',
  };
}

/** The body as an object: JSON, or YAML when the client says so; a syntax error is the decoder's 400. */
export function decodeBody(req: ApiRequest, r?: ResourceInfo): any {
  if (req.object !== undefined) return ownCopy(req.object);
  const raw = req.body === undefined ? '' : typeof req.body === 'string' ? req.body : req.body.toString('utf8');
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) throw errs.tooLarge(MAX_BODY_BYTES);
  const type = (req.headers['content-type'] ?? 'application/json').split(';')[0].trim();
  if (!raw.trim()) throw badRequest(`Object 'Kind' is missing in ''`);
  const what = r ? `${r.kind} in version "${r.version}"` : 'the request';
  if (type === PROTOBUF) {
    try {
      return decodeObject(Buffer.isBuffer(req.body) ? req.body : Buffer.from(raw, 'binary'));
    } catch (e) {
      throw badRequest(`${what} cannot be handled as a ${r?.kind ?? 'object'}: ${(e as Error).message}`);
    }
  }
  if (
    type !== 'application/json' &&
    type !== 'application/yaml' &&
    !type.endsWith('+json') &&
    type !== 'application/apply-patch+yaml' &&
    type !== '*/*'
  ) {
    throw errs.unsupportedMediaType(['application/json', 'application/yaml', PROTOBUF]);
  }
  try {
    if (type === 'application/yaml' || type === 'application/apply-patch+yaml') return yaml.load(raw);
    return JSON.parse(raw);
  } catch (e) {
    // the JSON decoder's text, as the apiserver's serializer reports it
    const detail = (e as Error).message
      .replace(/^Unexpected token/, 'invalid character')
      .replace(/ in JSON at position \d+.*/, '');
    throw badRequest(`${what} cannot be handled as a ${r?.kind ?? 'object'}: ${detail}`);
  }
}

/** An in-process client's object, copied as far as the handlers fill it in (apiVersion, kind, metadata): it may be frozen. */
function ownCopy(o: any): any {
  if (Array.isArray(o)) return [...o];
  if (!o || typeof o !== 'object') return o;
  return o.metadata && typeof o.metadata === 'object' ? { ...o, metadata: { ...o.metadata } } : { ...o };
}

function warnHeaders(warnings: string[]): Record<string, string> {
  return warnings.length ? { warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', ') } : {};
}

/** The response media type a client accepts: JSON, a Table, or PartialObjectMetadata; 406 for none of these. */
export type Shape = 'object' | 'table' | 'metadata';
export function negotiate(req: ApiRequest): Shape {
  const accept = req.headers.accept;
  if (!accept) return 'object';
  let plain = false;
  for (const clause of accept.split(',')) {
    const [type, ...params] = clause.split(';').map((s) => s.trim());
    const p = Object.fromEntries(params.map((x) => x.split('=').map((s) => s.trim())));
    if (type !== 'application/json' && type !== '*/*' && type !== 'application/*') {
      if (type === 'application/yaml' || type === 'application/vnd.kubernetes.protobuf') continue;
      continue;
    }
    if (p.as === 'Table' && p.g === 'meta.k8s.io' && (p.v === 'v1' || p.v === 'v1beta1')) return 'table';
    if ((p.as === 'PartialObjectMetadata' || p.as === 'PartialObjectMetadataList') && p.g === 'meta.k8s.io')
      return 'metadata';
    if (!p.as) plain = true;
  }
  if (plain) return 'object';
  throw errs.notAcceptable('application/json, application/yaml, application/vnd.kubernetes.protobuf');
}

function includeObject(req: ApiRequest): IncludeObject {
  const v = req.query.get('includeObject') || 'Metadata';
  if (v !== 'None' && v !== 'Metadata' && v !== 'Object') throw badRequest(`includeObject: Unsupported value: "${v}"`);
  return v;
}

/** An object as a client asked for it. */
function shaped(h: ApiHandler, req: ApiRequest, r: ResourceInfo, o: KObject, shape: Shape): unknown {
  if (shape === 'table')
    return toTable(r, [o], h.cluster.clock.now(), {
      include: includeObject(req),
      listMeta: { resourceVersion: o.metadata.resourceVersion },
    });
  if (shape === 'metadata')
    return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
  return o;
}

export function resourceRequest(h: ApiHandler, req: ApiRequest, user: UserInfo, p: ResourcePath): ApiResponse {
  const api = h.cluster.api;
  const virtual = REVIEWS.find((v) => v.group === p.group && v.version === p.version && v.resource === p.resource);
  if (virtual) {
    if (p.name) throw errs.notFoundPath();
    if (req.method !== 'POST') throw errs.methodNotAllowed();
    return review(h, req, user, virtual, p.namespace);
  }
  const r = findResource(api.resources, p.group, p.version, p.resource);
  if (!r) throw errs.notFoundPath();
  if (p.namespace !== undefined && !r.namespaced) throw errs.notFoundPath();
  if (p.subresource && !subresourcesOf(r).some((s) => s.name === p.subresource)) throw errs.notFoundPath();
  if (p.subresource && !p.name) throw errs.notFoundPath();
  const namespace = r.namespaced ? p.namespace : undefined;
  if (r.namespaced && p.name && namespace === undefined) throw errs.notFoundPath();
  if (r.resource === 'pods' && p.subresource && !['status'].includes(p.subresource))
    return podSubresource(h, req, user, r, namespace!, p.name!, p.subresource);
  if (p.subresource === 'scale') return scaleRequest(h, req, user, r, namespace, p.name!);
  const m = req.method;
  if (!p.name) {
    if (m === 'GET' || m === 'HEAD') return listOrWatch(h, req, user, r, namespace);
    if (m === 'POST') return create(h, req, user, r, namespace);
    if (m === 'DELETE') return deleteCollection(h, req, user, r, namespace);
    throw errs.methodNotAllowed();
  }
  if (m === 'GET' || m === 'HEAD') {
    const shape = negotiate(req);
    check(api, user, 'get', r.resource, namespace, p.name, p.subresource);
    return json(200, shaped(h, req, r, api.get(r.resource, namespace, p.name), shape));
  }
  if (m === 'PUT') return update(h, req, user, r, namespace, p.name, p.subresource);
  if (m === 'PATCH') return patch(h, req, user, r, namespace, p.name, p.subresource);
  if (m === 'DELETE' && !p.subresource) return remove(h, req, user, r, namespace, p.name);
  throw errs.methodNotAllowed();
}

// --- reads ---------------------------------------------------------------------------------------------------

export interface Selection {
  resource: string;
  labels?: Requirement[];
  fields?: FieldRequirement[];
}

/** The list's labelSelector and fieldSelector, parsed and checked as the API server's list does. */
export function selection(req: ApiRequest, r: ResourceInfo): Selection {
  const l = req.query.get('labelSelector'),
    f = req.query.get('fieldSelector');
  const out: Selection = { resource: r.resource };
  if (l) {
    try {
      out.labels = parseLabelSelector(l);
    } catch (e) {
      throw e instanceof SelectorError ? badRequest(e.message) : e;
    }
  }
  if (f) out.fields = fieldSelectorFor(r.resource, f, !!r.custom);
  return out;
}

export function selects(s: Selection, o: KObject): boolean {
  if (s.labels && !matches(s.labels, o.metadata.labels)) return false;
  if (s.fields && !matchesFieldSelector(s.resource, s.fields, o)) return false;
  return true;
}

/** The continue token: where the next page starts, at the list's resourceVersion (etcd3's continue key). */
function encodeContinue(rv: number, key: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: `${key}\u0000` })).toString('base64');
}
function decodeContinue(token: string): { rv: number; start: string } {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (t.v !== 'meta.k8s.io/v1' || typeof t.start !== 'string') throw new Error('bad');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the continue token's key ends in a NUL, as etcd keys do
    return { rv: t.rv, start: t.start.replace(/\u0000$/, '') };
  } catch {
    throw badRequest(`continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)`);
  }
}

const keyOfObj = (o: KObject) =>
  o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name!;

function listOrWatch(
  h: ApiHandler,
  req: ApiRequest,
  user: UserInfo,
  r: ResourceInfo,
  namespace: string | undefined,
): ApiResponse {
  const api = h.cluster.api;
  const watch = ['1', 'true'].includes(req.query.get('watch') ?? '');
  const shape = negotiate(req);
  const sel = selection(req, r);
  check(api, user, watch ? 'watch' : 'list', r.resource, namespace ?? (r.namespaced ? '' : undefined), nameFrom(sel));
  if (watch) return watchResponse(h, req, r, namespace, sel, shape);
  if (req.query.get('sendInitialEvents') !== null) {
    throw invalid({ kind: 'ListOptions', group: 'meta.k8s.io' } as ResourceInfo, '', [
      field.forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'),
    ]);
  }
  const current = h.cluster.store.resourceVersion();
  const rvParam = req.query.get('resourceVersion');
  if (rvParam && rvParam !== '0') {
    const n = Number(rvParam);
    if (!Number.isInteger(n) || n < 0)
      throw badRequest(
        `invalid resource version: strconv.ParseUint: parsing ${JSON.stringify(rvParam)}: invalid syntax`,
      );
    if (n > current)
      throw new StatusError(504, 'Timeout', `Too large resource version: ${n}, current: ${current}`, {
        causes: [
          {
            type: 'ResourceVersionTooLarge',
            field: '',
            detail: 'Too large resource version',
            text: 'Too large resource version',
          },
        ],
        retryAfterSeconds: 1,
      });
  }
  let items = api
    .list(r.resource, { namespace, labelSelector: sel.labels ?? undefined })
    .filter((o) => !sel.fields || selects({ resource: r.resource, fields: sel.fields }, o));
  const meta: Record<string, unknown> = { resourceVersion: String(current) };
  const cont = req.query.get('continue');
  if (cont) {
    const { start } = decodeContinue(cont);
    items = items.filter((o) => keyOfObj(o) > start);
  }
  const limit = Number(req.query.get('limit') ?? 0);
  if (limit > 0 && items.length > limit) {
    const rest = items.length - limit;
    items = items.slice(0, limit);
    meta.continue = encodeContinue(current, keyOfObj(items[items.length - 1]));
    meta.remainingItemCount = rest;
  }
  if (shape === 'table')
    return json(200, toTable(r, items, h.cluster.clock.now(), { include: includeObject(req), listMeta: meta }));
  if (shape === 'metadata') {
    return json(200, {
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata: meta,
      items: items.map((o) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata })),
    });
  }
  return listResponse(r, meta, items);
}

/**
 * A list, as the API server encodes a typed list: its items without apiVersion and kind (a custom resource's
 * list is unstructured and keeps them); a client's decoder sets them from the list's, so `value` has them.
 */
function listResponse(r: ResourceInfo, meta: Record<string, unknown>, items: KObject[]): ApiResponse {
  const list = { kind: `${r.kind}List`, apiVersion: apiVersionOf(r), metadata: meta, items };
  if (r.custom) return json(200, list);
  return json(200, list, undefined, () =>
    encodeJson({ ...list, items: items.map(({ kind: _k, apiVersion: _a, ...rest }) => rest) }),
  );
}

/** A list or watch of one object by name (kubectl's `get NAME -w`) is authorized for that name. */
function nameFrom(sel: Selection): string | undefined {
  return sel.fields?.find((f) => f.field === 'metadata.name' && f.op === 'Equals')?.value;
}

// --- writes --------------------------------------------------------------------------------------------------

/** The body's apiVersion and kind must be the URL's (or unset: the URL's are filled in). */
function checkKind(r: ResourceInfo, obj: any, version: string): void {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj))
    throw badRequest(
      `${r.kind} in version "${version}" cannot be handled as a ${r.kind}: json: cannot unmarshal ${Array.isArray(obj) ? 'array' : typeof obj} into Go value of type struct`,
    );
  const expected = r.group ? `${r.group}/${version}` : version;
  if (obj.apiVersion && obj.apiVersion !== expected)
    throw badRequest(
      `the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersionOf(r)})`,
    );
  if (obj.kind && obj.kind !== r.kind)
    throw badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${r.kind})`);
  obj.apiVersion = apiVersionOf(r);
  obj.kind = r.kind;
  obj.metadata ??= {};
}

function checkNamespace(obj: KObject, namespace: string | undefined, r: ResourceInfo): void {
  if (!r.namespaced) return;
  if (obj.metadata.namespace && obj.metadata.namespace !== namespace)
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  obj.metadata.namespace = namespace;
}

function written(h: ApiHandler, q: Query): void {
  if (q.dryRun) return;
  h.cluster.converge();
  h.opts.afterWrite?.();
}

function create(
  h: ApiHandler,
  req: ApiRequest,
  user: UserInfo,
  r: ResourceInfo,
  namespace: string | undefined,
): ApiResponse {
  const q = queryOptions(req);
  const shape = negotiate(req);
  if (r.namespaced && namespace === undefined) throw errs.notFoundPath();
  const obj = decodeBody(req, r);
  checkKind(r, obj, r.version);
  checkNamespace(obj, namespace, r);
  const warnings: string[] = [];
  const stored = asUser(h.cluster.api, user).create(obj, {
    dryRun: q.dryRun,
    fieldValidation: q.fieldValidation,
    warn: (w) => warnings.push(w),
  });
  written(h, q);
  const res = json(201, shaped(h, req, r, stored, shape));
  if (res.type === 'body') Object.assign(res.headers, warnHeaders(warnings));
  return res;
}

function update(
  h: ApiHandler,
  req: ApiRequest,
  user: UserInfo,
  r: ResourceInfo,
  namespace: string | undefined,
  name: string,
  sub?: string,
): ApiResponse {
  const q = queryOptions(req);
  const shape = negotiate(req);
  const obj = decodeBody(req, r);
  checkKind(r, obj, r.version);
  checkNamespace(obj, namespace, r);
  if (obj.metadata.name && obj.metadata.name !== name)
    throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
  obj.metadata.name = name;
  const warnings: string[] = [];
  const view = asUser(h.cluster.api, user);
  let stored: KObject;
  if (sub === 'status') {
    check(h.cluster.api, user, 'update', r.resource, namespace, name, 'status');
    const current = h.cluster.api.get(r.resource, namespace, name);
    if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== current.metadata.resourceVersion)
      throw conflict(r, name);
    stored = q.dryRun ? { ...current, status: obj.status } : h.cluster.api.updateStatus(obj);
  } else if (sub === 'finalize') {
    check(h.cluster.api, user, 'update', r.resource, namespace, name, 'finalize');
    stored = h.cluster.api.updateStatus({
      ...h.cluster.api.get(r.resource, namespace, name),
      spec: obj.spec,
    } as KObject);
  } else {
    stored = view.update(obj, { dryRun: q.dryRun, fieldValidation: q.fieldValidation, warn: (w) => warnings.push(w) });
  }
  written(h, q);
  const res = json(200, shaped(h, req, r, stored, shape));
  if (res.type === 'body') Object.assign(res.headers, warnHeaders(warnings));
  return res;
}

const PATCH_TYPES: Record<string, PatchType | 'apply'> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

function patchTypeOf(req: ApiRequest, r: ResourceInfo): PatchType | 'apply' {
  const ct = (req.headers['content-type'] ?? '').split(';')[0].trim();
  const t = PATCH_TYPES[ct];
  const accepted = [
    'application/json-patch+json',
    'application/merge-patch+json',
    'application/apply-patch+yaml',
    ...(r.custom ? [] : ['application/strategic-merge-patch+json']),
  ];
  if (!t || (t === 'strategic' && r.custom)) throw errs.unsupportedMediaType(accepted);
  return t;
}

function patch(
  h: ApiHandler,
  req: ApiRequest,
  user: UserInfo,
  r: ResourceInfo,
  namespace: string | undefined,
  name: string,
  sub?: string,
): ApiResponse {
  const q = queryOptions(req);
  const shape = negotiate(req);
  const type = patchTypeOf(req, r);
  const body = decodeBody(req, r);
  const warnings: string[] = [];
  const opts = {
    dryRun: q.dryRun,
    fieldValidation: q.fieldValidation,
    warn: (w: string) => warnings.push(w),
    ...(sub === 'status' ? { subresource: 'status' as const } : {}),
  };
  let stored: KObject,
    status = 200;
  if (type === 'apply') {
    const out = serverSideApply(
      h.cluster.api,
      user,
      r,
      namespace,
      name,
      body,
      req.query.get('fieldManager'),
      req.query.get('force') === 'true',
      opts,
    );
    stored = out.object;
    status = out.created ? 201 : 200;
  } else {
    if (type === 'json' && !Array.isArray(body))
      throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    if (type !== 'json' && (typeof body !== 'object' || body === null || Array.isArray(body)))
      throw badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
    stored = asUser(h.cluster.api, user).patch(r.resource, namespace, name, body, type, opts);
  }
  written(h, q);
  const res = json(status, shaped(h, req, r, stored, shape));
  if (res.type === 'body') Object.assign(res.headers, warnHeaders(warnings));
  return res;
}

/** DeleteOptions from the body (kubectl sends them there) and the query. */
function deleteOptions(req: ApiRequest): DeleteOptions & { dryRun: boolean } {
  const raw = req.body === undefined ? '' : req.body.toString();
  let body: any = req.object ?? {};
  if (req.object === undefined && raw.trim()) {
    try {
      body = JSON.parse(raw);
    } catch (e) {
      throw badRequest(`DeleteOptions in version "v1" cannot be handled as a DeleteOptions: ${(e as Error).message}`);
    }
  }
  const grace = req.query.get('gracePeriodSeconds') ?? body.gracePeriodSeconds;
  const policy =
    req.query.get('propagationPolicy') ??
    body.propagationPolicy ??
    (body.orphanDependents === true || req.query.get('orphanDependents') === 'true' ? 'Orphan' : undefined);
  if (policy !== undefined && !['Orphan', 'Background', 'Foreground'].includes(policy)) {
    throw invalid({ kind: 'DeleteOptions', group: 'meta.k8s.io' } as ResourceInfo, '', [
      field.notSupported('propagationPolicy', policy, ['Foreground', 'Background', 'Orphan', 'nil']),
    ]);
  }
  const dry = [...req.query.getAll('dryRun'), ...(body.dryRun ?? [])];
  for (const d of dry) if (d !== 'All') throw badRequest(`Invalid dry run value: ${d}`);
  return {
    gracePeriodSeconds: grace === undefined || grace === null ? undefined : Number(grace),
    propagationPolicy: policy,
    uid: body.preconditions?.uid,
    dryRun: dry.length > 0,
  };
}

function remove(
  h: ApiHandler,
  req: ApiRequest,
  user: UserInfo,
  r: ResourceInfo,
  namespace: string | undefined,
  name: string,
): ApiResponse {
  const opts = deleteOptions(req);
  const api = h.cluster.api;
  const shape = negotiate(req);
  if (opts.dryRun)
    return json(200, shaped(h, req, r, asUser(api, user).delete(r.resource, namespace, name, opts), shape));
  const result = asUser(api, user).delete(r.resource, namespace, name, opts);
  // an object the delete only marked (a graceful pod, finalizers) is answered as it is then; a removed one with Success
  const still = api.tryGet(r.resource, namespace, name);
  const answer =
    still && still.metadata.uid === result.metadata.uid
      ? json(200, shaped(h, req, r, still, shape))
      : json(200, success({ name, group: r.group, kind: r.resource, uid: result.metadata.uid }));
  written(h, { dryRun: false, pretty: false });
  return answer;
}

function deleteCollection(
  h: ApiHandler,
  req: ApiRequest,
  user: UserInfo,
  r: ResourceInfo,
  namespace: string | undefined,
): ApiResponse {
  const api = h.cluster.api;
  check(api, user, 'deletecollection', r.resource, namespace ?? (r.namespaced ? '' : undefined), undefined);
  const opts = deleteOptions(req);
  const sel = selection(req, r);
  const items = api.list(r.resource, { namespace }).filter((o) => selects(sel, o));
  const deleted: KObject[] = [];
  for (const o of items) {
    if (opts.dryRun) {
      deleted.push(o);
      continue;
    }
    deleted.push(api.delete(r.resource, o.metadata.namespace, o.metadata.name!, opts));
  }
  if (!opts.dryRun) written(h, { dryRun: false, pretty: false });
  return listResponse(r, { resourceVersion: String(h.cluster.store.resourceVersion()) }, deleted);
}

// --- scale ---------------------------------------------------------------------------------------------------

/** GET, PUT or PATCH of a workload's Scale (the ApiServer's getScale and updateScale). */
function scaleRequest(
  h: ApiHandler,
  req: ApiRequest,
  user: UserInfo,
  r: ResourceInfo,
  namespace: string | undefined,
  name: string,
): ApiResponse {
  const api = h.cluster.api;
  const m = req.method;
  const verb = m === 'GET' ? 'get' : m === 'PUT' ? 'update' : m === 'PATCH' ? 'patch' : '';
  if (!verb) throw errs.methodNotAllowed();
  check(api, user, verb, r.resource, namespace, name, 'scale');
  if (m === 'GET') return json(200, api.getScale(r.resource, namespace, name));
  const q = queryOptions(req);
  let next: any;
  if (m === 'PUT') next = decodeBody(req);
  else {
    const type = patchTypeOf(req, r);
    if (type === 'apply')
      throw errs.unsupportedMediaType([
        'application/json-patch+json',
        'application/merge-patch+json',
        'application/strategic-merge-patch+json',
      ]);
    next = patched(api.getScale(r.resource, namespace, name), decodeBody(req), type);
  }
  const stored = api.updateScale(r.resource, namespace, name, next, { dryRun: q.dryRun });
  written(h, q);
  return json(200, stored);
}
