// API errors as the apiserver builds them (k8s.io/apimachinery/pkg/api/errors), and field errors
// (k8s.io/apimachinery/pkg/util/validation/field) with their exact text.

import { type ResourceInfo, groupKind, groupResource } from './kinds';
import { goStringMap } from '../util/go/fmt';

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'InternalError'
  | 'Gone'
  | 'UnsupportedMediaType'
  | 'TooManyRequests'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'Unauthorized'
  | 'Expired'
  | 'Timeout'
  | '';

export interface FieldError {
  type: string;
  field: string;
  detail: string;
  value?: unknown;
  text: string;
}

export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details: {
      kind?: string;
      name?: string;
      group?: string;
      causes?: FieldError[];
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
    // how kubectl prints an API error, so one that reaches a person (a step's failure) reads as it would there
    this.name = `Error from server (${reason})`;
  }
}

export function isStatusError(e: unknown): e is StatusError {
  return e instanceof StatusError;
}
/** apierrors.IsConflict */
export function isConflict(e: unknown): boolean {
  return isStatusError(e) && e.reason === 'Conflict';
}

export function notFound(r: ResourceInfo, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${groupResource(r)} "${name}" not found`, {
    kind: r.resource,
    name,
    group: r.group,
  });
}

export function alreadyExists(r: ResourceInfo, name: string): StatusError {
  return new StatusError(409, 'AlreadyExists', `${groupResource(r)} "${name}" already exists`, {
    kind: r.resource,
    name,
    group: r.group,
  });
}

export function conflict(
  r: ResourceInfo,
  name: string,
  why = 'the object has been modified; please apply your changes to the latest version and try again',
): StatusError {
  return new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${groupResource(r)} "${name}": ${why}`, {
    kind: r.resource,
    name,
    group: r.group,
  });
}

/** NewTooManyRequests (429), with a StatusCause of the given type (the eviction API's DisruptionBudget). */
export function tooManyRequests(
  message: string,
  retryAfterSeconds: number,
  cause?: { type: string; message: string },
): StatusError {
  const causes = cause ? [{ type: cause.type, field: '', detail: cause.message, text: cause.message }] : [];
  return new StatusError(429, 'TooManyRequests', message, {
    causes,
    ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
  });
}

export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

export function forbidden(r: ResourceInfo, name: string, why: string): StatusError {
  return new StatusError(403, 'Forbidden', `${groupResource(r)} "${name}" is forbidden: ${why}`, {
    kind: r.resource,
    name,
    group: r.group,
  });
}

/** `Deployment.apps "web" is invalid: spec.selector: Required value`; several errors print as `[e1, e2]`. */
export function invalid(r: ResourceInfo, name: string, errs: FieldError[]): StatusError {
  const body = errs.length === 1 ? errs[0].text : `[${errs.map((e) => e.text).join(', ')}]`;
  return new StatusError(422, 'Invalid', `${groupKind(r)} "${name}" is invalid: ${body}`, {
    kind: r.kind,
    name,
    group: r.group,
    causes: errs,
  });
}

// field.Error constructors. The value is printed as Go prints it for that error type.
export const field = {
  required: (f: string, detail = ''): FieldError =>
    mk('FieldValueRequired', f, detail, undefined, `${f}: Required value${detail ? ': ' + detail : ''}`),
  invalid: (f: string, value: unknown, detail: string): FieldError =>
    mk('FieldValueInvalid', f, detail, value, `${f}: Invalid value: ${goValue(value)}${detail ? ': ' + detail : ''}`),
  duplicate: (f: string, value: unknown): FieldError =>
    mk('FieldValueDuplicate', f, '', value, `${f}: Duplicate value: ${goValue(value)}`),
  notSupported: (f: string, value: unknown, valid: string[]): FieldError =>
    mk(
      'FieldValueNotSupported',
      f,
      '',
      value,
      `${f}: Unsupported value: ${goValue(value)}${valid.length ? ': supported values: ' + valid.map((v) => JSON.stringify(v)).join(', ') : ''}`,
    ),
  forbidden: (f: string, detail: string): FieldError =>
    mk('FieldValueForbidden', f, detail, undefined, `${f}: Forbidden: ${detail}`),
  tooLong: (f: string, value: unknown, max: number): FieldError =>
    mk('FieldValueTooLong', f, '', value, `${f}: Too long: may not be longer than ${max}`),
  notFound: (f: string, value: unknown): FieldError =>
    mk('FieldValueNotFound', f, '', value, `${f}: Not found: ${goValue(value)}`),
  tooMany: (f: string, actual: number, max: number): FieldError =>
    mk(
      'FieldValueTooMany',
      f,
      `must have at most ${max} items`,
      actual,
      `${f}: Too many: ${actual}: must have at most ${max} items`,
    ),
  /** field.Invalid with field.OmitValueType{}: no value printed */
  invalidOmitValue: (f: string, detail: string): FieldError =>
    mk('FieldValueInvalid', f, detail, undefined, `${f}: Invalid value: ${detail}`),
};

function mk(type: string, f: string, detail: string, value: unknown, text: string): FieldError {
  return { type, field: f, detail, value, text };
}

/** Go's rendering of a value in a field error: strings quoted, numbers plain, string maps as map literals. */
export function goValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null || v === undefined) return 'null';
  if (v instanceof GoLiteral) return v.text;
  if (Array.isArray(v)) return `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}`;
  if (typeof v === 'object') {
    return goStringMap(
      Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, String(x)])),
    );
  }
  return String(v);
}

/** A value whose Go rendering is given verbatim, e.g. `map[string]string(nil)`. */
export class GoLiteral {
  constructor(readonly text: string) {}
}
