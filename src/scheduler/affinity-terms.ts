// The existing pods' pod affinity terms as InterPodAffinity reads them, grouped by what decides their effect on
// an incoming pod: the term itself, the namespace of the pod that has it (the term's default namespace) and its
// weight. Each group counts its pods by the value of the term's topology key on their nodes, kept up to date as
// pods come and go and nodes are relabelled (as the scheduler's snapshot keeps its per-node state), so PreFilter
// and PreScore visit one group per distinct term instead of every pod with affinity.
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import type { KObject } from '../api/meta';

export interface AffinityTerm {
  labelSelector?: LabelSelector;
  namespaces?: string[];
  namespaceSelector?: LabelSelector;
  topologyKey: string;
}

/** HardPodAffinityWeight, the InterPodAffinityArgs default: what an existing pod's required affinity term that the
 *  incoming pod matches adds to its domain's score. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

export const requiredAffinity = (pod: KObject): AffinityTerm[] =>
  pod.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
export const requiredAntiAffinity = (pod: KObject): AffinityTerm[] =>
  pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];

/** Weighted terms (preferred affinity +, preferred anti-affinity -) as [term, signed weight]. */
export const weighted = (terms: WeightedPodAffinityTerm[] | undefined, sign: number): [AffinityTerm, number][] =>
  (terms ?? []).filter((w) => w.podAffinityTerm).map((w) => [w.podAffinityTerm, sign * w.weight]);

export interface TermGroup {
  term: AffinityTerm;
  /** a pod of the group: its namespace is the term's default one */
  owner: KObject;
  weight: number;
  /** topology value -> pods of the group on nodes with it */
  counts: Map<string, number>;
}

/** One pod's part in a group: the group and the topology value it was counted under (none: its node lacks the key). */
export type TermRef = [TermGroup, string | undefined];

export class TermGroups {
  readonly groups = new Map<string, TermGroup>();
  /** group -> pods in it (whatever their nodes' labels), to drop it when the last goes */
  private members = new Map<TermGroup, number>();

  /** Counts a pod with `term` (weight, owner) on a node whose topology value is `value`. */
  add(term: AffinityTerm, owner: KObject, weight: number, value: string | undefined): TermRef {
    const key = `${owner.metadata.namespace}\0${weight}\0${JSON.stringify(term)}`;
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { term, owner, weight, counts: new Map() }));
    this.members.set(g, (this.members.get(g) ?? 0) + 1);
    if (value !== undefined) g.counts.set(value, (g.counts.get(value) ?? 0) + 1);
    return [g, value];
  }

  remove([g, value]: TermRef): void {
    if (value !== undefined) {
      const n = (g.counts.get(value) ?? 0) - 1;
      if (n > 0) g.counts.set(value, n);
      else g.counts.delete(value);
    }
    const m = (this.members.get(g) ?? 0) - 1;
    if (m > 0) {
      this.members.set(g, m);
      return;
    }
    this.members.delete(g);
    for (const [k, x] of this.groups)
      if (x === g) {
        this.groups.delete(k);
        break;
      }
  }
}
