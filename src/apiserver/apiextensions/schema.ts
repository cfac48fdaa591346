// A custom resource against its CRD's structural openAPIV3Schema, in the apiserver's order: defaulting and
// pruning while decoding (apiextensions-apiserver pkg/apiserver/schema/{defaulting,pruning}), then validation
// (kube-openapi's SchemaValidator) with its messages turned into field errors as
// pkg/apiserver/validation/validation.go kubeOpenAPIResultToFieldErrors does.

import { type FieldError, field } from '../../api/errors';
import { clone } from '../../api/meta';

export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
}

/** Fills absent properties with their schema defaults, inside objects that are present (structural defaulting). */
export function applyDefaults(value: unknown, s: Schema | undefined): void {
  if (!s || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) applyDefaults(v, s.items);
    return;
  }
  const o = value as Record<string, unknown>;
  for (const [k, p] of Object.entries(s.properties ?? {})) {
    if (o[k] === undefined && p.default !== undefined) o[k] = clone(p.default);
    applyDefaults(o[k], p);
  }
  if (typeof s.additionalProperties === 'object')
    for (const k of Object.keys(o)) if (!s.properties?.[k]) applyDefaults(o[k], s.additionalProperties);
}

/** Drops the fields the schema does not specify, unless it preserves unknown fields there. */
export function prune(value: unknown, s: Schema | undefined): void {
  eachUnknown(value, s, '', true, (parent, key) => {
    delete parent[key];
  });
}

/** The fields pruning drops, as paths (`spec.foo`, `spec.items[0].bar`): what strict decoding rejects. */
export function unknownFields(value: unknown, s: Schema | undefined): string[] {
  const out: string[] = [];
  eachUnknown(value, s, '', true, (_parent, _key, path) => {
    out.push(path);
  });
  return out;
}

/** Calls back for every field the schema does not specify; apiVersion, kind and metadata of a resource are known. */
function eachUnknown(
  value: unknown,
  s: Schema | undefined,
  path: string,
  root: boolean,
  found: (parent: Record<string, unknown>, key: string, path: string) => void,
): void {
  if (!s || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => eachUnknown(v, s.items, `${path}[${i}]`, false, found));
    return;
  }
  const o = value as Record<string, unknown>;
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true || s.additionalProperties === true;
  const embedded = root || s['x-kubernetes-embedded-resource'] === true;
  // in key order: kubectl sends the manifest as JSON with sorted keys, the order strict decoding reports them in
  for (const k of Object.keys(o).sort()) {
    if (embedded && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) continue;
    const p = s.properties?.[k] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
    const child = path ? `${path}.${k}` : k;
    if (p) eachUnknown(o[k], p, child, false, found);
    else if (!preserve) found(o, k, child);
  }
}

/** kube-openapi's name for a JSON value's type, as its type validator reports it. */
function jsonType(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  return typeof v === 'object' ? 'object' : 'string';
}

function typeMatches(v: unknown, s: Schema): boolean {
  if (s['x-kubernetes-int-or-string']) return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
  if (!s.type) return true;
  const t = jsonType(v);
  return t === s.type || (s.type === 'number' && t === 'integer');
}

const goNumber = (n: number): string => String(n);

/** Validates a decoded custom resource; the paths are the validator's (`spec.replicas`, `spec.ports.0`). */
export function validateSchema(value: unknown, s: Schema | undefined): FieldError[] {
  const errs: FieldError[] = [];
  if (s) walk(value, s, '', errs, true);
  return errs;
}

function walk(v: unknown, s: Schema, path: string, errs: FieldError[], root = false): void {
  const name = path || '.';
  const at = path || '<nil>';
  if (v === null && s.nullable) return;
  if (!typeMatches(v, s)) {
    const type = s['x-kubernetes-int-or-string'] ? 'integer,string' : s.type!;
    const actual = jsonType(v);
    errs.push(typeInvalid(at, actual, `${name} in body must be of type ${type}: ${JSON.stringify(actual)}`));
    return;
  }
  if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
    errs.push(
      field.notSupported(
        at,
        v,
        s.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))),
      ),
    );
  }
  if (typeof v === 'string') {
    if (s.maxLength !== undefined && [...v].length > s.maxLength) errs.push(field.tooLong(at, v, s.maxLength));
    if (s.minLength !== undefined && [...v].length < s.minLength)
      errs.push(field.invalid(at, v, `${name} in body should be at least ${s.minLength} chars long`));
    if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(v))
      errs.push(field.invalid(at, v, `${name} in body should match '${s.pattern}'`));
  }
  if (typeof v === 'number') {
    if (s.maximum !== undefined && (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum)) {
      errs.push(
        field.invalid(
          at,
          v,
          `${name} in body should be less than ${s.exclusiveMaximum ? '' : 'or equal to '}${goNumber(s.maximum)}`,
        ),
      );
    }
    if (s.minimum !== undefined && (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum)) {
      errs.push(
        field.invalid(
          at,
          v,
          `${name} in body should be greater than ${s.exclusiveMinimum ? '' : 'or equal to '}${goNumber(s.minimum)}`,
        ),
      );
    }
    if (s.multipleOf !== undefined && v / s.multipleOf !== Math.trunc(v / s.multipleOf))
      errs.push(field.invalid(at, v, `${name} in body should be a multiple of ${goNumber(s.multipleOf)}`));
  }
  if (Array.isArray(v)) {
    if (s.maxItems !== undefined && v.length > s.maxItems) errs.push(field.tooMany(at, v.length, s.maxItems));
    if (s.minItems !== undefined && v.length < s.minItems)
      errs.push(field.invalid(at, '', `${name} in body should have at least ${s.minItems} items`));
    if (s.uniqueItems && new Set(v.map((x) => JSON.stringify(x))).size !== v.length)
      errs.push(field.invalid(at, '', `${name} in body shouldn't contain duplicates`));
    if (s.items) v.forEach((x, i) => walk(x, s.items!, `${path ? path + '.' : ''}${i}`, errs));
  }
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (s.maxProperties !== undefined && keys.length > s.maxProperties)
      errs.push(field.tooMany(at, keys.length, s.maxProperties));
    if (s.minProperties !== undefined && keys.length < s.minProperties)
      errs.push(field.invalid(at, '', `${name} in body should have at least ${s.minProperties} properties`));
    for (const k of s.required ?? [])
      if (o[k] === undefined) errs.push(field.required(`${path ? path + '.' : ''}${k}`));
    for (const k of keys) {
      if (root && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) continue;
      const p = s.properties?.[k] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
      if (p && o[k] !== undefined) walk(o[k], p, `${path ? path + '.' : ''}${k}`, errs);
    }
  }
}

/** field.TypeInvalid: printed as Invalid. */
function typeInvalid(f: string, value: unknown, detail: string): FieldError {
  return { ...field.invalid(f, value, detail), type: 'FieldValueTypeInvalid' };
}
