// The one door to the store. Every component (controllers, scheduler, kubelets, kubectl, steps) reads and
// writes through it, so whatever a step sees, a client of the real API would see.
//
// A write runs: resolve the resource, namespace checks, defaults, admission, validation, allocation, then the
// store (resourceVersion + 1), then a timeline entry. Errors are StatusErrors with the apiserver's messages.

import { KObject, clone, deepEqual, keyOf, shareUnchanged } from '../api/meta';
import { ResourceInfo, ResourceRegistry, apiVersionOf } from '../api/kinds';
import { StatusError, alreadyExists, badRequest, conflict, forbidden, invalid, notFound } from '../api/errors';
import { Selector, parseLabelSelector, parseFieldSelector, matchesFields } from '../api/selectors';
import { validateObjectMeta } from '../api/validation/meta';
import { Store, WatchHandler } from '../store/store';
import type { VirtualClock } from '../runtime/clock';
import type { Rng } from '../runtime/random';
import type { Timeline } from '../runtime/timeline';
import { StrategyRegistry, type ResourceStrategy } from './strategy';
import { ClusterNetworking, DEFAULT_NETWORKING } from '../api/networking';
import { generateName } from './names';
import { EventExpiry } from './event-ttl';
import { mergePatch, strategicMergePatch } from './patch';
import { CLEANUP_FINALIZER, TERMINATION_PENDING, setCRDCondition } from './apiextensions/crd-strategy';

/** Resources whose metadata.generation tracks spec changes. */
const GENERATION = new Set(['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'ingresses',
  'networkpolicies', 'poddisruptionbudgets', 'horizontalpodautoscalers', 'endpointslices', 'customresourcedefinitions']);
/** Resources with a status subresource: a main-resource update keeps the stored status. */
const STATUS_SUBRESOURCE = new Set(['pods', 'services', 'nodes', 'namespaces', 'persistentvolumes', 'persistentvolumeclaims',
  'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'ingresses', 'poddisruptionbudgets',
  'horizontalpodautoscalers', 'resourcequotas', 'customresourcedefinitions']);

export interface ListOptions {
  namespace?: string;
  labelSelector?: string | Selector;
  fieldSelector?: string;
  ownerUid?: string;
  nodeName?: string;
}

export interface DeleteOptions {
  /** 0 deletes a pod at once; undefined uses the pod's terminationGracePeriodSeconds */
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  /** only delete this exact version (used by the garbage collector and the kubelet) */
  uid?: string;
}

export type PatchType = 'merge' | 'strategic' | 'json';

/**
 * A write's query options: dryRun, and fieldValidation (kubectl sends Strict unless --validate says otherwise);
 * warn receives the warnings the response carries (kubectl prints them as `Warning: …`).
 */
export interface WriteOptions {
  dryRun?: boolean; fieldValidation?: 'Strict' | 'Warn' | 'Ignore'; warn?: (text: string) => void;
  /** the object was built for this call, unfrozen, and its caller keeps no reference: the server writes it without a copy */
  fresh?: boolean;
}
/** A patch's options: the write's, and the subresource it goes to (`status`: only the status changes). */
export interface PatchOptions extends WriteOptions { subresource?: 'status' }

export class ApiServer {
  readonly strategies = new StrategyRegistry();
  /** What this server serves: the built-in resources and those its CustomResourceDefinitions add. */
  readonly resources = new ResourceRegistry();
  /** Who is writing, for the timeline and converge diagnostics; the runtime sets it around each reconcile. */
  actor = 'kubectl';
  /** kubeadm's networking settings every component was started with (the service subnet for allocation, the pod subnet for node IPAM) */
  networking: ClusterNetworking = { ...DEFAULT_NETWORKING };

  /** Events go an hour after their last write (--event-ttl) */
  readonly eventExpiry: EventExpiry;

  constructor(readonly store: Store, readonly clock: VirtualClock, readonly rng: Rng, readonly timeline: Timeline) {
    this.eventExpiry = new EventExpiry(clock, store);
  }

  info(resource: string): ResourceInfo { return this.resources.info(resource); }

  get<T extends KObject = KObject>(resource: string, namespace: string | undefined, name: string): T {
    const r = this.info(resource);
    const o = this.store.get(r.resource, r.namespaced ? namespace ?? 'default' : undefined, name);
    if (!o) throw notFound(r, name);
    return o as T;
  }

  tryGet<T extends KObject = KObject>(resource: string, namespace: string | undefined, name: string): T | undefined {
    const r = this.info(resource);
    return this.store.get(r.resource, r.namespaced ? namespace ?? 'default' : undefined, name) as T | undefined;
  }

  /** Objects sorted as etcd returns them: by namespace, then name. */
  list<T extends KObject = KObject>(resource: string, opts: ListOptions = {}): T[] {
    const items = this.select<T>(resource, opts);
    return items.sort((a, b) => cmp(keyOf(a.metadata.namespace, a.metadata.name!), keyOf(b.metadata.namespace, b.metadata.name!)));
  }

  /** The same objects in index order, unsorted: what a controller's lister gives. */
  select<T extends KObject = KObject>(resource: string, opts: ListOptions = {}): T[] {
    const r = this.info(resource);
    const selector = typeof opts.labelSelector === 'string' ? parseLabelSelector(opts.labelSelector) : opts.labelSelector;
    const fields = opts.fieldSelector ? parseFieldSelector(opts.fieldSelector) : undefined;
    let nodeName = opts.nodeName;
    const rest = fields?.filter((f) => {
      if (r.resource === 'pods' && f.field === 'spec.nodeName' && f.op === 'Equals' && nodeName === undefined) { nodeName = f.value; return false; }
      return true;
    });
    const items = this.store.list(r.resource, {
      namespace: r.namespaced ? opts.namespace : undefined, selector, ownerUid: opts.ownerUid, nodeName,
    }) as T[];
    return rest?.length ? items.filter((o) => matchesFields(rest, o)) : items;
  }

  watch(resource: string, handler: WatchHandler): void { this.store.watch(this.info(resource).resource, handler); }

  /** Watches every custom resource, served now or later (what a dynamic informer factory gives the GC). */
  watchCustomResources(handler: WatchHandler): void {
    this.store.watchAll((ev) => { if (this.resources.customResources().length && this.resources.forKind(ev.object.kind!)?.custom) handler(ev); });
  }

  create<T extends KObject>(input: T, opts: WriteOptions = {}): T {
    const r = this.resourceOf(input);
    const obj = opts.fresh ? input : copyForWrite(input, this.strategies.for(r.resource), opts);
    const meta = obj.metadata ?? (obj.metadata = {});
    if (r.namespaced) meta.namespace = meta.namespace || 'default';
    else delete meta.namespace;
    // the suffix is drawn now, but the name is set after admission, as BeforeCreate does: admission errors name
    // the object by its generateName (admission.NewForbidden extractResourceName)
    const generated = !meta.name && meta.generateName ? generateName(meta.generateName, this.rng) : undefined;
    const clientUid = meta.uid;
    this.checkNamespace(r, meta.namespace, meta.name || meta.generateName || '');
    obj.apiVersion = apiVersionOf(r);
    obj.kind = r.kind;
    const strategies = this.strategies.for(r.resource);
    checkFields(r, obj, strategies, opts);
    for (const s of strategies) s.default?.(obj, this);
    for (const s of strategies) s.admit?.('CREATE', obj, undefined, this);
    if (generated) meta.name = generated;
    const errs = validateObjectMeta(obj, r);
    for (const s of strategies) if (s.validate) errs.push(...s.validate(obj, undefined, this));
    if (errs.length) throw invalid(r, meta.name ?? '', errs);
    if (this.store.get(r.resource, meta.namespace, meta.name!)) throw alreadyExists(r, meta.name!);
    for (const s of strategies) s.allocate?.('CREATE', obj, undefined, this);
    if (opts.dryRun) { for (const s of strategies) s.release?.(obj, this); return obj; } // dry-run allocators commit nothing
    // BeforeCreate fills the uid before Validate: a strategy that needs it (the Job's generated selector) draws it
    meta.uid = meta.uid && meta.uid !== clientUid ? meta.uid : this.rng.uuid();
    meta.creationTimestamp = this.clock.iso();
    if (GENERATION.has(r.resource) || r.custom) meta.generation = 1;
    delete meta.resourceVersion; delete meta.deletionTimestamp;
    const stored = this.store.put(r.resource, obj) as T;
    if (r.resource === 'events') this.eventExpiry.written(stored);
    this.record('create', r, stored);
    return stored;
  }

  /** PUT: replaces the object; a set resourceVersion must match (optimistic concurrency). Status is kept. */
  update<T extends KObject>(input: T, opts: WriteOptions = {}): T { return this.write(input, false, opts); }

  /** PUT on /status: only the status changes. */
  updateStatus<T extends KObject>(input: T): T { return this.write(input, true); }

  /**
   * POST pods/binding: spec.nodeName and the PodScheduled=True condition in one write, with no pod-update
   * validation (pkg/registry/core/pod/storage BindingREST.assignPod, setPodHostAndAnnotations).
   */
  bind(namespace: string, name: string, nodeName: string): KObject {
    const r = this.info('pods');
    const current = this.get('pods', namespace, name);
    const binding = { ...r, resource: 'pods/binding' };
    if (current.metadata.deletionTimestamp) throw conflict(binding, name, `pod ${name} is being deleted, cannot be assigned to a host`);
    if (current.spec?.nodeName) throw conflict(binding, name, `pod ${name} is already assigned to node "${current.spec.nodeName}"`);
    const conditions = (current.status?.conditions ?? []).filter((c: any) => c.type !== 'PodScheduled');
    const old = current.status?.conditions?.find((c: any) => c.type === 'PodScheduled');
    const scheduled = { type: 'PodScheduled', status: 'True', lastProbeTime: null,
      lastTransitionTime: old?.status === 'True' ? old.lastTransitionTime : this.clock.iso() };
    const obj: KObject = { ...current, metadata: { ...current.metadata }, spec: { ...current.spec, nodeName },
      status: { ...current.status, conditions: [...conditions, scheduled] } };
    const stored = this.store.put(r.resource, obj);
    this.record('bind', r, stored, nodeName);
    return stored;
  }

  /** PATCH, of the object or (subresource `status`) of its status only. */
  patch<T extends KObject = KObject>(resource: string, namespace: string | undefined, name: string, patch: unknown, type: PatchType = 'strategic', opts: PatchOptions = {}): T {
    // custom resources have no patch strategies to merge lists by
    if (type === 'strategic' && this.info(resource).custom) throw new StatusError(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml');
    return this.write(patched(this.get<T>(resource, namespace, name), patch, type), opts.subresource === 'status', opts);
  }

  /** DELETE. Pods on a node get a grace period (the kubelet finishes them); finalizers hold an object. */
  delete<T extends KObject = KObject>(resource: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): T {
    const r = this.info(resource);
    const current = this.get<T>(resource, namespace, name);
    for (const s of this.strategies.for(r.resource)) s.admitDelete?.(current, this);
    if (opts.uid && current.metadata.uid !== opts.uid) throw conflict(r, name, `Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${current.metadata.uid}`);
    const grace = this.graceFor(r, current, opts);
    const finalizers = [...(current.metadata.finalizers ?? [])];
    if (opts.propagationPolicy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    if (opts.propagationPolicy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (r.resource === 'namespaces' && current.metadata.deletionTimestamp && current.spec?.finalizers?.length) return current; // the namespace controller finishes it
    if (r.resource === 'namespaces' && !current.metadata.deletionTimestamp) return this.markDeleting(r, current, finalizers, 0, (o) => { o.status = { ...o.status, phase: 'Terminating' }; });
    if (r.resource === 'customresourcedefinitions' && !current.metadata.deletionTimestamp) {
      // the first delete of a CRD holds it until its instances are gone (customresourcedefinition REST Delete)
      if (!finalizers.includes(CLEANUP_FINALIZER)) finalizers.push(CLEANUP_FINALIZER);
      return this.markDeleting(r, current, finalizers, 0, (o) => setCRDCondition(o, TERMINATION_PENDING, this.clock.iso()));
    }
    if (grace > 0 || finalizers.length) {
      if (current.metadata.deletionTimestamp) {
        // a second delete may only shorten the grace period
        if (grace === 0 && finalizers.length === 0) return this.remove(r, current);
        if (grace >= (current.metadata.deletionGracePeriodSeconds ?? Infinity)) return current;
      }
      return this.markDeleting(r, current, finalizers, grace);
    }
    return this.remove(r, current);
  }

  private markDeleting<T extends KObject>(r: ResourceInfo, current: T, finalizers: string[], grace: number, extra?: (o: T) => void): T {
    const o = clone(current);
    o.metadata.deletionTimestamp = this.clock.iso(this.clock.now() + grace * 1000);
    o.metadata.deletionGracePeriodSeconds = grace;
    if (finalizers.length) o.metadata.finalizers = finalizers;
    extra?.(o);
    const stored = this.store.put(r.resource, o) as T;
    this.record('delete', r, stored, `graceful, ${grace}s`);
    return stored;
  }

  private remove<T extends KObject>(r: ResourceInfo, current: T): T {
    for (const s of this.strategies.for(r.resource)) s.release?.(current, this);
    this.store.remove(r.resource, current.metadata.namespace, current.metadata.name!);
    this.record('delete', r, current);
    return current;
  }

  private graceFor(r: ResourceInfo, pod: KObject, opts: DeleteOptions): number {
    if (r.resource !== 'pods') return 0;
    if (opts.gracePeriodSeconds !== undefined) return pod.spec?.nodeName ? opts.gracePeriodSeconds : 0;
    // an unscheduled pod, or one that has finished, goes at once (pkg/registry/core/pod/strategy.go CheckGracefulDelete)
    if (!pod.spec?.nodeName || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return 0;
    return pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  }

  private write<T extends KObject>(input: T, statusOnly: boolean, opts: WriteOptions = {}): T {
    const r = this.resourceOf(input);
    const namespace = r.namespaced ? input.metadata?.namespace || 'default' : undefined;
    const name = input.metadata?.name ?? '';
    const current = this.store.get(r.resource, namespace, name);
    if (!current) throw notFound(r, name);
    const rv = input.metadata.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) throw conflict(r, name);
    let obj: KObject;
    if (statusOnly) {
      // the store freezes what it keeps, so the new version shares the unchanged (frozen) parts of the old one
      obj = { ...current, metadata: { ...current.metadata }, status: cloneUnfrozen(input.status) };
    } else {
      obj = copyForWrite(input, this.strategies.for(r.resource), opts);
      obj.apiVersion = apiVersionOf(r); obj.kind = r.kind;
      // metadata the server owns
      const m = obj.metadata, c = current.metadata;
      m.namespace = namespace; m.uid = c.uid; m.creationTimestamp = c.creationTimestamp;
      m.deletionTimestamp = c.deletionTimestamp; m.deletionGracePeriodSeconds = c.deletionGracePeriodSeconds;
      if (c.generation !== undefined) m.generation = c.generation;
      if (STATUS_SUBRESOURCE.has(r.resource) || r.custom?.status) obj.status = clone(current.status);
      const strategies = this.strategies.for(r.resource);
      checkFields(r, obj, strategies, opts);
      for (const s of strategies) s.default?.(obj, this);
      for (const s of strategies) s.admit?.('UPDATE', obj, current, this);
      const errs = validateObjectMeta(obj, r);
      for (const s of strategies) if (s.validate) errs.push(...s.validate(obj, current, this));
      if (errs.length) throw invalid(r, name, errs);
      for (const s of strategies) s.allocate?.('UPDATE', obj, current, this);
      // a custom resource without a status subresource bumps its generation on a status change too
      const changed = !equalExcept(obj, current, 'metadata', r.custom && !r.custom.status ? undefined : 'status');
      if (m.generation !== undefined && changed) m.generation = (c.generation ?? 0) + 1;
    }
    if (opts.dryRun) return obj as T; // a dry run answers what the write would store, and stores nothing
    // an object being deleted goes once its last finalizer is removed
    if (obj.metadata.deletionTimestamp && !(obj.metadata.finalizers?.length) && (r.resource !== 'pods' || obj.metadata.deletionGracePeriodSeconds === 0) && !(r.resource === 'namespaces' && obj.spec?.finalizers?.length)) {
      return this.remove(r, obj as T);
    }
    shareWithStored(obj, current);
    if (equalExcept(obj, current, 'metadata') && equalExcept(obj.metadata, current.metadata, 'resourceVersion', 'managedFields')) return current as T;
    delete obj.metadata.resourceVersion;
    const stored = this.store.put(r.resource, obj) as T;
    if (r.resource === 'events') this.eventExpiry.written(stored);
    this.record(statusOnly ? 'status' : 'update', r, stored);
    return stored;
  }

  private resourceOf(obj: KObject): ResourceInfo {
    if (!obj || typeof obj !== 'object' || !obj.kind) throw badRequest("Object 'Kind' is missing in the object");
    const r = this.resources.forObject(obj.apiVersion || undefined, obj.kind);
    if (!r) throw badRequest(`no matches for kind "${obj.kind}" in version "${obj.apiVersion ?? ''}"`);
    return r;
  }

  private checkNamespace(r: ResourceInfo, namespace: string | undefined, name: string): void {
    if (!r.namespaced || !namespace) return;
    const ns = this.store.get('namespaces', undefined, namespace);
    if (!ns) throw notFound(this.info('namespaces'), namespace);
    if (ns.metadata.deletionTimestamp) {
      throw forbidden(r, name, `unable to create new content in namespace ${namespace} because it is being terminated`);
    }
  }

  private record(verb: string, r: ResourceInfo, o: KObject, message?: string): void {
    if (!this.timeline.enabled) return;
    if (r.resource === 'events') {
      const io = o.involvedObject ?? {};
      const resource = io.kind ? this.resources.forKind(io.kind)?.resource ?? io.kind : '';
      this.timeline.record({ time: this.clock.now(), kind: 'event', verb: o.type, resource, namespace: io.namespace, name: io.name, reason: o.reason, message: o.message, actor: this.actor });
    } else {
      this.timeline.record({ time: this.clock.now(), kind: 'write', verb, resource: r.resource, namespace: o.metadata.namespace, name: o.metadata.name!, actor: this.actor, message, object: o });
    }
  }
}

/**
 * A client's fieldValidation: Strict refuses unknown fields as the strict decoder reports them; otherwise they are
 * dropped, as decoding into the kind's type drops them. Writes without it (the controllers') are not walked.
 */
function checkFields(r: ResourceInfo, obj: KObject, strategies: ResourceStrategy[], opts: WriteOptions): void {
  if (!opts.fieldValidation) return;
  const unknown = strategies.flatMap((s) => s.unknownFields?.(obj) ?? []);
  if (!unknown.length) return;
  if (opts.fieldValidation === 'Strict') {
    const version = (obj.apiVersion ?? '').split('/').pop();
    throw badRequest(`${r.kind} in version "${version}" cannot be handled as a ${r.kind}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
  }
  if (opts.fieldValidation === 'Warn') for (const f of unknown) opts.warn?.(`unknown field "${f}"`);
  for (const f of unknown) deletePath(obj, f);
}

/** Deletes `a.b[0].c` (a `[key]` segment is a map key) from an object. */
function deletePath(obj: any, p: string): void {
  const segs = [...p.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)].map((m) => m[1] ?? m[2]);
  const last = segs.pop()!;
  let at = obj;
  for (const s of segs) { at = at?.[s]; if (at === undefined || at === null) return; }
  if (at && typeof at === 'object') delete at[last];
}

/**
 * The object a write works on. Defaulting, admission, allocation and dropping unknown fields change it anywhere, so
 * it is a deep copy; without them the server changes only its top level and metadata, and the copy shares the
 * input's frozen parts (stored values, which never change).
 */
function copyForWrite<T extends KObject>(input: T, strategies: ResourceStrategy[], opts: WriteOptions): T {
  if (opts.fieldValidation || strategies.some((s) => !s.readsOnly && (s.default || s.admit || s.allocate))) return clone(input);
  const obj = { ...cloneUnfrozen(input) };
  if (input.metadata) obj.metadata = { ...cloneUnfrozen(input.metadata) };
  return obj;
}

/** A copy that shares frozen subtrees: they are stored values and can never change. */
function cloneUnfrozen<T>(o: T): T {
  if (o === null || typeof o !== 'object' || Object.isFrozen(o)) return o;
  if (Array.isArray(o)) return o.map(cloneUnfrozen) as T;
  const out: any = {};
  for (const k in o) out[k] = cloneUnfrozen((o as any)[k]);
  return out;
}

/** deepEqual of two objects but for one or two of their keys (no copies made). */
function equalExcept(a: any, b: any, skip: string, skip2?: string): boolean {
  for (const k in a) if (k !== skip && k !== skip2 && a[k] !== undefined && !deepEqual(a[k], b[k])) return false;
  for (const k in b) if (k !== skip && k !== skip2 && b[k] !== undefined && a[k] === undefined) return false;
  return true;
}

/** shareUnchanged for a write: the parts equal to the stored version's become its own; the object and its metadata stay writable. */
function shareWithStored(obj: any, current: any): void {
  for (const k in obj) {
    const v = obj[k];
    if (k === 'metadata') shareUnchanged(v, current.metadata);
    else if (v !== current[k] && typeof v === 'object' && v !== null && shareUnchanged(v, current[k])) obj[k] = current[k];
  }
}

function cmp(a: string, b: string): number { return a < b ? -1 : a > b ? 1 : 0; }

export interface JsonPatchOp { op: 'add' | 'remove' | 'replace' | 'test' | 'move' | 'copy'; path: string; value?: unknown; from?: string }

/** RFC 6902, enough for kubectl patch --type=json. */
function applyJsonPatch(target: KObject, ops: JsonPatchOp[]): KObject {
  const doc: any = clone(target);
  const parse = (p: string) => p.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (const op of ops) {
    const path = parse(op.path);
    const last = path.pop()!;
    let parent = doc;
    for (const p of path) {
      parent = parent?.[p];
      if (parent === undefined) throw new StatusError(422, 'Invalid', `the server rejected our request due to an error in our request`);
    }
    if (op.op === 'remove') Array.isArray(parent) ? parent.splice(Number(last), 1) : delete parent[last];
    else if (op.op === 'add' && Array.isArray(parent)) parent.splice(last === '-' ? parent.length : Number(last), 0, clone(op.value));
    else if (op.op === 'add' || op.op === 'replace') parent[last] = clone(op.value);
  }
  return doc;
}

/** The object a patch of the given type makes of the current one, at the current resourceVersion. */
export function patched<T extends KObject>(current: T, patch: unknown, type: PatchType): T {
  let next: any;
  if (type === 'merge') next = mergePatch(current, patch);
  else if (type === 'strategic') next = strategicMergePatch(current, patch);
  else next = applyJsonPatch(current, patch as JsonPatchOp[]);
  next.metadata.resourceVersion = current.metadata.resourceVersion;
  return next;
}
