// The one door to the store. Every component (controllers, scheduler, kubelets, kubectl, steps) reads and
// writes through it, so whatever a step sees, a client of the real API would see.
//
// A write runs: resolve the resource, namespace checks, defaults, admission, validation, allocation, then the
// store (resourceVersion + 1), then a timeline entry. Errors are StatusErrors with the apiserver's messages.

import { type KObject, clone, deepEqual, keyOf, setKey, shareUnchanged } from '../api/meta';
import { type ResourceInfo, ResourceRegistry, apiVersionOf } from '../api/kinds';
import { StatusError, alreadyExists, badRequest, conflict, field, forbidden, invalid, notFound } from '../api/errors';
import {
  type Selector,
  SelectorError,
  parseLabelSelector,
  fromLabelSelector,
  selectorToString,
} from '../api/selectors';
import { fieldSelectorFor, matchesFieldSelector } from './field-labels';
import { validateObjectMeta } from '../api/validation/meta';
import type { Store, WatchHandler } from '../store/store';
import type { VirtualClock } from '../runtime/clock';
import type { Rng } from '../runtime/random';
import type { Timeline } from './timeline';
import { StrategyRegistry, type ResourceStrategy } from './strategy';
import { type ClusterNetworking, DEFAULT_NETWORKING } from '../api/networking';
import { generateName } from './names';
import { EventExpiry } from './event-ttl';
import { mergePatch, strategicMergePatch, applyJsonPatch, JsonPatchDecodeError, JsonPatchError } from './patch';
import { CLEANUP_FINALIZER, TERMINATION_PENDING, setCRDCondition } from './apiextensions/crd-strategy';
import { type Body, checkRequestBody, checkStoredSize, decodeObject, jsonKind } from './decode';
import { trustedCopy } from './decode/trusted';
import { evictPod } from './eviction';
import { DEFAULT_MAX_OBJECTS, checkCapacity } from './capacity';
import { canonicalizeQuantities } from './decode/quantities';
import { QuantityError } from '../api/quantity';

/** Resources whose metadata.generation tracks spec changes. */
const GENERATION = new Set([
  'deployments',
  'replicasets',
  'replicationcontrollers',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
  'ingresses',
  'networkpolicies',
  'poddisruptionbudgets',
  'horizontalpodautoscalers',
  'endpointslices',
  'customresourcedefinitions',
]);
/** Resources with a status subresource: a main-resource update keeps the stored status. */
const STATUS_SUBRESOURCE = new Set([
  'pods',
  'services',
  'nodes',
  'namespaces',
  'persistentvolumes',
  'persistentvolumeclaims',
  'deployments',
  'replicasets',
  'replicationcontrollers',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
  'ingresses',
  'poddisruptionbudgets',
  'horizontalpodautoscalers',
  'resourcequotas',
  'customresourcedefinitions',
]);

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
  /** dryRun=All: checked and admitted, nothing changes; the object is answered as it is */
  dryRun?: boolean;
}

export type PatchType = 'merge' | 'strategic' | 'json';

const SCALE: ResourceInfo = {
  kind: 'Scale',
  resource: 'scale',
  singular: 'scale',
  short: [],
  group: 'autoscaling',
  version: 'v1',
  namespaced: true,
};
/** Resources with a scale subresource (autoscaling/v1 Scale). */
export const SCALABLE = new Set(['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers']);
/** The pod subresources a client connects to (the apiserver proxies them to the pod's kubelet). */
export type ConnectSubresource = 'exec' | 'attach' | 'portforward' | 'log' | 'proxy';

/**
 * A write's query options: dryRun, and fieldValidation (kubectl sends Strict unless --validate says otherwise);
 * warn receives the warnings the response carries (kubectl prints them as `Warning: …`).
 */
export interface WriteOptions {
  dryRun?: boolean;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  warn?: (text: string) => void;
}
/** A patch's options: the write's, and the subresource it goes to (`status`: only the status changes). */
export interface PatchOptions extends WriteOptions {
  subresource?: 'status' | 'scale';
}

export class ApiServer {
  readonly strategies = new StrategyRegistry();
  /** What this server serves: the built-in resources and those its CustomResourceDefinitions add. */
  readonly resources = new ResourceRegistry();
  /** Whether a controller's reconcile is writing (see running): the control plane's writes are not measured. */
  reconciling = false;
  /** How many pods (and claims) the cluster holds before creates are refused (src/apiserver/capacity.ts). */
  maxObjects = DEFAULT_MAX_OBJECTS;
  /** Who is writing, for the timeline and converge diagnostics; a reconcile writes as its controller (see running). */
  actor = 'kubectl';
  /** who wrote before the reconcile now running began */
  private outside = this.actor;
  /** kubeadm's networking settings every component was started with (the service subnet for allocation, the pod subnet for node IPAM) */
  networking: ClusterNetworking = { ...DEFAULT_NETWORKING };

  /** Events go an hour after their last write (--event-ttl) */
  readonly eventExpiry: EventExpiry;

  constructor(
    readonly store: Store,
    readonly clock: VirtualClock,
    readonly rng: Rng,
    readonly timeline: Timeline,
  ) {
    this.eventExpiry = new EventExpiry(clock, store);
  }

  /** The runtime's hook: a controller's reconcile begins (its name) or ends (undefined), and writes as it meanwhile. */
  running(worker: string | undefined): void {
    if (worker !== undefined) {
      this.outside = this.actor;
      this.actor = worker;
      this.reconciling = true;
    } else {
      this.actor = this.outside;
      this.reconciling = false;
    }
  }

  info(resource: string): ResourceInfo {
    return this.resources.info(resource);
  }

  get<T extends KObject = KObject>(resource: string, namespace: string | undefined, name: string): T {
    const r = this.info(resource);
    const o = this.store.get(r.resource, r.namespaced ? (namespace ?? 'default') : undefined, name);
    if (!o) throw notFound(r, name);
    return o as T;
  }

  tryGet<T extends KObject = KObject>(resource: string, namespace: string | undefined, name: string): T | undefined {
    const r = this.info(resource);
    return this.store.get(r.resource, r.namespaced ? (namespace ?? 'default') : undefined, name) as T | undefined;
  }

  /** Objects sorted as etcd returns them: by namespace, then name. */
  list<T extends KObject = KObject>(resource: string, opts: ListOptions = {}): T[] {
    const items = this.select<T>(resource, opts);
    return items.sort((a, b) =>
      cmp(keyOf(a.metadata.namespace, a.metadata.name!), keyOf(b.metadata.namespace, b.metadata.name!)),
    );
  }

  /** The same objects in index order, unsorted: what a controller's lister gives. */
  select<T extends KObject = KObject>(resource: string, opts: ListOptions = {}): T[] {
    const r = this.info(resource);
    let selector: Selector | undefined;
    try {
      selector = typeof opts.labelSelector === 'string' ? parseLabelSelector(opts.labelSelector) : opts.labelSelector;
    } catch (e) {
      throw e instanceof SelectorError ? badRequest(e.message) : e;
    }
    const fields = opts.fieldSelector ? fieldSelectorFor(r.resource, opts.fieldSelector, !!r.custom) : undefined;
    let nodeName = opts.nodeName;
    const rest = fields?.filter((f) => {
      if (r.resource === 'pods' && f.field === 'spec.nodeName' && f.op === 'Equals' && nodeName === undefined) {
        nodeName = f.value;
        return false;
      }
      return true;
    });
    const items = this.store.list(r.resource, {
      namespace: r.namespaced ? opts.namespace : undefined,
      selector,
      ownerUid: opts.ownerUid,
      nodeName,
    }) as T[];
    return rest?.length ? items.filter((o) => matchesFieldSelector(r.resource, rest, o)) : items;
  }

  /**
   * Every object, of any resource, whose ownerReferences name the owner, by resource: the edges of the garbage
   * collector's dependency graph (uidToNode), read from the owner index as an informer's indexer gives them.
   */
  dependents(ownerUid: string): [string, KObject][] {
    return this.store.dependents(ownerUid);
  }

  /** Watches a resource, in one namespace or (none given) all; the result stops the watch. */
  watch(resource: string, handler: WatchHandler, opts: { namespace?: string } = {}): () => void {
    const r = this.info(resource),
      ns = r.namespaced ? opts.namespace : undefined;
    return this.store.watch(
      r.resource,
      ns
        ? (ev) => {
            if (ev.object.metadata.namespace === ns) handler(ev);
          }
        : handler,
    );
  }

  /** Watches every custom resource, served now or later (what a dynamic informer factory gives the GC). */
  watchCustomResources(handler: WatchHandler): void {
    this.store.watchAll((ev) => {
      if (this.resources.customResources().length && this.resources.forKind(ev.object.kind!)?.custom) handler(ev);
    });
  }

  create<T extends KObject>(input: T, opts: WriteOptions = {}): T {
    const r = this.resourceOf(input);
    // a controller's object is not measured: its size is its user's, measured when that was written
    const bytes = this.reconciling ? 0 : checkRequestBody(input);
    const obj = this.decode(r, input, { kind: 'body' }, opts) as T;
    const meta = obj.metadata ?? (obj.metadata = {});
    if (r.namespaced) meta.namespace = meta.namespace || 'default';
    else delete meta.namespace;
    // the suffix is drawn now, but the name is set after admission, as BeforeCreate does: admission errors name
    // the object by its generateName (admission.NewForbidden extractResourceName)
    const generated = !meta.name && meta.generateName ? generateName(meta.generateName, this.rng) : undefined;
    const clientUid = meta.uid;
    this.checkNamespace(r, meta.namespace, meta.name || meta.generateName || '');
    checkCapacity(this, r, meta.name || meta.generateName || '');
    obj.apiVersion = apiVersionOf(r);
    obj.kind = r.kind;
    const strategies = this.strategies.for(r.resource);
    canonicalize(r, obj);
    for (const s of strategies) s.default?.(obj, this);
    for (const s of strategies) s.admit?.('CREATE', obj, undefined, this);
    if (generated) meta.name = generated;
    const errs = validateObjectMeta(obj, r);
    for (const s of strategies) if (s.validate) errs.push(...s.validate(obj, undefined, this));
    if (errs.length) throw invalid(r, meta.name ?? '', errs);
    if (this.store.get(r.resource, meta.namespace, meta.name!)) throw alreadyExists(r, meta.name!);
    for (const s of strategies) s.allocate?.('CREATE', obj, undefined, this);
    if (opts.dryRun) {
      for (const s of strategies) s.release?.(obj, this);
      return obj;
    } // dry-run allocators commit nothing
    // BeforeCreate fills the uid before Validate: a strategy that needs it (the Job's generated selector) draws it
    meta.uid = meta.uid && meta.uid !== clientUid ? meta.uid : this.rng.uuid();
    meta.creationTimestamp = this.clock.iso();
    if (GENERATION.has(r.resource) || r.custom) meta.generation = 1;
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    checkStoredSize(bytes);
    const stored = this.store.put(r.resource, obj) as T;
    if (r.resource === 'events') this.eventExpiry.written(stored);
    this.record('create', r, stored);
    return stored;
  }

  /** PUT: replaces the object; a set resourceVersion must match (optimistic concurrency). Status is kept. */
  update<T extends KObject>(input: T, opts: WriteOptions = {}): T {
    return this.write(input, false, opts);
  }

  /** PUT on /status: only the status changes. */
  updateStatus<T extends KObject>(input: T): T {
    return this.write(input, true);
  }

  /**
   * POST pods/binding: spec.nodeName and the PodScheduled=True condition in one write, with no pod-update
   * validation (pkg/registry/core/pod/storage BindingREST.assignPod, setPodHostAndAnnotations).
   */
  bind(namespace: string, name: string, nodeName: string): KObject {
    const r = this.info('pods');
    const current = this.get('pods', namespace, name);
    const binding = { ...r, resource: 'pods/binding' };
    if (current.metadata.deletionTimestamp)
      throw conflict(binding, name, `pod ${name} is being deleted, cannot be assigned to a host`);
    if (current.spec?.nodeName)
      throw conflict(binding, name, `pod ${name} is already assigned to node "${current.spec.nodeName}"`);
    const conditions = (current.status?.conditions ?? []).filter((c: any) => c.type !== 'PodScheduled');
    const old = current.status?.conditions?.find((c: any) => c.type === 'PodScheduled');
    const scheduled = {
      type: 'PodScheduled',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: old?.status === 'True' ? old.lastTransitionTime : this.clock.iso(),
    };
    const obj: KObject = {
      ...current,
      metadata: { ...current.metadata },
      spec: { ...current.spec, nodeName },
      status: { ...current.status, conditions: [...conditions, scheduled] },
    };
    const stored = this.store.put(r.resource, obj);
    this.record('bind', r, stored, nodeName);
    return stored;
  }

  /** PATCH, of the object, of its status only (subresource `status`), or of its Scale (subresource `scale`). */
  patch<T extends KObject = KObject>(
    resource: string,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    type: PatchType = 'strategic',
    opts: PatchOptions = {},
  ): T {
    // custom resources have no patch strategies to merge lists by
    if (type === 'strategic' && this.info(resource).custom)
      throw new StatusError(
        415,
        'UnsupportedMediaType',
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
      );
    if (opts.subresource === 'scale')
      return this.updateScale(
        resource,
        namespace,
        name,
        patched(this.getScale(resource, namespace, name), patch, type),
        opts,
      ) as T;
    checkRequestBody(patch);
    const current = this.get<T>(resource, namespace, name);
    return this.write(patched(current, patch, type), opts.subresource === 'status', opts, {
      kind: 'patch',
      type,
      patch,
      name,
      namespace: current.metadata.namespace,
    });
  }

  /** GET of a subresource: `status` answers the object, `scale` its Scale. */
  getSubresource(
    resource: string,
    namespace: string | undefined,
    name: string,
    subresource: 'status' | 'scale',
  ): KObject {
    return subresource === 'scale' ? this.getScale(resource, namespace, name) : this.get(resource, namespace, name);
  }

  /** GET <resource>/scale: the autoscaling/v1 Scale of a Deployment, ReplicaSet or StatefulSet (pkg/registry/apps/deployment/storage ScaleREST). */
  getScale(resource: string, namespace: string | undefined, name: string): KObject {
    const r = this.info(resource);
    // a resource without the subresource has no such path
    if (!SCALABLE.has(r.resource))
      throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    return scaleOf(this.get(resource, namespace, name));
  }

  /** PUT <resource>/scale: only spec.replicas changes; a resourceVersion given must be the object's. Answers the new Scale. */
  updateScale(
    resource: string,
    namespace: string | undefined,
    name: string,
    scale: KObject,
    opts: WriteOptions = {},
  ): KObject {
    const current = this.get(resource, namespace, name);
    this.getScale(resource, namespace, name);
    const replicas = scale?.spec?.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas))
      throw invalid(SCALE, name, [field.required('spec.replicas')]);
    if (replicas < 0)
      throw invalid(SCALE, name, [field.invalid('spec.replicas', replicas, 'must be greater than or equal to 0')]);
    const rv = scale.metadata?.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) throw conflict(this.info(resource), name);
    const next = clone(current);
    next.spec = { ...next.spec, replicas };
    delete next.metadata.resourceVersion;
    return scaleOf(this.write(next, false, opts));
  }

  /** POST pods/eviction: the pod is deleted unless a PodDisruptionBudget refuses (src/apiserver/eviction.ts). */
  evict(namespace: string, name: string, opts: DeleteOptions = {}): KObject {
    return evictPod(this, namespace, name, opts);
  }

  /**
   * A connection to a pod's subresource (exec, attach, portforward, log, proxy), which the apiserver proxies to the
   * pod's kubelet: the pod the kubelet serves it for. The request's method is what RBAC's verb is made of.
   */
  connect(
    namespace: string | undefined,
    name: string,
    _subresource: ConnectSubresource,
    _method: 'GET' | 'POST' = 'GET',
  ): KObject {
    return this.get('pods', namespace, name);
  }

  /** DELETE. Pods on a node get a grace period (the kubelet finishes them); finalizers hold an object. */
  delete<T extends KObject = KObject>(
    resource: string,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions = {},
  ): T {
    const r = this.info(resource);
    const current = this.get<T>(resource, namespace, name);
    for (const s of this.strategies.for(r.resource)) s.admitDelete?.(current, this);
    if (opts.uid && current.metadata.uid !== opts.uid)
      throw conflict(
        r,
        name,
        `Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${current.metadata.uid}`,
      );
    if (opts.dryRun) return current;
    const grace = this.graceFor(r, current, opts);
    const finalizers = [...(current.metadata.finalizers ?? [])];
    if (opts.propagationPolicy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    if (opts.propagationPolicy === 'Foreground' && !finalizers.includes('foregroundDeletion'))
      finalizers.push('foregroundDeletion');
    if (r.resource === 'namespaces' && current.metadata.deletionTimestamp && current.spec?.finalizers?.length)
      return current; // the namespace controller finishes it
    if (r.resource === 'namespaces' && !current.metadata.deletionTimestamp)
      return this.markDeleting(r, current, finalizers, 0, (o) => {
        o.status = { ...o.status, phase: 'Terminating' };
      });
    if (r.resource === 'customresourcedefinitions' && !current.metadata.deletionTimestamp) {
      // the first delete of a CRD holds it until its instances are gone (customresourcedefinition REST Delete)
      if (!finalizers.includes(CLEANUP_FINALIZER)) finalizers.push(CLEANUP_FINALIZER);
      return this.markDeleting(r, current, finalizers, 0, (o) =>
        setCRDCondition(o, TERMINATION_PENDING, this.clock.iso()),
      );
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

  private markDeleting<T extends KObject>(
    r: ResourceInfo,
    current: T,
    finalizers: string[],
    grace: number,
    extra?: (o: T) => void,
  ): T {
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

  private write<T extends KObject>(
    input: T,
    statusOnly: boolean,
    opts: WriteOptions = {},
    body: Body = { kind: 'body' },
  ): T {
    const r = this.resourceOf(input);
    // a status written by the control plane is not measured: only a patch can grow an object past etcd's limit
    const bytes = body.kind === 'body' && !statusOnly ? (this.reconciling ? 0 : checkRequestBody(input)) : undefined;
    // decoded first: nothing below reads a value of the wrong type
    const decoded = statusOnly ? undefined : this.decode(r, input, body, opts);
    const given = isObject((decoded ?? input).metadata) ? (decoded ?? input).metadata : {};
    let name: string, namespace: string | undefined;
    if (body.kind === 'patch') {
      ({ name, namespace } = body);
      if (decoded) checkName(decoded, name);
    } else {
      name = typeof given.name === 'string' ? given.name : '';
      namespace = r.namespaced ? (typeof given.namespace === 'string' && given.namespace) || 'default' : undefined;
    }
    const current = this.store.get(r.resource, namespace, name);
    if (!current) throw notFound(r, name);
    const rv = given.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) throw conflict(r, name);
    let obj: KObject;
    if (statusOnly) {
      // the store freezes what it keeps, so the new version shares the unchanged (frozen) parts of the old one
      const status = this.decode(
        r,
        { apiVersion: input.apiVersion, kind: input.kind, status: input.status } as KObject,
        body,
        opts,
        true,
      ).status;
      obj = { ...current, metadata: { ...current.metadata }, status: cloneUnfrozen(status) };
      canonicalize(r, obj);
    } else {
      obj = decoded!;
      obj.metadata ??= {};
      obj.apiVersion = apiVersionOf(r);
      obj.kind = r.kind;
      // metadata the server owns
      const m = obj.metadata,
        c = current.metadata;
      m.namespace = namespace;
      m.uid = c.uid;
      m.creationTimestamp = c.creationTimestamp;
      m.deletionTimestamp = c.deletionTimestamp;
      m.deletionGracePeriodSeconds = c.deletionGracePeriodSeconds;
      // requests cannot change the generation (rest.BeforeUpdate)
      if (c.generation !== undefined) m.generation = c.generation;
      else delete m.generation;
      if (STATUS_SUBRESOURCE.has(r.resource) || r.custom?.status) obj.status = clone(current.status);
      const strategies = this.strategies.for(r.resource);
      canonicalize(r, obj);
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
    if (
      obj.metadata.deletionTimestamp &&
      !obj.metadata.finalizers?.length &&
      (r.resource !== 'pods' || obj.metadata.deletionGracePeriodSeconds === 0) &&
      !(r.resource === 'namespaces' && obj.spec?.finalizers?.length)
    ) {
      return this.remove(r, obj as T);
    }
    shareWithStored(obj, current);
    if (
      equalExcept(obj, current, 'metadata') &&
      equalExcept(obj.metadata, current.metadata, 'resourceVersion', 'managedFields')
    )
      return current as T;
    delete obj.metadata.resourceVersion;
    if (!statusOnly || body.kind === 'patch') checkStoredSize(bytes ?? obj);
    const stored = this.store.put(r.resource, obj) as T;
    if (r.resource === 'events') this.eventExpiry.written(stored);
    this.record(statusOnly ? 'status' : 'update', r, stored);
    return stored;
  }

  /**
   * The body decoded into the kind's type (a copy: nothing the caller holds is changed), its unknown fields refused,
   * warned about or dropped as the client's fieldValidation asks; a custom resource's by its CRD's schema.
   */
  private decode(r: ResourceInfo, input: KObject, body: Body, opts: WriteOptions, shareFrozen = false): KObject {
    // a controller's, the scheduler's or a kubelet's write (a reconcile, through the typed client) is built by the
    // model's code from stored, decoded objects: copied as decoding would leave it, not checked again (decode/trusted.ts)
    if (this.reconciling && body.kind === 'body' && !opts.fieldValidation) return trustedCopy(r, input, shareFrozen);
    const strict = opts.fieldValidation === 'Strict';
    const { obj, unknown } = decodeObject(r, input, body, { strict, shareFrozen });
    if (obj === input) {
      const copy = shareFrozen ? input : clone(input);
      checkFields(r, copy, this.strategies.for(r.resource), opts);
      return copy;
    }
    if (opts.fieldValidation === 'Warn') for (const f of unknown) opts.warn?.(`unknown field "${f}"`);
    return obj;
  }

  private resourceOf(obj: KObject): ResourceInfo {
    if (!obj || typeof obj !== 'object' || Array.isArray(obj) || !obj.kind)
      throw badRequest("Object 'Kind' is missing in the object");
    // the version and kind are read first, into strings (runtime.SimpleMetaFactory Interpret)
    for (const f of ['apiVersion', 'kind'] as const) {
      if (obj[f] !== undefined && obj[f] !== null && typeof obj[f] !== 'string') {
        throw badRequest(
          `couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonKind(obj[f])} into Go struct field .${f} of type string`,
        );
      }
    }
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
      const resource = io.kind ? (this.resources.forKind(io.kind)?.resource ?? io.kind) : '';
      this.timeline.record({
        time: this.clock.now(),
        kind: 'event',
        verb: o.type,
        resource,
        namespace: io.namespace,
        name: io.name,
        reason: o.reason,
        message: o.message,
        actor: this.actor,
      });
    } else {
      this.timeline.record({
        time: this.clock.now(),
        kind: 'write',
        verb,
        resource: r.resource,
        namespace: o.metadata.namespace,
        name: o.metadata.name!,
        actor: this.actor,
        message,
        object: o,
      });
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
    throw badRequest(
      `${r.kind} in version "${version}" cannot be handled as a ${r.kind}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`,
    );
  }
  if (opts.fieldValidation === 'Warn') for (const f of unknown) opts.warn?.(`unknown field "${f}"`);
  for (const f of unknown) deletePath(obj, f);
}

/**
 * What decoding the body into the kind's type does beyond field names: quantities parsed and stored canonical; a
 * malformed one fails the request as the decoder's error (handlers transformDecodeError).
 */
function canonicalize(r: ResourceInfo, obj: KObject): void {
  if (r.custom) return;
  try {
    canonicalizeQuantities(obj);
  } catch (e) {
    if (!(e instanceof QuantityError)) throw e;
    const version = (obj.apiVersion ?? '').split('/').pop();
    throw badRequest(`${r.kind} in version "${version}" cannot be handled as a ${r.kind}: ${e.message}`);
  }
}

/** Deletes `a.b[0].c` (a `[key]` segment is a map key) from an object. */
function deletePath(obj: any, p: string): void {
  const segs = [...p.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)].map((m) => m[1] ?? m[2]);
  const last = segs.pop()!;
  let at = obj;
  for (const s of segs) {
    at = at?.[s];
    if (at === undefined || at === null) return;
  }
  if (at && typeof at === 'object') delete at[last];
}

/** A copy that shares frozen subtrees: they are stored values and can never change. */
function cloneUnfrozen<T>(o: T): T {
  if (o === null || typeof o !== 'object' || Object.isFrozen(o)) return o;
  if (Array.isArray(o)) return o.map(cloneUnfrozen) as T;
  const out: any = {};
  for (const k in o) setKey(out, k, cloneUnfrozen((o as any)[k]));
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
    else if (v !== current[k] && typeof v === 'object' && v !== null && shareUnchanged(v, current[k]))
      obj[k] = current[k];
  }
}

const isObject = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The URL names the object; the body must name the same one (handlers/rest.go checkName). */
function checkName(obj: KObject, name: string): void {
  const got = obj.metadata?.name;
  if (!got) throw badRequest(`the name of the object (${name} based on URL) was undeterminable: name must be provided`);
  if (got !== name) throw badRequest(`the name of the object (${got}) does not match the name on the URL (${name})`);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The object a patch of the given type makes of the current one: at the current resourceVersion, unless the patch
 * names one (`kubectl label --resource-version`), which the update then takes as its precondition (patch.go).
 */
export function patched<T extends KObject>(current: T, patch: unknown, type: PatchType): T {
  let next: any;
  if (type === 'merge') next = mergePatch(current, patch);
  else if (type === 'strategic') next = strategicMergePatch(current, patch);
  else next = jsonPatched(current, patch);
  // a patch that makes metadata something else is refused when the result is decoded
  if (isObject(next.metadata) && next.metadata.resourceVersion === undefined)
    next.metadata.resourceVersion = current.metadata.resourceVersion;
  return next;
}

/** A JSON patch as the apiserver answers it: 400 for a body that is no patch, one 422 for any operation that fails. */
function jsonPatched<T extends KObject>(current: T, patch: unknown): T {
  try {
    return applyJsonPatch(current, patch);
  } catch (e) {
    if (e instanceof JsonPatchDecodeError) throw badRequest(e.message);
    // NewGenericServerResponse(422, ...) keeps none of the library's text; the error's cause has it for a reader of the model
    if (e instanceof JsonPatchError)
      throw Object.assign(
        new StatusError(422, 'Invalid', 'the server rejected our request due to an error in our request'),
        { cause: e },
      );
    throw e;
  }
}

/** A workload's autoscaling/v1 Scale: spec.replicas, status.replicas and the selector as a string. */
function scaleOf(o: KObject): KObject {
  const { name, namespace, uid, resourceVersion, creationTimestamp } = o.metadata;
  const sel = o.spec?.selector;
  const selector = sel ? selectorToString(fromLabelSelector(sel)) : '';
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: o.spec?.replicas ?? 0 },
    status: { replicas: o.status?.replicas ?? 0, ...(selector && selector !== '<none>' ? { selector } : {}) },
  };
}
