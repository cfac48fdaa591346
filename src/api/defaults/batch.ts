// Job and CronJob defaults (pkg/apis/batch/v1/defaults.go: SetDefaults_Job, SetDefaults_CronJob, with
// JobPodReplacementPolicy on as in v1.30). A CronJob's jobTemplate gets only the pod template's defaults.
import { defaultTemplate } from './apps-sets';

const unset = (v: unknown) => v === undefined || v === null;

export function defaultJob(o: any): void {
  const spec = o.spec ?? (o.spec = {});
  if (unset(spec.completions) && unset(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (unset(spec.parallelism)) spec.parallelism = 1;
  if (unset(spec.backoffLimit)) spec.backoffLimit = unset(spec.backoffLimitPerIndex) ? 6 : 2147483647;
  const labels = spec.template?.metadata?.labels;
  if (labels && !Object.keys(o.metadata?.labels ?? {}).length) (o.metadata ??= {}).labels = { ...labels };
  if (!spec.completionMode) spec.completionMode = 'NonIndexed';
  if (unset(spec.suspend)) spec.suspend = false;
  if (!spec.podReplacementPolicy) spec.podReplacementPolicy = spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  // an onPodConditions pattern without a status matches the condition being True
  for (const rule of spec.podFailurePolicy?.rules ?? [])
    for (const p of rule?.onPodConditions ?? []) if (p && !p.status) p.status = 'True';
  defaultTemplate(spec);
}

export function defaultCronJob(o: any): void {
  const spec = o.spec ?? (o.spec = {});
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
  if (unset(spec.suspend)) spec.suspend = false;
  if (unset(spec.successfulJobsHistoryLimit)) spec.successfulJobsHistoryLimit = 3;
  if (unset(spec.failedJobsHistoryLimit)) spec.failedJobsHistoryLimit = 1;
  const jt = spec.jobTemplate ?? (spec.jobTemplate = {});
  defaultTemplate(jt.spec ?? (jt.spec = {}));
}
