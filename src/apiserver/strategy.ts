// What a resource's REST storage does around a write, in the apiserver's order: defaults, mutating admission,
// validation, then storage-time allocation. Each area registers its own strategies for the resources it owns.

import type { KObject } from '../api/meta';
import type { FieldError } from '../api/errors';
import type { ApiServer } from './apiserver';

export type Operation = 'CREATE' | 'UPDATE';

export interface ResourceStrategy {
  /** Fields the kind does not know, as strict decoding reports them (`spec.foo`); checked when the client asks. */
  unknownFields?(obj: KObject): string[];
  /** SetDefaults_* for the kind (also run on update, as decoding does). */
  default?(obj: KObject, api: ApiServer): void;
  /** Mutating admission (ServiceAccount, DefaultTolerationSeconds, ...). May throw a StatusError. */
  admit?(op: Operation, obj: KObject, old: KObject | undefined, api: ApiServer): void;
  /** Admission on DELETE (NamespaceLifecycle's immortal namespaces, ...). May throw a StatusError. */
  admitDelete?(obj: KObject, api: ApiServer): void;
  /** Validation: field errors become one Invalid error. */
  validate?(obj: KObject, old: KObject | undefined, api: ApiServer): FieldError[];
  /** Allocation at storage time (ClusterIPs, NodePorts). May throw; runs last, so nothing is left half-applied. */
  allocate?(op: Operation, obj: KObject, old: KObject | undefined, api: ApiServer): void;
  /** Frees what allocate took, when the object goes. */
  release?(obj: KObject, api: ApiServer): void;
}

export class StrategyRegistry {
  private byResource = new Map<string, ResourceStrategy[]>();

  register(resource: string, s: ResourceStrategy): void {
    const list = this.byResource.get(resource) ?? [];
    list.push(s);
    this.byResource.set(resource, list);
  }

  /** A custom resource stops being served: its strategy goes with it. */
  unregister(resource: string): void {
    this.byResource.delete(resource);
  }

  for(resource: string): ResourceStrategy[] {
    return this.byResource.get(resource) ?? [];
  }
}
