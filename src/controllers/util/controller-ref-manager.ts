// ClaimObject of pkg/controller/controller_ref_manager.go: a controller adopts orphans its selector matches
// and releases what it owns but no longer matches. Adoption and release are ownerReference patches.

import type { ApiServer } from '../../apiserver/apiserver';
import { type KObject, clone, controllerOf, controllerRef } from '../../api/meta';
import { type Selector, matches } from '../../api/selectors';
import { isStatusError } from '../../api/errors';
import { resourceForKind } from '../../api/kinds';

export class ControllerRefManager {
  private canAdoptChecked = false;

  constructor(
    private api: ApiServer,
    private controller: KObject,
    private selector: Selector,
  ) {}

  /** Returns the objects this controller owns after adopting and releasing (BaseControllerRefManager.ClaimObject). */
  claim(objects: readonly KObject[]): KObject[] {
    const out: KObject[] = [];
    for (const o of objects) {
      const claimed = this.claimObject(o);
      if (claimed) out.push(claimed);
    }
    return out;
  }

  private claimObject(obj: KObject): KObject | undefined {
    const c = this.controller;
    const ref = controllerOf(obj);
    const match = matches(this.selector, obj.metadata.labels);
    if (ref) {
      if (ref.uid !== c.metadata.uid) return undefined; // owned by someone else
      if (match) return obj; // ours, even while we are being deleted: claiming takes no action
      if (c.metadata.deletionTimestamp) return undefined;
      this.ignoreNotFound(() => this.release(obj));
      return undefined;
    }
    // an orphan
    if (c.metadata.deletionTimestamp || !match) return undefined;
    if (obj.metadata.deletionTimestamp) return undefined;
    if (c.metadata.namespace && c.metadata.namespace !== obj.metadata.namespace) return undefined;
    if (!this.canAdopt()) return undefined;
    return this.ignoreNotFound(() => this.adopt(obj));
  }

  /**
   * RecheckDeletionTimestamp: before the first adoption, a live GET confirms the controller still exists with
   * the same UID and is not being deleted (controller_ref_manager.go).
   */
  private canAdopt(): boolean {
    if (this.canAdoptChecked) return true;
    const c = this.controller;
    const fresh = this.api.tryGet(resourceForKind(c.kind!)!.resource, c.metadata.namespace, c.metadata.name!);
    if (!fresh || fresh.metadata.uid !== c.metadata.uid || fresh.metadata.deletionTimestamp) return false;
    this.canAdoptChecked = true;
    return true;
  }

  private adopt(obj: KObject): KObject {
    const o = clone(obj);
    o.metadata.ownerReferences = [...(o.metadata.ownerReferences ?? []), controllerRef(this.controller)];
    return this.api.update(o);
  }

  private release(obj: KObject): KObject {
    const o = clone(obj);
    const refs = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== this.controller.metadata.uid);
    if (refs.length) o.metadata.ownerReferences = refs;
    else delete o.metadata.ownerReferences;
    return this.api.update(o);
  }

  private ignoreNotFound<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (isStatusError(e) && e.reason === 'NotFound') return undefined;
      throw e;
    }
  }
}
