// Job and CronJob validation (pkg/apis/batch/validation/validation.go: ValidateJobSpec, ValidateCronJobSpec),
// the rules a user meets most: the restartPolicy a Job allows, completions, parallelism, the selector, the
// pod failure policy, the backoff limit per index and the schedule.

import { CronExpressionParser } from 'cron-parser';
import { type FieldError, GoLiteral, field } from '../errors';
import { fromLabelSelector, matches } from '../selectors';
import { immutable, nonNegative, validateLabelSelector, goLabelSelector, isSet } from './common';
import { goStringMap } from '../../util/go/fmt';
import { qualifiedName } from './meta';
import { validatePodTemplateSpec } from './pod';
import { standardSchedule } from '../../util/cron';

function positive(v: unknown, f: string): FieldError[] {
  return typeof v === 'number' && v <= 0 ? [field.invalid(f, v, 'must be greater than 0')] : [];
}

const MAX_FAILED_INDEXES = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS = 10_000;
const MAX_POD_FAILURE_POLICY_RULES = 20;
const MAX_ON_EXIT_CODES_VALUES = 255;
const MAX_ON_POD_CONDITIONS_PATTERNS = 20;
const POD_FAILURE_POLICY_ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];

/** backoffLimitPerIndex and maxFailedIndexes: Indexed Jobs only, within completions. */
function validateBackoffLimitPerIndex(spec: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  const perIndex: number | undefined = spec.backoffLimitPerIndex,
    maxFailed: number | undefined = spec.maxFailedIndexes;
  errs.push(...nonNegative(perIndex, `${f}.backoffLimitPerIndex`));
  if (isSet(maxFailed)) {
    errs.push(...nonNegative(maxFailed, `${f}.maxFailedIndexes`));
    if (!isSet(perIndex)) errs.push(field.required(`${f}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'));
  }
  if (spec.completionMode === 'Indexed') {
    if (isSet(spec.completions) && isSet(maxFailed) && maxFailed > spec.completions)
      errs.push(field.invalid(`${f}.maxFailedIndexes`, maxFailed, 'must be less than or equal to completions'));
    if (isSet(maxFailed) && maxFailed > MAX_FAILED_INDEXES)
      errs.push(
        field.invalid(`${f}.maxFailedIndexes`, maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES}`),
      );
    if (isSet(spec.completions) && spec.completions > COMPLETIONS_SOFT_LIMIT && isSet(perIndex)) {
      const high = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
      if (!isSet(maxFailed))
        errs.push(
          field.required(
            `${f}.maxFailedIndexes`,
            `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`,
          ),
        );
      if (isSet(spec.parallelism) && spec.parallelism > PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS)
        errs.push(
          field.invalid(
            `${f}.parallelism`,
            spec.parallelism,
            `must be less than or equal to ${PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS} ${high}`,
          ),
        );
      if (isSet(maxFailed) && maxFailed > MAX_FAILED_INDEXES)
        errs.push(
          field.invalid(
            `${f}.maxFailedIndexes`,
            maxFailed,
            `must be less than or equal to ${MAX_FAILED_INDEXES} ${high}`,
          ),
        );
    }
  } else {
    if (isSet(perIndex))
      errs.push(field.invalid(`${f}.backoffLimitPerIndex`, perIndex, 'requires indexed completion mode'));
    if (isSet(maxFailed))
      errs.push(field.invalid(`${f}.maxFailedIndexes`, maxFailed, 'requires indexed completion mode'));
  }
  return errs;
}

const int32s = (vs: number[]) => new GoLiteral(`[]int32{${vs.join(', ')}}`);

/** validatePodFailurePolicy: at most 20 rules, each with an action and one of onExitCodes / onPodConditions. */
function validatePodFailurePolicy(spec: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  const rules: any[] = spec.podFailurePolicy.rules ?? [];
  if (rules.length > MAX_POD_FAILURE_POLICY_RULES)
    errs.push(field.tooMany(`${f}.rules`, rules.length, MAX_POD_FAILURE_POLICY_RULES));
  const t = spec.template?.spec ?? {};
  const names = new Set([...(t.containers ?? []), ...(t.initContainers ?? [])].map((c: any) => c.name));
  rules.forEach((rule, i) => {
    const rf = `${f}.rules[${i}]`;
    const action = rule?.action;
    if (!action)
      errs.push(
        field.required(
          `${rf}.action`,
          `valid values: [${POD_FAILURE_POLICY_ACTIONS.map((a) => JSON.stringify(a)).join(' ')}]`,
        ),
      );
    else if (action === 'FailIndex') {
      if (!isSet(spec.backoffLimitPerIndex))
        errs.push(field.invalid(`${rf}.action`, action, 'requires the backoffLimitPerIndex to be set'));
    } else if (!POD_FAILURE_POLICY_ACTIONS.includes(action))
      errs.push(field.notSupported(`${rf}.action`, action, POD_FAILURE_POLICY_ACTIONS));
    const onExit = rule?.onExitCodes,
      onConds: any[] = rule?.onPodConditions ?? [];
    if (isSet(onExit)) errs.push(...validateOnExitCodes(onExit, `${rf}.onExitCodes`, names));
    if (onConds.length) errs.push(...validateOnPodConditions(onConds, `${rf}.onPodConditions`));
    if (isSet(onExit) && onConds.length)
      errs.push(field.invalidOmitValue(rf, 'specifying both OnExitCodes and OnPodConditions is not supported'));
    if (!isSet(onExit) && !onConds.length)
      errs.push(field.invalidOmitValue(rf, 'specifying one of OnExitCodes and OnPodConditions is required'));
  });
  return errs;
}

function validateOnExitCodes(req: any, f: string, containerNames: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const ops = ['In', 'NotIn'];
  if (!req.operator)
    errs.push(field.required(`${f}.operator`, `valid values: [${ops.map((o) => JSON.stringify(o)).join(' ')}]`));
  else if (!ops.includes(req.operator)) errs.push(field.notSupported(`${f}.operator`, req.operator, ops));
  if (isSet(req.containerName) && !containerNames.has(req.containerName))
    errs.push(
      field.invalid(
        `${f}.containerName`,
        req.containerName,
        'must be one of the container or initContainer names in the pod template',
      ),
    );
  const values: number[] = req.values ?? [];
  if (!values.length) errs.push(field.invalid(`${f}.values`, int32s(values), 'at least one value is required'));
  else if (values.length > MAX_ON_EXIT_CODES_VALUES)
    errs.push(field.tooMany(`${f}.values`, values.length, MAX_ON_EXIT_CODES_VALUES));
  const seen = new Set<number>();
  let ordered = true;
  values.forEach((v, j) => {
    if (req.operator === 'In' && v === 0)
      errs.push(field.invalid(`${f}.values[${j}]`, v, 'must not be 0 for the In operator'));
    if (seen.has(v)) errs.push(field.duplicate(`${f}.values[${j}]`, v));
    else seen.add(v);
    if (j > 0 && values[j - 1] > v) ordered = false;
  });
  if (!ordered) errs.push(field.invalid(`${f}.values`, int32s(values), 'must be ordered'));
  return errs;
}

function validateOnPodConditions(patterns: any[], f: string): FieldError[] {
  const errs: FieldError[] = [];
  const statuses = ['False', 'True', 'Unknown'];
  if (patterns.length > MAX_ON_POD_CONDITIONS_PATTERNS)
    errs.push(field.tooMany(f, patterns.length, MAX_ON_POD_CONDITIONS_PATTERNS));
  patterns.forEach((p, j) => {
    errs.push(...qualifiedName(`${f}[${j}].type`, p?.type ?? ''));
    if (!p?.status)
      errs.push(
        field.required(`${f}[${j}].status`, `valid values: [${statuses.map((s) => JSON.stringify(s)).join(' ')}]`),
      );
    else if (!statuses.includes(p.status)) errs.push(field.notSupported(`${f}[${j}].status`, p.status, statuses));
  });
  return errs;
}

/** validatePodReplacementPolicy: with a pod failure policy only Failed is allowed. */
function validatePodReplacementPolicy(spec: any, f: string): FieldError[] {
  const v = spec.podReplacementPolicy;
  if (!isSet(v)) return [];
  if (spec.podFailurePolicy) return v === 'Failed' ? [] : [field.notSupported(f, v, ['Failed'])];
  return v === 'Failed' || v === 'TerminatingOrFailed'
    ? []
    : [field.notSupported(f, v, ['Failed', 'TerminatingOrFailed'])];
}

function validateJobTemplate(spec: any, f: string, forCronJob: boolean): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec.parallelism, `${f}.parallelism`));
  errs.push(...nonNegative(spec.completions, `${f}.completions`));
  errs.push(...nonNegative(spec.backoffLimit, `${f}.backoffLimit`));
  errs.push(...positive(spec.activeDeadlineSeconds, `${f}.activeDeadlineSeconds`));
  errs.push(...nonNegative(spec.ttlSecondsAfterFinished, `${f}.ttlSecondsAfterFinished`));
  const mode = spec.completionMode;
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed')
    errs.push(field.notSupported(`${f}.completionMode`, mode, ['NonIndexed', 'Indexed']));
  if (mode === 'Indexed' && (spec.completions === undefined || spec.completions === null))
    errs.push(field.required(`${f}.completions`, 'when completion mode is Indexed'));
  errs.push(...validateBackoffLimitPerIndex(spec, f));
  if (spec.podFailurePolicy) errs.push(...validatePodFailurePolicy(spec, `${f}.podFailurePolicy`));
  errs.push(...validatePodReplacementPolicy(spec, `${f}.podReplacementPolicy`));
  if (!forCronJob) {
    if (!spec.selector) errs.push(field.required(`${f}.selector`, ''));
    else {
      errs.push(...validateLabelSelector(spec.selector, `${f}.selector`));
      const labels = spec.template?.metadata?.labels;
      if (!matches(fromLabelSelector(spec.selector), labels))
        errs.push(
          field.invalid(
            `${f}.template.metadata.labels`,
            new GoLiteral(goStringMap(labels)),
            '`selector` does not match template `labels`',
          ),
        );
    }
  }
  errs.push(...validatePodTemplateSpec(spec.template ?? {}, `${f}.template`));
  const rp = spec.template?.spec?.restartPolicy;
  // the pod defaults restartPolicy to Always, so Always and empty both mean "choose one" (validateJobPodTemplateSpec)
  if (rp === 'Always' || !rp)
    errs.push(field.required(`${f}.template.spec.restartPolicy`, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never')
    errs.push(field.notSupported(`${f}.template.spec.restartPolicy`, rp, ['OnFailure', 'Never']));
  else if (spec.podFailurePolicy && rp !== 'Never')
    errs.push(
      field.invalid(
        `${f}.template.spec.restartPolicy`,
        rp,
        'only "Never" is supported when podFailurePolicy is specified',
      ),
    );
  return errs;
}

export function validateJob(obj: any, old: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs = validateJobTemplate(spec, 'spec', false);
  if (old) {
    // ValidateJobSpecUpdate, in its order
    errs.push(...validateCompletionsUpdate(spec, old.spec ?? {}));
    errs.push(...immutable(spec.selector, old.spec?.selector, 'spec.selector', goLabelSelector(spec.selector)));
    // the template may change only while the Job is suspended (and has not started)
    if (!old.spec?.suspend && JSON.stringify(spec.template) !== JSON.stringify(old.spec?.template)) {
      errs.push(field.invalid('spec.template', new GoLiteral('core.PodTemplateSpec{...}'), 'field is immutable'));
    }
    errs.push(...immutable(spec.completionMode, old.spec?.completionMode, 'spec.completionMode'));
    errs.push(
      ...immutable(
        spec.podFailurePolicy,
        old.spec?.podFailurePolicy,
        'spec.podFailurePolicy',
        spec.podFailurePolicy ? new GoLiteral('batch.PodFailurePolicy{...}') : undefined,
      ),
    );
    errs.push(...immutable(spec.backoffLimitPerIndex, old.spec?.backoffLimitPerIndex, 'spec.backoffLimitPerIndex'));
  }
  return errs;
}

/**
 * validateCompletions (ElasticIndexedJob, on by default since 1.27): completions are immutable, except that an
 * Indexed Job may change them together with parallelism (the new completions equal to the new parallelism).
 */
function validateCompletionsUpdate(spec: any, old: any): FieldError[] {
  const indexed = spec.completionMode === 'Indexed';
  // a nil pointer prints as the string "null" (field.Error's ErrorBody)
  if (!indexed)
    return immutable(spec.completions ?? null, old.completions ?? null, 'spec.completions', spec.completions ?? 'null');
  if (spec.completions === old.completions || !isSet(spec.completions)) return []; // a nil is ValidateJobSpec's error
  return spec.completions !== spec.parallelism
    ? [field.invalid('spec.completions', spec.completions, 'can only be modified in tandem with spec.parallelism')]
    : [];
}

/** validateScheduleFormat: robfig/cron's ParseStandard, and no TZ inside the schedule. */
export function scheduleErrors(schedule: string | undefined, timeZone: string | undefined, f: string): FieldError[] {
  if (!schedule) return [field.required(`${f}.schedule`, '')];
  const errs: FieldError[] = [];
  if (/^(CRON_)?TZ=/.test(schedule))
    errs.push(
      field.invalid(`${f}.schedule`, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'),
    );
  else {
    const problem = standardSchedule(schedule).error;
    if (problem) errs.push(field.invalid(`${f}.schedule`, schedule, problem));
  }
  if (timeZone !== undefined && timeZone !== null) {
    let ok = timeZone !== '' && !timeZone.includes(' ');
    try {
      if (ok) CronExpressionParser.parse('* * * * *', { tz: timeZone }).next();
    } catch {
      ok = false;
    }
    if (!ok) errs.push(field.invalid(`${f}.timeZone`, timeZone, `unknown time zone ${timeZone}`));
  }
  return errs;
}

export function validateCronJob(obj: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs = scheduleErrors(spec.schedule, spec.timeZone, 'spec');
  const cp = spec.concurrencyPolicy;
  if (cp !== 'Allow' && cp !== 'Forbid' && cp !== 'Replace')
    errs.push(field.notSupported('spec.concurrencyPolicy', cp ?? '', ['Allow', 'Forbid', 'Replace']));
  errs.push(...nonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  if ((obj.metadata?.name ?? '').length > 52)
    errs.push(field.invalid('metadata.name', obj.metadata.name, 'must be no more than 52 characters'));
  errs.push(...validateJobTemplate(spec.jobTemplate?.spec ?? {}, 'spec.jobTemplate.spec', true));
  return errs;
}
