// Objects read from a live cluster, answered as the model's API server answers reads (get, select, info), so the
// model's own choices over them run unchanged: which pod a controller deletes first
// (src/scenario/owned-pods.ts) is decided for a live cluster by the same code as for the model.
import { resolveResource, type ResourceInfo } from '../api/kinds';
import type { KObject } from '../api/meta';
import { notFound } from '../api/errors';
import { matches, parseLabelSelector, type Selector } from '../api/selectors';
import type { ListOptions } from '../apiserver/apiserver';
import type { ObjectReader } from '../controllers/replicaset/pods-to-delete';

export class Snapshot implements ObjectReader {
  /** `now`: the wall clock's time, as the live controllers see it */
  constructor(
    private readonly objects: ReadonlyMap<string, readonly KObject[]>,
    readonly clock: { now(): number },
  ) {}

  info(resource: string): ResourceInfo {
    const r = resolveResource(resource);
    if (!r) throw new Error(`the server doesn't have a resource type "${resource}"`);
    return r;
  }

  get<T extends KObject = KObject>(resource: string, namespace: string | undefined, name: string): T {
    const r = this.info(resource);
    const o = this.select(r.resource, { namespace }).find((x) => x.metadata.name === name);
    if (!o) throw notFound(r, name);
    return o as T;
  }

  select<T extends KObject = KObject>(resource: string, opts: ListOptions = {}): T[] {
    const r = this.info(resource);
    // no selector selects everything; a nil one (fromLabelSelector(undefined)) nothing, as in the model
    const selector: Selector =
      opts.labelSelector === undefined
        ? []
        : typeof opts.labelSelector === 'string'
          ? parseLabelSelector(opts.labelSelector)
          : opts.labelSelector;
    return (this.objects.get(r.resource) ?? []).filter(
      (o) =>
        (!r.namespaced || opts.namespace === undefined || o.metadata.namespace === opts.namespace) &&
        (opts.ownerUid === undefined || (o.metadata.ownerReferences ?? []).some((ref) => ref.uid === opts.ownerUid)) &&
        (opts.nodeName === undefined || o.spec?.nodeName === opts.nodeName) &&
        matches(selector, o.metadata.labels),
    ) as T[];
  }
}
