// The scheduling framework's extension points (pkg/scheduler/framework/interface.go) as the model uses them:
// PreFilter once per attempt, Filter per node, (PreScore and) Score per feasible node with optional
// normalisation, each plugin weighted as apis/config/v1/default_plugins.go sets it; then, for the chosen node,
// Reserve and PreBind before the binding is written.
//
// For a plugin that provisions or binds something the pod needs on its node (VolumeBinding with
// WaitForFirstConsumer claims): PreFilter may reject the pod for every node (its message is the FailedScheduling
// text); Filter says why one node cannot serve it (UnschedulableAndUnresolvable when preemption cannot help);
// Reserve sets aside what the chosen node will give the pod and Unreserve gives it back if a later step fails;
// PreBind makes the API writes (pre-binding volumes, `volume.kubernetes.io/selected-node`) and answers 'Wait'
// while they are not done: the pod is then parked, without a failed attempt, until an event the plugin
// registers (its EVENTS, gathered in plugins/registry.ts) (a claim, volume or class changing) sends it back to be scheduled.
import type { ApiServer } from '../apiserver/apiserver';
import type { KObject } from '../api/meta';
import type { NodeInfo, PodState, Status } from './types';

/** The cluster events a plugin registers (EventsToRegister): each moves the pods that plugin rejected. */
export type ClusterEvent =
  | 'NodeAdd'
  | 'NodeAllocatable'
  | 'NodeLabel'
  | 'NodeTaint'
  | 'AssignedPodAdd'
  | 'AssignedPodUpdate'
  | 'AssignedPodDelete'
  | 'PersistentVolumeClaim'
  | 'PersistentVolume'
  | 'StorageClass';

export const MAX_NODE_SCORE = 100;

export interface PreFilterPlugin {
  readonly name: string;
  preFilter(state: PodState, api: ApiServer): Status | undefined;
}
export interface FilterPlugin {
  readonly name: string;
  /** PreFilter's Skip: the plugin has nothing to check for this pod, so Filter is not called */
  skip?(state: PodState): boolean;
  filter(state: PodState, node: NodeInfo, api: ApiServer): Status | undefined;
}
export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** PreScore's Skip: the plugin would score every node alike (or 0), so it is left out */
  skip?(state: PodState): boolean;
  /** PreScore, once per attempt with the feasible nodes */
  preScore?(state: PodState, nodes: NodeInfo[]): void;
  score(state: PodState, node: NodeInfo): number;
  /** Score for every node at once, into `scores` (what score gives each), for plugins whose per-attempt state is costly to look up */
  scoreNodes?(state: PodState, nodes: NodeInfo[], scores: number[]): void;
  /** NormalizeScore over the feasible nodes' scores (in the nodes' order), in place */
  normalize?(scores: number[], state: PodState, nodes: NodeInfo[]): void;
}

export interface ReservePlugin {
  readonly name: string;
  reserve(state: PodState, node: KObject, api: ApiServer): Status | undefined;
  unreserve?(state: PodState, node: KObject, api: ApiServer): void;
}
export interface PreBindPlugin {
  readonly name: string;
  preBind(state: PodState, node: KObject, api: ApiServer): 'Success' | 'Wait' | Status;
}

/** DefaultNormalizeScore (framework/plugins/helper/normalize_score.go): scale to 0..100, reversed if asked. */
export function defaultNormalizeScore(scores: number[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = Math.trunc((MAX_NODE_SCORE * scores[i]) / max);
    if (reverse) s = MAX_NODE_SCORE - s;
    scores[i] = s;
  }
}
