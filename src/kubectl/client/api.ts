// The API as kubectl's commands call it (cli-runtime's resource.Helper and the typed calls of kubectl's
// commands): get, list, create, update, patch, delete, scale, evict, the pod log, exec and attach streams, a
// watch and server-side Tables, each one request through the REST client. Objects come back as the server
// answers them (frozen, in process); errors are the server's StatusErrors.

import { apiVersionOf, resourceForKind, type ResourceInfo, type ResourceRegistry } from '../../api/kinds';

import type { KObject } from '../../api/meta';
import { StatusError } from '../../api/errors';
import { selectorToString, type Selector } from '../../api/selectors';
import type { LiveIo, LiveSession, StreamSession } from '../../server/types';
import { type RestClient, resourcePath, statusError, statusIn } from './rest';

export type PatchType = 'merge' | 'strategic' | 'json';

export interface ListOptions {
  namespace?: string;
  labelSelector?: string | Selector;
  fieldSelector?: string;
  /** a pod list of one node (`spec.nodeName=` as a field selector) */
  nodeName?: string;
  /** only the objects this owner controls (kubectl's own filtering of what it listed) */
  ownerUid?: string;
}

export interface WriteOptions {
  dryRun?: boolean;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}
export interface PatchOptions extends WriteOptions {
  subresource?: 'status' | 'scale';
  fieldManager?: string;
  force?: boolean;
}
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  uid?: string;
  dryRun?: boolean;
}

export interface LogOptions {
  container?: string;
  previous?: boolean;
  timestamps?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  limitBytes?: number;
}

/** What a remote command wrote: its two streams, and the error channel's last Status. */
export interface StreamResult {
  stdout: string;
  stderr: string;
  status: any;
}

/** meta.k8s.io/v1 Table, as the server prints a list or an object. */
export interface Table {
  columnDefinitions: { name: string; type: string; format: string; description: string; priority: number }[];
  rows: { cells: unknown[]; object?: KObject }[];
  metadata?: { resourceVersion?: string };
}

const TABLE =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const PATCH_CONTENT: Record<PatchType | 'apply', string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

const selectorText = (s: string | Selector | undefined): string | undefined =>
  s === undefined || s === null ? undefined : typeof s === 'string' ? s || undefined : selectorToString(s) || undefined;

export class ApiClient {
  constructor(
    readonly rest: RestClient,
    private readonly discovery: () => ResourceRegistry,
  ) {}

  private registry?: ResourceRegistry;
  /** The resources the server serves, from discovery (read once per command). */
  get resources(): ResourceRegistry {
    return (this.registry ??= this.discovery());
  }

  info(resource: string): ResourceInfo {
    return this.resources.info(resource);
  }

  private path(resource: string, namespace: string | undefined, name?: string, sub?: string): string {
    const r = this.info(resource);
    return resourcePath(r, r.namespaced ? (namespace ?? 'default') : undefined, name, sub);
  }

  get<T extends KObject = KObject>(resource: string, namespace: string | undefined, name: string): T {
    return this.rest.value({ method: 'GET', path: this.path(resource, namespace, name) });
  }

  /** The object, or undefined when the server answers NotFound (the common case of apply: no error is built). */
  tryGet<T extends KObject = KObject>(resource: string, namespace: string | undefined, name: string): T | undefined {
    const c = { method: 'GET', path: this.path(resource, namespace, name) };
    const res = this.rest.send(c);
    if (res.type === 'body' && res.status === 404 && (res.value as any)?.reason === 'NotFound') return undefined;
    return this.rest.valueOf(c, res);
  }

  getSubresource(resource: string, namespace: string | undefined, name: string, sub: 'status' | 'scale'): KObject {
    return this.rest.value({ method: 'GET', path: this.path(resource, namespace, name, sub) });
  }

  /** A collection (no namespace: every namespace), sorted as the server lists it. */
  list<T extends KObject = KObject>(resource: string, opts: ListOptions = {}): T[] {
    const r = this.info(resource);
    const fields = [opts.fieldSelector, opts.nodeName !== undefined ? `spec.nodeName=${opts.nodeName}` : undefined]
      .filter(Boolean)
      .join(',');
    const list = this.rest.value({
      method: 'GET',
      path: resourcePath(r, r.namespaced ? opts.namespace : undefined),
      query: { labelSelector: selectorText(opts.labelSelector), fieldSelector: fields || undefined },
    });
    const items: T[] = list.items ?? [];
    return opts.ownerUid === undefined
      ? items
      : items.filter((o) =>
          (o.metadata.ownerReferences ?? []).some((ref: any) => ref.uid === opts.ownerUid && ref.controller),
        );
  }

  /** The server's Table of a collection or of one object (`name`), with the objects when asked. */
  table(
    r: ResourceInfo,
    namespace: string | undefined,
    opts: { name?: string; labelSelector?: string; fieldSelector?: string; includeObject?: 'Object' | 'Metadata' },
  ): Table {
    return this.rest.value({
      method: 'GET',
      path: resourcePath(r, r.namespaced ? namespace : undefined, opts.name),
      headers: { accept: TABLE },
      query: {
        labelSelector: opts.labelSelector || undefined,
        fieldSelector: opts.fieldSelector || undefined,
        includeObject: opts.includeObject,
      },
    });
  }

  /**
   * POST the object to its collection. `typed`: the path is the built-in kind's, as a typed clientset knows it
   * (kubectl's generators), without discovery; else the RESTMapper's (discovery) finds it.
   */
  create<T extends KObject>(obj: T, opts: WriteOptions = {}, typed = false): T {
    const known = typed ? resourceForKind(obj.kind ?? '') : undefined;
    const builtIn = known && apiVersionOf(known) === obj.apiVersion ? known : undefined;
    const r =
      builtIn ?? this.resources.forObject(obj.apiVersion, obj.kind ?? '') ?? this.resources.forKind(obj.kind ?? '');
    if (!r) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    return this.rest.value({
      method: 'POST',
      path: resourcePath(r, r.namespaced ? (obj.metadata?.namespace ?? 'default') : undefined),
      object: obj,
      query: writeQuery(opts),
    });
  }

  update<T extends KObject>(obj: T, opts: WriteOptions = {}): T {
    const r = this.resources.forKind(obj.kind ?? '');
    if (!r) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    return this.rest.value({
      method: 'PUT',
      path: resourcePath(
        r,
        r.namespaced ? (obj.metadata?.namespace ?? 'default') : undefined,
        obj.metadata?.name ?? '',
      ),
      object: obj,
      query: writeQuery(opts),
    });
  }

  patch<T extends KObject = KObject>(
    resource: string,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    type: PatchType | 'apply' = 'strategic',
    opts: PatchOptions = {},
  ): T {
    return this.rest.value({
      method: 'PATCH',
      path: this.path(resource, namespace, name, opts.subresource),
      object: patch,
      headers: { 'content-type': PATCH_CONTENT[type] },
      query: { ...writeQuery(opts), fieldManager: opts.fieldManager, force: opts.force ? 'true' : undefined },
    });
  }

  /** The object as the delete left it (graceful, finalizers), or the server's Success Status. */
  delete(resource: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KObject {
    const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1' };
    if (opts.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = opts.gracePeriodSeconds;
    if (opts.propagationPolicy) body.propagationPolicy = opts.propagationPolicy;
    if (opts.uid) body.preconditions = { uid: opts.uid };
    if (opts.dryRun) body.dryRun = ['All'];
    return this.rest.value({ method: 'DELETE', path: this.path(resource, namespace, name), object: body });
  }

  getScale(resource: string, namespace: string | undefined, name: string): KObject {
    return this.getSubresource(resource, namespace, name, 'scale');
  }

  updateScale(
    resource: string,
    namespace: string | undefined,
    name: string,
    scale: KObject,
    opts: WriteOptions = {},
  ): KObject {
    return this.rest.value({
      method: 'PUT',
      path: this.path(resource, namespace, name, 'scale'),
      object: scale,
      query: writeQuery(opts),
    });
  }

  /** POST pods/<name>/eviction (policy/v1 Eviction). */
  evict(namespace: string, name: string, opts: DeleteOptions = {}): void {
    const deleteOptions: Record<string, unknown> = {};
    if (opts.gracePeriodSeconds !== undefined) deleteOptions.gracePeriodSeconds = opts.gracePeriodSeconds;
    if (opts.dryRun) deleteOptions.dryRun = ['All'];
    this.rest.value({
      method: 'POST',
      path: this.path('pods', namespace, name, 'eviction'),
      object: {
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name, namespace },
        ...(Object.keys(deleteOptions).length ? { deleteOptions } : {}),
      },
    });
  }

  /** GET pods/<name>/log: the container's log as text. */
  logs(namespace: string, name: string, opts: LogOptions): string {
    const q: Record<string, string | undefined> = {
      container: opts.container,
      previous: opts.previous ? 'true' : undefined,
      timestamps: opts.timestamps ? 'true' : undefined,
      tailLines: opts.tailLines !== undefined && opts.tailLines >= 0 ? String(opts.tailLines) : undefined,
      sinceSeconds: opts.sinceSeconds !== undefined ? String(opts.sinceSeconds) : undefined,
      limitBytes: opts.limitBytes !== undefined ? String(opts.limitBytes) : undefined,
    };
    const v = this.rest.value({
      method: 'GET',
      path: this.path('pods', namespace, name, 'log'),
      query: q,
      headers: { accept: '*/*' },
    });
    return typeof v === 'string' ? v : '';
  }

  /**
   * Opens pods/<name>/exec or attach as kubectl 1.30 does (remotecommand's fallback executor): a WebSocket GET,
   * and when that upgrade fails the SPDY POST, whose failure is the one printed: the server's Status, or its
   * text as the SPDY round tripper words it (`unable to upgrade connection: container not found ("web")`).
   */
  connect(
    namespace: string,
    name: string,
    sub: 'exec' | 'attach',
    query: Record<string, string | string[] | undefined>,
  ): StreamSession {
    const path = this.path('pods', namespace, name, sub);
    const open = (method: string): StreamSession => {
      const res = this.rest.send({ method, path, query, headers: { connection: 'Upgrade', upgrade: 'websocket' } });
      if (res.type === 'upgrade') return res.session;
      if (res.type !== 'body')
        throw new StatusError(500, 'InternalError', `unexpected ${res.type} response to ${method} ${path}`);
      const status = statusIn(res.value, res.body);
      if (status) throw statusError(res.status, status, res.body);
      throw new Error(`unable to upgrade connection: ${res.body.trim()}`);
    };
    try {
      return open('GET');
    } catch {
      return open('POST');
    }
  }

  /** Runs a batch session (exec) to its end on this input. */
  run(session: StreamSession, stdin: string): StreamResult {
    const out: StreamResult = { stdout: '', stderr: '', status: undefined };
    if (!session.run) throw new StatusError(500, 'InternalError', `a ${session.kind} session is not a batch session`);
    session.run(stdin, (channel, data) => {
      if (channel === 1) out.stdout += data;
      else if (channel === 2) out.stderr += data;
      else if (channel === 3) out.status = JSON.parse(data);
    });
    return out;
  }

  /** Opens a live session (attach): its output through io as it comes, io.close when it ends. */
  attach(session: StreamSession, io: LiveIo): LiveSession {
    if (!session.open) throw new StatusError(500, 'InternalError', `a ${session.kind} session is not a live session`);
    return session.open(io);
  }

  /**
   * Watches a collection (from `resourceVersion`, else its current objects first); each event's object is handed
   * over as it comes while time passes. The result stops the watch.
   */
  watch(
    r: ResourceInfo,
    namespace: string | undefined,
    opts: { fieldSelector?: string; labelSelector?: string; resourceVersion?: string },
    onEvent: (type: string, o: KObject) => void,
  ): () => void {
    const res = this.rest.send({
      method: 'GET',
      path: resourcePath(r, r.namespaced ? namespace : undefined),
      query: {
        watch: 'true',
        fieldSelector: opts.fieldSelector,
        labelSelector: opts.labelSelector,
        resourceVersion: opts.resourceVersion,
      },
    });
    if (res.type === 'body') throw statusError(res.status, res.value, res.body);
    if (res.type !== 'stream')
      throw new StatusError(500, 'InternalError', `unexpected ${res.type} response to a watch`);
    let ended = false;
    const stop = res.open({
      write: (chunk) => {
        for (const line of chunk.split('\n'))
          if (line.trim()) {
            const e = JSON.parse(line);
            onEvent(e.type, e.object);
          }
      },
      event: (type, o) => onEvent(type, o as KObject),
      end: () => {
        ended = true;
      },
    });
    return () => {
      if (!ended) stop();
    };
  }

  /** A request to any path (`get --raw`, the reviews of `auth can-i`): the answer's body as the server encodes it. */
  raw(method: string, path: string, object?: unknown): { status: number; body: string; value: unknown } {
    const [p, q = ''] = path.split('?');
    const query: Record<string, string[]> = {};
    for (const [k, v] of new URLSearchParams(q)) (query[k] ??= []).push(v);
    const res = this.rest.send({ method, path: p, query, object });
    if (res.type !== 'body')
      throw new StatusError(500, 'InternalError', `unexpected ${res.type} response to ${method} ${p}`);
    return { status: res.status, body: res.body, value: res.value };
  }

  /** POST an object that is answered, not stored (the authorization reviews). */
  review<T = any>(
    r: Pick<ResourceInfo, 'group' | 'version' | 'resource' | 'namespaced'>,
    namespace: string | undefined,
    obj: unknown,
  ): T {
    return this.rest.value({ method: 'POST', path: resourcePath(r as ResourceInfo, namespace), object: obj });
  }
}

function writeQuery(opts: WriteOptions): Record<string, string | undefined> {
  return { dryRun: opts.dryRun ? 'All' : undefined, fieldValidation: opts.fieldValidation };
}
