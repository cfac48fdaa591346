// Decoding a write as the API server does before defaulting, admission and validation: the request body's size
// and what JSON can carry first, then the body (create, update) or the patched object (patches) decoded into the
// kind's Go type. What comes out holds only values of the right types; unknown fields are dropped and returned,
// for the caller's fieldValidation.
//
// The errors are the server's (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/{create,update,patch}.go):
// a body that does not decode is `Deployment in version "v1" cannot be handled as a Deployment: json: cannot
// unmarshal ...` (400, transformDecodeError); a patch whose result does not decode is Invalid, `patch: Invalid
// value: "<the patched object's JSON>": ...` for JSON and merge patches and `patch: Invalid value: "map[...]": ...`
// (the patch, as %+v prints it) for strategic merge patches, whose result is converted from a map.

import { StatusError, badRequest, field, invalid } from '../../api/errors';
import type { KObject } from '../../api/meta';
import { type ResourceInfo, apiVersionOf } from '../../api/kinds';
import { kindType } from './types';
import { decodeJSON, jsonKind } from './json';
import { fromUnstructured } from './unstructured';
import { MAX_ETCD_REQUEST_BYTES, MAX_REQUEST_BODY_BYTES, measure } from './limits';
import { goSprint } from '../../util/go/fmt';

export type Body =
  | { kind: 'body' }
  | { kind: 'patch'; type: 'merge' | 'json' | 'strategic'; patch: unknown; name: string; namespace?: string };

export interface DecodeOptions {
  strict?: boolean;
  shareFrozen?: boolean;
}

/** 413 RequestEntityTooLarge, as the API server's body limit answers. */
export function tooLarge(): StatusError {
  return new StatusError(
    413,
    'RequestEntityTooLarge' as any,
    `Request entity too large: limit is ${MAX_REQUEST_BODY_BYTES}`,
  );
}

/**
 * Refuses a request body the API server would not read: too large, or not representable as JSON. Returns its size
 * in bytes: a create or update stores about as much (checkStoredSize).
 */
export function checkRequestBody(body: unknown): number {
  const facts = measure(body);
  if (facts.bytes > MAX_REQUEST_BODY_BYTES) throw tooLarge();
  if (facts.unsupported) throw badRequest(facts.unsupported);
  if (facts.tooDeep) throw badRequest("invalid character '{' exceeded max depth");
  return facts.bytes;
}

/** etcd's limit on what is stored: the object's size, or a size already measured. */
export function checkStoredSize(obj: KObject | number): void {
  if ((typeof obj === 'number' ? obj : measure(obj).bytes) > MAX_ETCD_REQUEST_BYTES)
    throw new StatusError(500, '', 'etcdserver: request is too large');
}

/**
 * The object as the kind's Go type holds it, and its unknown fields (`spec.foo`), or a StatusError with the API
 * server's message. Kinds without Go types here (custom resources) come back as they are.
 */
export function decodeObject(
  r: ResourceInfo,
  obj: KObject,
  body: Body,
  opts: DecodeOptions = {},
): { obj: KObject; unknown: string[] } {
  const t = kindType(apiVersionOf(r), r.kind);
  if (!t) return { obj, unknown: [] };
  const version = (typeof obj.apiVersion === 'string' && obj.apiVersion ? obj.apiVersion : apiVersionOf(r))
    .split('/')
    .pop();
  const d =
    body.kind === 'patch' && body.type === 'strategic'
      ? fromUnstructured(obj, t)
      : decodeJSON(obj, t, { shareFrozen: opts.shareFrozen });
  if (d.error === undefined && !(opts.strict && d.unknown.length))
    return { obj: d.value as KObject, unknown: d.unknown };
  const message = d.error ?? `strict decoding error: ${d.unknown.map((f) => `unknown field "${f}"`).join(', ')}`;
  if (body.kind === 'body')
    throw badRequest(`${r.kind} in version "${version}" cannot be handled as a ${r.kind}: ${message}`);
  // the patched object (JSON and merge patches) or the patch map (strategic) is the invalid value
  const value = body.type === 'strategic' ? goSprint(body.patch) : JSON.stringify(obj);
  throw invalid({ ...r, kind: '', group: '' } as ResourceInfo, '', [field.invalid('patch', value, message)]);
}

export { jsonKind };
