// Status objects, as the apiserver writes an error (k8s.io/apimachinery/pkg/api/errors, metav1.Status): the
// code, reason, message and details kubectl prints from.

import { StatusError, type FieldError } from '../api/errors';
import { json, type ApiResponse } from './types';

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: Record<string, unknown>;
  code: number;
}

/** A cause as metav1.StatusCause: the field error's type as reason, its text after the field as message. */
function cause(e: FieldError): Record<string, string> {
  const message = e.field && e.text.startsWith(`${e.field}: `) ? e.text.slice(e.field.length + 2) : e.text;
  return { reason: e.type, message, ...(e.field ? { field: e.field } : {}) };
}

export function statusOf(e: StatusError): Status {
  const d = e.details ?? {};
  const details: Record<string, unknown> = {};
  if (d.name) details.name = d.name;
  if (d.group) details.group = d.group;
  if (d.kind) details.kind = d.kind;
  if (d.causes?.length) details.causes = d.causes.map(cause);
  if (d.retryAfterSeconds) details.retryAfterSeconds = d.retryAfterSeconds;
  const s: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: e.message,
    code: e.code,
  };
  if (e.reason) s.reason = e.reason;
  if (Object.keys(details).length || e.reason) s.details = details;
  return s;
}

export function errorResponse(e: StatusError): ApiResponse {
  const r = json(e.code, statusOf(e));
  if (e.details?.retryAfterSeconds && r.type === 'body') r.headers['retry-after'] = String(e.details.retryAfterSeconds);
  return r;
}

/** `{status: Success}` with the deleted object's name, group, kind (resource) and uid. */
export function success(details: Record<string, unknown>): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 } as Status;
}

// The errors of the request layer itself (apiserver/pkg/endpoints/handlers/responsewriters, errors.go).
export const errs = {
  notFoundPath: () => new StatusError(404, 'NotFound', 'the server could not find the requested resource'),
  /** a route that exists, with a method it does not take (go-restful's answer) */
  methodNotAllowed: () =>
    new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'),
  notAcceptable: (accepted: string) =>
    new StatusError(406, 'NotAcceptable', `only the following media types are accepted: ${accepted}`),
  unsupportedMediaType: (accepted: string[]) =>
    new StatusError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
    ),
  tooLarge: (limit: number) =>
    new StatusError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`),
  unauthorized: () => new StatusError(401, 'Unauthorized', 'Unauthorized'),
  expired: (message: string) => new StatusError(410, 'Expired', message),
  gone: (message: string) => new StatusError(410, 'Gone', message),
};
