// pkg/controller/job/pod_failure_policy.go (v1.30): the first rule of spec.podFailurePolicy that a failed
// pod matches, by the exit code of a terminated container (onExitCodes) or by a pod condition
// (onPodConditions, e.g. DisruptionTarget), decides what its failure does: FailJob, Ignore (not counted
// against backoffLimit), Count, or FailIndex (with backoffLimitPerIndex).

import type { Draft, Pod } from '../../api/types';
import type { ContainerStatus, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import type {
  PodFailurePolicy,
  PodFailurePolicyOnExitCodesRequirement,
  PodFailurePolicyOnPodConditionsPattern,
} from 'kubernetes-types/batch/v1';

export type PodFailurePolicyAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';

export interface PodFailurePolicyMatch {
  /** the message of a matched FailJob rule */
  message?: string;
  /** whether the failure counts against backoffLimit (and backoffLimitPerIndex): false for Ignore */
  countFailed: boolean;
  action?: PodFailurePolicyAction;
}

/** matchPodFailurePolicy: the first matching rule's action, its FailJob message, and whether the failure counts. */
export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: Draft<Pod>): PodFailurePolicyMatch {
  if (!policy) return { countFailed: true };
  const ns = pod.metadata.namespace,
    name = pod.metadata.name;
  for (const [index, rule] of (policy.rules ?? []).entries()) {
    let message: string | undefined;
    if (rule.onExitCodes) {
      const c = matchOnExitCodes(pod.status ?? {}, rule.onExitCodes);
      if (!c) continue;
      message = `Container ${c.name} for pod ${ns}/${name} failed with exit code ${c.state!.terminated!.exitCode} matching ${rule.action} rule at index ${index}`;
    } else if (rule.onPodConditions) {
      const cond = matchOnPodConditions(pod.status ?? {}, rule.onPodConditions);
      if (!cond) continue;
      message = `Pod ${ns}/${name} has condition ${cond.type} matching ${rule.action} rule at index ${index}`;
    } else continue;
    switch (rule.action) {
      case 'Ignore':
        return { countFailed: false, action: 'Ignore' };
      case 'FailIndex':
        return { countFailed: true, action: 'FailIndex' };
      case 'Count':
        return { countFailed: true, action: 'Count' };
      case 'FailJob':
        return { message, countFailed: true, action: 'FailJob' };
    }
    // an unknown action matches nothing, as the Go switch falls out of it
  }
  return { countFailed: true };
}

/** matchOnExitCodes: a terminated container (then init container) whose non-zero exit code fits the requirement. */
function matchOnExitCodes(status: PodStatus, req: PodFailurePolicyOnExitCodesRequirement): ContainerStatus | undefined {
  return (
    matchingContainer(status.containerStatuses ?? [], req) ?? matchingContainer(status.initContainerStatuses ?? [], req)
  );
}

function matchingContainer(
  statuses: ContainerStatus[],
  req: PodFailurePolicyOnExitCodesRequirement,
): ContainerStatus | undefined {
  return statuses.find((c) => {
    const t = c.state?.terminated;
    if (!t) return false; // still terminating: no exit code to match
    if (req.containerName !== undefined && req.containerName !== null && req.containerName !== c.name) return false;
    return t.exitCode !== 0 && exitCodeMatches(t.exitCode, req);
  });
}

function exitCodeMatches(code: number, req: PodFailurePolicyOnExitCodesRequirement): boolean {
  const values: number[] = req.values ?? [];
  if (req.operator === 'In') return values.includes(code);
  if (req.operator === 'NotIn') return !values.includes(code);
  return false;
}

/** matchOnPodConditions: the first pod condition whose type and status a pattern names. */
function matchOnPodConditions(
  status: PodStatus,
  patterns: PodFailurePolicyOnPodConditionsPattern[],
): PodCondition | undefined {
  for (const c of status.conditions ?? []) {
    if (patterns.some((p) => p.type === c.type && p.status === c.status)) return c;
  }
  return undefined;
}
