// Job and CronJob validation (pkg/apis/batch/validation/validation.go: ValidateJobSpec, ValidateCronJobSpec),
// the rules a user meets most: the restartPolicy a Job allows, completions, parallelism, the selector and
// the schedule.

import { CronExpressionParser } from 'cron-parser';
import { FieldError, GoLiteral, field } from '../errors';
import { fromLabelSelector, matches } from '../selectors';
import { goStringMap, immutable, nonNegative, validateLabelSelector, goLabelSelector } from './common';
import { validatePodTemplateSpec } from './pod';
import { standardSchedule } from '../../controllers/cronjob/schedule';

function positive(v: unknown, f: string): FieldError[] {
  return typeof v === 'number' && v <= 0 ? [field.invalid(f, v, 'must be greater than 0')] : [];
}

function validateJobTemplate(spec: any, f: string, forCronJob: boolean): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec.parallelism, `${f}.parallelism`));
  errs.push(...nonNegative(spec.completions, `${f}.completions`));
  errs.push(...nonNegative(spec.backoffLimit, `${f}.backoffLimit`));
  errs.push(...positive(spec.activeDeadlineSeconds, `${f}.activeDeadlineSeconds`));
  errs.push(...nonNegative(spec.ttlSecondsAfterFinished, `${f}.ttlSecondsAfterFinished`));
  const mode = spec.completionMode;
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(field.notSupported(`${f}.completionMode`, mode, ['NonIndexed', 'Indexed']));
  if (mode === 'Indexed' && (spec.completions === undefined || spec.completions === null)) errs.push(field.required(`${f}.completions`, 'when completion mode is Indexed'));
  if (!forCronJob) {
    if (!spec.selector) errs.push(field.required(`${f}.selector`, ''));
    else {
      errs.push(...validateLabelSelector(spec.selector, `${f}.selector`));
      const labels = spec.template?.metadata?.labels;
      if (!matches(fromLabelSelector(spec.selector), labels)) errs.push(field.invalid(`${f}.template.metadata.labels`, new GoLiteral(goStringMap(labels)), '`selector` does not match template `labels`'));
    }
  }
  errs.push(...validatePodTemplateSpec(spec.template ?? {}, `${f}.template`));
  const rp = spec.template?.spec?.restartPolicy;
  if (rp !== 'OnFailure' && rp !== 'Never') errs.push(field.notSupported(`${f}.template.spec.restartPolicy`, rp ?? '', ['OnFailure', 'Never']));
  return errs;
}

export function validateJob(obj: any, old: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs = validateJobTemplate(spec, 'spec', false);
  if (old) {
    errs.push(...immutable(spec.selector, old.spec?.selector, 'spec.selector', goLabelSelector(spec.selector)));
    errs.push(...immutable(spec.completionMode, old.spec?.completionMode, 'spec.completionMode'));
    // the template may change only while the Job is suspended (and has not started)
    if (!old.spec?.suspend && JSON.stringify(spec.template) !== JSON.stringify(old.spec?.template)) {
      errs.push(field.invalid('spec.template', new GoLiteral('core.PodTemplateSpec{...}'), 'field is immutable'));
    }
  }
  return errs;
}

/** validateScheduleFormat: robfig/cron's ParseStandard, and no TZ inside the schedule. */
export function scheduleErrors(schedule: string | undefined, timeZone: string | undefined, f: string): FieldError[] {
  if (!schedule) return [field.required(`${f}.schedule`, '')];
  const errs: FieldError[] = [];
  if (/^(CRON_)?TZ=/.test(schedule)) errs.push(field.invalid(`${f}.schedule`, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  else {
    const problem = standardSchedule(schedule).error;
    if (problem) errs.push(field.invalid(`${f}.schedule`, schedule, problem));
  }
  if (timeZone !== undefined && timeZone !== null) {
    let ok = timeZone !== '' && !timeZone.includes(' ');
    try { if (ok) CronExpressionParser.parse('* * * * *', { tz: timeZone }).next(); } catch { ok = false; }
    if (!ok) errs.push(field.invalid(`${f}.timeZone`, timeZone, `unknown time zone ${timeZone}`));
  }
  return errs;
}

export function validateCronJob(obj: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs = scheduleErrors(spec.schedule, spec.timeZone, 'spec');
  const cp = spec.concurrencyPolicy;
  if (cp !== 'Allow' && cp !== 'Forbid' && cp !== 'Replace') errs.push(field.notSupported('spec.concurrencyPolicy', cp ?? '', ['Allow', 'Forbid', 'Replace']));
  errs.push(...nonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  if ((obj.metadata?.name ?? '').length > 52) errs.push(field.invalid('metadata.name', obj.metadata.name, 'must be no more than 52 characters'));
  errs.push(...validateJobTemplate(spec.jobTemplate?.spec ?? {}, 'spec.jobTemplate.spec', true));
  return errs;
}
