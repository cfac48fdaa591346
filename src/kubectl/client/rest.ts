// kubectl's REST client (client-go rest.Request): one request to the API server through its request interface,
// with kubectl's identity and impersonation headers; a response's warnings handed to the warning printer; an
// error answer turned back into the StatusError its Status describes (apierrors.FromObject), so kubectl prints
// it as it prints any server error.

import type { ResourceInfo } from '../../api/kinds';
import { StatusError, type FieldError, type StatusReason } from '../../api/errors';
import type { UserInfo } from '../../apiserver/authorization/rbac';
import type { ApiResponse, Transport } from '../../server/types';

/** Who the requests are from: the kubeconfig's user, and whom it impersonates (--as, --as-group). */
export interface Identity {
  user: UserInfo;
  as?: string;
  asGroups?: string[];
}

export interface Call {
  method: string;
  path: string;
  query?: Record<string, string | string[] | undefined>;
  /** the body, passed as it is (the in-process handler decodes it as it would the JSON) */
  object?: unknown;
  headers?: Record<string, string>;
}

/** `/api/v1/namespaces/ns/pods/name/log`, `/apis/apps/v1/deployments` */
export function resourcePath(
  r: ResourceInfo,
  namespace: string | undefined,
  name?: string,
  subresource?: string,
): string {
  let p = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  if (r.namespaced && namespace) p += `/namespaces/${namespace}`;
  p += `/${r.resource}`;
  if (name !== undefined) p += `/${name}`;
  if (subresource) p += `/${subresource}`;
  return p;
}

export class RestClient {
  constructor(
    private readonly transport: Transport,
    private readonly identity: Identity,
    private readonly warn: (text: string) => void,
  ) {}

  /** The raw response (streams and upgrades included); warnings are printed. */
  send(c: Call): ApiResponse {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(c.query ?? {})) {
      if (v === undefined) continue;
      for (const x of Array.isArray(v) ? v : [v]) query.append(k, x);
    }
    const headers: Record<string, string | undefined> = { accept: 'application/json', ...c.headers };
    if (c.object !== undefined) headers['content-type'] ??= 'application/json';
    if (this.identity.as) headers['impersonate-user'] = this.identity.as;
    const res = this.transport({
      method: c.method,
      path: c.path,
      query,
      headers,
      impersonateGroups: this.identity.as ? (this.identity.asGroups ?? []) : [],
      object: c.object,
      user: this.identity.user,
    });
    if (res.type === 'body' && res.headers.warning) for (const w of parseWarnings(res.headers.warning)) this.warn(w);
    return res;
  }

  /** The decoded body of a successful answer, or the StatusError of a failed one. */
  value<T = any>(c: Call): T {
    return this.valueOf(c, this.send(c));
  }

  /** The decoded body of the response to this call, or its StatusError. */
  valueOf<T = any>(c: Call, res: ApiResponse): T {
    if (res.type !== 'body')
      throw new StatusError(500, 'InternalError', `unexpected ${res.type} response to ${c.method} ${c.path}`);
    const v = res.value !== undefined ? res.value : parseBody(res.body, res.headers['content-type']);
    if (res.status >= 400) throw statusError(res.status, v, res.body);
    return v as T;
  }
}

function parseBody(body: string, type: string | undefined): unknown {
  if (!type?.startsWith('application/json')) return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/** A Warning header's values: `299 - "text"`, comma-separated. */
function parseWarnings(header: string): string[] {
  const out: string[] = [];
  const re = /\d{3} \S+ "((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(header); m; m = re.exec(header)) out.push(JSON.parse(`"${m[1]}"`));
  return out;
}

/** The Status a response carries (`value`, or its body decoded), if it is one. */
export function statusIn(value: unknown, body: string): Record<string, any> | undefined {
  const v = value !== undefined ? value : parseBody(body, 'application/json');
  return v && typeof v === 'object' && (v as any).kind === 'Status' ? (v as Record<string, any>) : undefined;
}

/**
 * apierrors.FromObject: the Status's code, reason, message and details (`v`, or the body decoded); a body that is
 * no Status says so.
 */
export function statusError(code: number, v: any, body: string): StatusError {
  if (v === undefined) v = parseBody(body, 'application/json');
  if (!v || typeof v !== 'object' || v.kind !== 'Status') {
    return new StatusError(
      code,
      '' as StatusReason,
      `the server responded with the status code ${code} but did not return more information${body ? ` (${body.trim()})` : ''}`,
    );
  }
  const d = v.details ?? {};
  const causes: FieldError[] | undefined = d.causes?.map((c: any) => ({
    type: c.reason ?? '',
    field: c.field ?? '',
    detail: c.message ?? '',
    text: c.field ? `${c.field}: ${c.message ?? ''}` : (c.message ?? ''),
  }));
  return new StatusError(v.code ?? code, (v.reason ?? '') as StatusReason, v.message ?? '', {
    ...(d.kind ? { kind: d.kind } : {}),
    ...(d.name ? { name: d.name } : {}),
    ...(d.group ? { group: d.group } : {}),
    ...(causes ? { causes } : {}),
    ...(d.retryAfterSeconds ? { retryAfterSeconds: d.retryAfterSeconds } : {}),
  });
}
