// The scheduling framework's extension points (pkg/scheduler/framework/interface.go) as the model uses them:
// PreFilter once per attempt, Filter per node, Score per feasible node with optional normalisation, each
// plugin weighted as apis/config/v1/default_plugins.go sets it.
import type { ApiServer } from '../apiserver/apiserver';
import type { NodeInfo, PodState, Status } from './types';

export const MAX_NODE_SCORE = 100;

export interface PreFilterPlugin { readonly name: string; preFilter(state: PodState, api: ApiServer): Status | undefined }
export interface FilterPlugin { readonly name: string; filter(state: PodState, node: NodeInfo, api: ApiServer): Status | undefined }
export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** PreScore, once per attempt with the feasible nodes */
  preScore?(state: PodState, nodes: NodeInfo[]): void;
  score(state: PodState, node: NodeInfo): number;
  /** NormalizeScore over the feasible nodes' scores (in the nodes' order), in place */
  normalize?(scores: number[], state: PodState, nodes: NodeInfo[]): void;
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
