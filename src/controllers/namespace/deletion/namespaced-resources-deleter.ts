// pkg/controller/namespace/deletion/namespaced_resources_deleter.go: a terminating namespace loses all its
// content (deleted through the API, background propagation), reports progress in its status conditions, and
// once nothing is left the `kubernetes` finalizer is removed from spec.finalizers, which lets it go.

import type { NamespaceCondition } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../../apiserver/apiserver';
import { RESOURCES } from '../../../api/kinds';
import { type KObject, clone, deepEqual } from '../../../api/meta';
import { isStatusError } from '../../../api/errors';

export const FINALIZER_KUBERNETES = 'kubernetes';

/** Condition types in the order Update appends them, with their success reason and message. */
const OK: [string, string, string][] = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  [
    'NamespaceDeletionContentFailure',
    'ContentDeleted',
    'All content successfully deleted, may be waiting on finalization',
  ],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];

/** The namespaced resources, in the order the deleter walks them (discovery order). */
export const NAMESPACED = RESOURCES.filter((r) => r.namespaced);

export interface DeleteResult {
  remaining: number;
  estimateSeconds: number;
}

export class NamespacedResourcesDeleter {
  constructor(private api: ApiServer) {}

  /** Delete: one pass over a terminating namespace; remaining > 0 means call again when content goes. */
  delete(namespace: string): DeleteResult {
    const ns = this.api.tryGet('namespaces', undefined, namespace);
    if (!ns || !ns.metadata.deletionTimestamp) return { remaining: 0, estimateSeconds: 0 };
    if (!(ns.spec?.finalizers ?? []).includes(FINALIZER_KUBERNETES)) return { remaining: 0, estimateSeconds: 0 };
    const result = this.deleteAllContent(ns);
    if (result.remaining > 0) return result;
    this.finalizeNamespace(namespace);
    return result;
  }

  private deleteAllContent(ns: KObject): DeleteResult {
    const namespace = ns.metadata.name!;
    const remainingByResource = new Map<string, number>();
    const byFinalizer = new Map<string, number>();
    let estimate = 0;
    const namespaced = [...NAMESPACED, ...this.api.resources.customResources().filter((r) => r.namespaced)];
    for (const r of namespaced) {
      if (r.resource === 'events') continue; // events go last: deleting content records events about it
      this.deleteCollection(r.resource, namespace);
    }
    this.deleteCollection('events', namespace);
    for (const r of namespaced) {
      const left = this.api.select(r.resource, { namespace });
      if (!left.length) continue;
      remainingByResource.set(`${r.resource}.${r.group}`, left.length);
      for (const o of left) {
        for (const f of o.metadata.finalizers ?? []) byFinalizer.set(f, (byFinalizer.get(f) ?? 0) + 1);
        // estimateGracefulTermination: the longest grace period still running
        if (r.resource === 'pods' && o.metadata.deletionGracePeriodSeconds)
          estimate = Math.max(estimate, o.metadata.deletionGracePeriodSeconds);
      }
    }
    this.updateConditions(namespace, remainingByResource, byFinalizer);
    let remaining = 0;
    for (const n of remainingByResource.values()) remaining += n;
    return { remaining, estimateSeconds: estimate };
  }

  private deleteCollection(resource: string, namespace: string): void {
    for (const o of this.api.select(resource, { namespace })) {
      if (o.metadata.deletionTimestamp) continue;
      try {
        this.api.delete(resource, namespace, o.metadata.name!, { propagationPolicy: 'Background' });
      } catch (e) {
        if (!isStatusError(e) || e.reason !== 'NotFound') throw e;
      }
    }
  }

  /** namespaceConditionUpdater: ProcessContentTotals, then the success conditions for the rest. */
  private updateConditions(namespace: string, remaining: Map<string, number>, byFinalizer: Map<string, number>): void {
    const ns = this.api.tryGet('namespaces', undefined, namespace);
    if (!ns) return;
    const now = this.api.clock.iso();
    const fresh: NamespaceCondition[] = [];
    if (remaining.size) {
      const parts = [...remaining].map(([gr, n]) => `${gr} has ${n} resource instances`).sort();
      fresh.push({
        type: 'NamespaceContentRemaining',
        status: 'True',
        reason: 'SomeResourcesRemain',
        message: `Some resources are remaining: ${parts.join(', ')}`,
      });
    }
    if (byFinalizer.size) {
      const parts = [...byFinalizer].map(([f, n]) => `${f} in ${n} resource instances`).sort();
      fresh.push({
        type: 'NamespaceFinalizersRemaining',
        status: 'True',
        reason: 'SomeFinalizersRemain',
        message: `Some content in the namespace has finalizers remaining: ${parts.join(', ')}`,
      });
    }
    const wanted: NamespaceCondition[] = [];
    for (const [type, reason, message] of OK) {
      wanted.push(fresh.find((c) => c.type === type) ?? { type, status: 'False', reason, message });
    }
    const old: NamespaceCondition[] = ns.status?.conditions ?? [];
    const conditions = wanted.map((c) => {
      const prev = old.find((o) => o.type === c.type);
      const same = prev && prev.status === c.status && prev.reason === c.reason && prev.message === c.message;
      return same
        ? prev
        : { lastTransitionTime: now, message: c.message, reason: c.reason, status: c.status, type: c.type };
    });
    if (deepEqual(conditions, old)) return;
    const next = clone(ns);
    next.status = { ...next.status, conditions };
    this.api.updateStatus(next);
  }

  /** finalizeNamespace: drop our token from spec.finalizers (the /finalize subresource). */
  private finalizeNamespace(namespace: string): void {
    const ns = this.api.tryGet('namespaces', undefined, namespace);
    if (!ns) return;
    const next = clone(ns);
    next.spec = {
      ...next.spec,
      finalizers: (next.spec?.finalizers ?? []).filter((f: string) => f !== FINALIZER_KUBERNETES),
    };
    this.api.update(next);
  }
}
