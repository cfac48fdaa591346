// The scheduler cache (pkg/scheduler/internal/cache): a NodeInfo per node with the sums of its assigned pods'
// requests, kept up to date from watch events, and the node list in the order nodes joined (the node tree,
// without zones).
import type { ContainerImage, Taint } from 'kubernetes-types/core/v1';
import type { KObject } from '../api/meta';
import { deepEqual, objKey } from '../api/meta';
import { NodeInfo, type PodUsage, type Resources } from './types';
import { nodeResources, podRequests } from './plugins/noderesources/resource-allocation';
import { hostPorts } from './plugins/nodeports/node-ports';
import { type Selector, matches } from '../api/selectors';
import { pvcRefs } from '../api/storage/volume';
import {
  type AffinityTerm,
  HARD_POD_AFFINITY_WEIGHT,
  TermGroups,
  type TermRef,
  requiredAffinity,
  requiredAntiAffinity,
  weighted,
} from './affinity-terms';

export class SchedulerCache {
  private infos = new Map<string, NodeInfo>();
  private podNode = new Map<string, PodUsage>();
  /** nodes with a Node object, in insertion order */
  nodeList: NodeInfo[] = [];
  /** assigned pods with required pod anti-affinity (InterPodAffinity checks them against every incoming pod) */
  readonly antiAffinityPods = new Set<PodUsage>();
  /** assigned pods with any pod affinity or anti-affinity term (PodsWithAffinity, for InterPodAffinity's Score) */
  readonly affinityPods = new Set<PodUsage>();
  /** existing pods' required anti-affinity terms (InterPodAffinity's PreFilter) */
  readonly antiTerms = new TermGroups();
  /** existing pods' terms that score an incoming pod they match: required affinity (HardPodAffinityWeight),
   *  preferred affinity (+weight) and preferred anti-affinity (-weight) (InterPodAffinity's PreScore) */
  readonly scoreTerms = new TermGroups();
  /** pod -> its parts in the term groups */
  private termRefs = new Map<PodUsage, [TermGroups, TermRef][]>();

  private countTerms(u: PodUsage, sign: 1 | -1): void {
    if (sign < 0) {
      for (const [set, ref] of this.termRefs.get(u) ?? []) set.remove(ref);
      this.termRefs.delete(u);
      return;
    }
    const pod = u.pod;
    if (!pod || !hasPodAffinity(pod)) return;
    const labels = this.infos.get(u.node)?.node?.metadata.labels;
    const refs: [TermGroups, TermRef][] = [];
    const add = (set: TermGroups, term: AffinityTerm, weight: number) =>
      refs.push([set, set.add(term, pod, weight, labels?.[term.topologyKey])]);
    for (const t of requiredAntiAffinity(pod)) add(this.antiTerms, t, 0);
    for (const t of requiredAffinity(pod)) add(this.scoreTerms, t, HARD_POD_AFFINITY_WEIGHT);
    for (const [t, w] of weighted(pod.spec.affinity.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution, 1))
      add(this.scoreTerms, t, w);
    for (const [t, w] of weighted(
      pod.spec.affinity.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution,
      -1,
    ))
      add(this.scoreTerms, t, w);
    this.termRefs.set(u, refs);
  }

  /** The node's labels changed (or it came or went): its pods' terms are counted under its new topology values. */
  private recountTerms(info: NodeInfo, change: () => void): void {
    const pods = [...info.pods.values()].filter((u) => this.termRefs.has(u));
    for (const u of pods) this.countTerms(u, -1);
    change();
    for (const u of pods) this.countTerms(u, 1);
  }

  /** image name -> the nodes whose status lists it (ImageLocality's spread) */
  private imageNodes = new Map<string, Set<string>>();

  /** `<namespace>/<claim>` -> the assigned pods whose persistentVolumeClaim volumes name it (IsPVCUsedByPods) */
  private claimUsers = new Map<string, number>();
  pvcUsers(claim: string): number {
    return this.claimUsers.get(claim) ?? 0;
  }
  private countClaims(pod: KObject | undefined, sign: number): void {
    for (const c of pod ? pvcRefs(pod) : []) {
      const n = (this.claimUsers.get(c) ?? 0) + sign;
      if (n) this.claimUsers.set(c, n);
      else this.claimUsers.delete(c);
    }
  }

  nodesWithImage(name: string): number {
    return this.imageNodes.get(name)?.size ?? 0;
  }

  private setImages(name: string, images: ContainerImage[] | undefined): void {
    // only the names the node reported before are looked at, not every image of the cluster
    for (const i of this.infos.get(name)?.node?.status?.images ?? [])
      for (const img of i.names ?? []) {
        const nodes = this.imageNodes.get(img);
        if (nodes) {
          nodes.delete(name);
          if (!nodes.size) this.imageNodes.delete(img);
        }
      }
    for (const i of images ?? [])
      for (const n of i.names ?? []) {
        const set = this.imageNodes.get(n) ?? new Set<string>();
        set.add(name);
        this.imageNodes.set(n, set);
      }
  }

  info(name: string): NodeInfo | undefined {
    return this.infos.get(name);
  }

  private infoFor(name: string): NodeInfo {
    let i = this.infos.get(name);
    if (!i) this.infos.set(name, (i = new NodeInfo(name)));
    return i;
  }

  /** namespace -> its assigned pods */
  private byNamespace = new Map<string, Set<PodUsage>>();

  /**
   * Pods per node that a selector matches in a namespace, for the selectors PodTopologySpread has asked about,
   * by namespace: kept up to date as pods come and go (a pod write visits only its namespace's selectors), so
   * scoring a node is one lookup instead of a pass over its pods, and a new selector counts only its namespace.
   */
  private spreadCounts = new Map<string, Map<string, { selector: Selector; perNode: Map<string, number> }>>();

  matchingPodsPerNode(namespace: string, selector: Selector): Map<string, number> {
    const key = JSON.stringify(selector);
    let inNamespace = this.spreadCounts.get(namespace);
    if (!inNamespace) this.spreadCounts.set(namespace, (inNamespace = new Map()));
    let entry = inNamespace.get(key);
    if (!entry) {
      entry = { selector, perNode: new Map() };
      for (const u of this.byNamespace.get(namespace) ?? []) {
        if (u.pod && counted(u.pod, namespace, selector))
          entry.perNode.set(u.node, (entry.perNode.get(u.node) ?? 0) + 1);
      }
      inNamespace.set(key, entry);
    }
    return entry.perNode;
  }

  private countSpread(u: PodUsage, sign: number): void {
    const ns = u.pod?.metadata.namespace;
    const entries = ns === undefined ? undefined : this.spreadCounts.get(ns);
    if (!entries) return;
    for (const e of entries.values()) {
      if (counted(u.pod!, ns!, e.selector)) {
        const n = (e.perNode.get(u.node) ?? 0) + sign;
        if (n) e.perNode.set(u.node, n);
        else e.perNode.delete(u.node);
      }
    }
  }

  /** label key -> value -> how many nodes carry it (for PodTopologySpread's domain counts) */
  private labelValues = new Map<string, Map<string, number>>();
  /** label key -> how many nodes carry it (the sum of its values' counts, kept beside them) */
  private labelNodes = new Map<string, number>();

  /**
   * How many nodes carry the label key and how many distinct values it has among them: when the two are equal
   * (hostnames) any set of nodes has as many domains as nodes with the key, and when every node has it, as
   * many as nodes; with no node having it, none.
   */
  labelStats(key: string): { nodes: number; values: number } {
    return { nodes: this.labelNodes.get(key) ?? 0, values: this.labelValues.get(key)?.size ?? 0 };
  }

  private countLabels(labels: Record<string, string> | undefined, sign: number): void {
    for (const k in labels) {
      let values = this.labelValues.get(k);
      if (!values) this.labelValues.set(k, (values = new Map()));
      const n = (values.get(labels[k]) ?? 0) + sign;
      if (n) values.set(labels[k], n);
      else values.delete(labels[k]);
      if (!values.size) this.labelValues.delete(k);
      const nodes = (this.labelNodes.get(k) ?? 0) + sign;
      if (nodes) this.labelNodes.set(k, nodes);
      else this.labelNodes.delete(k);
    }
  }

  /** nodes with a PreferNoSchedule taint: without any, TaintToleration scores every node alike */
  readonly preferNoScheduleNodes = new Set<string>();
  /** nodes with a NoSchedule or NoExecute taint: without any, TaintToleration's filter passes every node */
  readonly noScheduleNodes = new Set<string>();
  /** cordoned nodes: without any, NodeUnschedulable's filter passes every node */
  readonly unschedulableNodes = new Set<string>();

  setNode(node: KObject): void {
    const info = this.infoFor(node.metadata.name!);
    const taints: Taint[] = node.spec?.taints ?? [];
    mark(
      this.preferNoScheduleNodes,
      info.name,
      taints.some((t) => t.effect === 'PreferNoSchedule'),
    );
    mark(
      this.noScheduleNodes,
      info.name,
      taints.some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'),
    );
    mark(this.unschedulableNodes, info.name, !!node.spec?.unschedulable);
    if (!info.node) this.nodeList.push(info);
    if (!deepEqual(info.node?.status?.images, node.status?.images)) this.setImages(info.name, node.status?.images);
    if (info.node?.metadata.labels !== node.metadata.labels) {
      this.countLabels(info.node?.metadata.labels, -1);
      this.countLabels(node.metadata.labels, 1);
      this.recountTerms(info, () => {
        info.node = node;
      });
    }
    info.node = node;
    info.allocatable = nodeResources(node.status?.allocatable);
  }

  removeNode(name: string): void {
    const info = this.infos.get(name);
    if (!info) return;
    this.countLabels(info.node?.metadata.labels, -1);
    this.recountTerms(info, () => {
      info.node = undefined;
    });
    this.setImages(name, undefined);
    this.preferNoScheduleNodes.delete(name);
    this.noScheduleNodes.delete(name);
    this.unschedulableNodes.delete(name);
    this.nodeList = this.nodeList.filter((n) => n !== info);
    if (!info.pods.size) this.infos.delete(name);
  }

  /** The requests of the pod being bound, set around its binding: the watch event of the binding reuses them. */
  assumed?: { uid: string; requested: Resources; nonZero: Resources };

  /** An assigned, non-terminal pod: counted once on its node (requests and ports are immutable). */
  addPod(pod: KObject): void {
    const key = objKey(pod);
    const node = pod.spec.nodeName as string;
    const had = this.podNode.get(key);
    if (had && had.uid === pod.metadata.uid && had.node === node) {
      // labels and deletion may change what it counts for (a status write shares the labels it left unchanged)
      const was = had.pod?.metadata;
      if (
        had.pod !== pod &&
        this.spreadCounts.has(pod.metadata.namespace!) &&
        (was?.labels !== pod.metadata.labels || !was?.deletionTimestamp !== !pod.metadata.deletionTimestamp)
      ) {
        this.countSpread(had, -1);
        had.pod = pod;
        this.countSpread(had, 1);
      }
      had.pod = pod;
      return;
    }
    if (had) this.removePod(key);
    // the pod the scheduler is binding: its requests were summed for the attempt (AssumePod)
    const assumed = this.assumed?.uid === pod.metadata.uid ? this.assumed : undefined;
    const u: PodUsage = {
      key,
      uid: pod.metadata.uid!,
      node,
      requested: assumed?.requested ?? podRequests(pod.spec),
      nonZero: assumed?.nonZero ?? podRequests(pod.spec, true),
      priority: pod.spec.priority ?? 0,
      pod,
      ports: hostPorts(pod),
    };
    this.podNode.set(key, u);
    let inNamespace = this.byNamespace.get(pod.metadata.namespace!);
    if (!inNamespace) this.byNamespace.set(pod.metadata.namespace!, (inNamespace = new Set()));
    inNamespace.add(u);
    this.infoFor(node).add(u);
    this.countClaims(pod, 1);
    this.countSpread(u, 1);
    if (pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length)
      this.antiAffinityPods.add(u);
    if (hasPodAffinity(pod)) this.affinityPods.add(u);
    this.countTerms(u, 1);
  }

  removePod(key: string): boolean {
    const u = this.podNode.get(key);
    if (!u) return false;
    this.podNode.delete(key);
    const ns = u.pod?.metadata.namespace;
    const inNamespace = ns === undefined ? undefined : this.byNamespace.get(ns);
    this.countSpread(u, -1);
    // the last pod of a namespace gone: its counts are all zero, and are dropped rather than kept forever
    if (inNamespace) {
      inNamespace.delete(u);
      if (!inNamespace.size) {
        this.byNamespace.delete(ns!);
        this.spreadCounts.delete(ns!);
      }
    }
    this.countClaims(u.pod, -1);
    this.antiAffinityPods.delete(u);
    this.affinityPods.delete(u);
    this.countTerms(u, -1);
    const info = this.infos.get(u.node);
    info?.remove(key);
    if (info && !info.node && !info.pods.size) this.infos.delete(u.node);
    return true;
  }
}

function mark(set: Set<string>, name: string, on: boolean): void {
  if (on) set.add(name);
  else set.delete(name);
}

/** Whether the pod has a pod affinity or anti-affinity term, required or preferred (framework.NodeInfo.PodsWithAffinity). */
function hasPodAffinity(pod: KObject): boolean {
  const a = pod.spec?.affinity;
  return [a?.podAffinity, a?.podAntiAffinity].some(
    (x) =>
      x?.requiredDuringSchedulingIgnoredDuringExecution?.length ||
      x?.preferredDuringSchedulingIgnoredDuringExecution?.length,
  );
}

/** countPodsMatchSelector's test: same namespace, not terminating, selected. */
function counted(pod: KObject, namespace: string, selector: Selector): boolean {
  return (
    pod.metadata.namespace === namespace && !pod.metadata.deletionTimestamp && matches(selector, pod.metadata.labels)
  );
}
