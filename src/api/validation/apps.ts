// Deployment and ReplicaSet validation (pkg/apis/apps/validation/validation.go: ValidateDeploymentSpec,
// ValidateReplicaSetSpec, ValidatePodTemplateSpecForReplicaSet, ValidateDeploymentStrategy) and the apps/v1
// selector immutability of pkg/registry/apps/{deployment,replicaset}/strategy.go ValidateUpdate.

import { type FieldError, GoLiteral, field } from '../errors';
import { fromLabelSelector, fromMap, matches } from '../selectors';
import { goLabelSelector, immutable, nonNegative, validateLabelSelector } from './common';
import { goStringMap } from '../../util/go/fmt';
import { validatePodTemplateSpec } from './pod';

const PERCENT = /^[0-9]+%$/;

/** Go's %#v of an intstr.IntOrString (its String method has a pointer receiver, so fmt does not use it). */
export function goIntOrString(v: unknown): GoLiteral {
  if (typeof v === 'string') return new GoLiteral(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`);
  return new GoLiteral(`intstr.IntOrString{Type:0, IntVal:${Number(v ?? 0)}, StrVal:""}`);
}

export function validatePositiveIntOrPercent(v: unknown, f: string): FieldError[] {
  if (typeof v === 'string')
    return PERCENT.test(v)
      ? []
      : [
          field.invalid(
            f,
            goIntOrString(v),
            "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
          ),
        ];
  return nonNegative(v, f).map(() => field.invalid(f, v, 'must be greater than or equal to 0'));
}

function intOrPercentValue(v: unknown): number {
  if (typeof v === 'string') return PERCENT.test(v) ? parseInt(v, 10) : Number.NaN;
  return Number(v ?? 0);
}

export function notMoreThan100Percent(v: unknown, f: string): FieldError[] {
  return typeof v === 'string' && PERCENT.test(v) && parseInt(v, 10) > 100
    ? [field.invalid(f, goIntOrString(v), 'must not be greater than 100%')]
    : [];
}

function validateDeploymentStrategy(s: any, f: string): FieldError[] {
  const type = s?.type ?? '';
  if (type === 'Recreate')
    return s.rollingUpdate
      ? [field.forbidden(`${f}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")]
      : [];
  if (type === 'RollingUpdate') {
    const ru = s.rollingUpdate;
    if (!ru) return [field.required(`${f}.rollingUpdate`, 'this should be defaulted and never be nil')];
    const p = `${f}.rollingUpdate`;
    const errs = [
      ...validatePositiveIntOrPercent(ru.maxUnavailable ?? 0, `${p}.maxUnavailable`),
      ...validatePositiveIntOrPercent(ru.maxSurge ?? 0, `${p}.maxSurge`),
    ];
    // getIntOrPercentValue of an invalid percent is IntValue() of the string: 0
    const mu = intOrPercentValue(ru.maxUnavailable),
      ms = intOrPercentValue(ru.maxSurge);
    if ((mu || 0) === 0 && (ms || 0) === 0)
      errs.push(
        field.invalid(
          `${p}.maxUnavailable`,
          goIntOrString(ru.maxUnavailable ?? 0),
          'may not be 0 when `maxSurge` is 0',
        ),
      );
    errs.push(...notMoreThan100Percent(ru.maxUnavailable, `${p}.maxUnavailable`));
    return errs;
  }
  const ru = s?.rollingUpdate ? '&apps.RollingUpdateDeployment{...}' : '(*apps.RollingUpdateDeployment)(nil)';
  return [
    field.notSupported(f, new GoLiteral(`apps.DeploymentStrategy{Type:${JSON.stringify(type)}, RollingUpdate:${ru}}`), [
      'Recreate',
      'RollingUpdate',
    ]),
  ];
}

/** Selector checks shared by Deployment and ReplicaSet, then the template against the selector. */
function selectorAndTemplate(spec: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec.selector) errs.push(field.required(`${f}.selector`, ''));
  else {
    errs.push(...validateLabelSelector(spec.selector, `${f}.selector`));
    if (Object.keys(spec.selector.matchLabels ?? {}).length + (spec.selector.matchExpressions?.length ?? 0) === 0) {
      // the message says "deployment" for ReplicaSets too, as the source does
      errs.push(
        field.invalid(`${f}.selector`, goLabelSelector(spec.selector), 'empty selector is invalid for deployment'),
      );
    }
  }
  errs.push(...validatePodTemplateSpecForReplicaSet(spec.template, spec.selector, `${f}.template`));
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet; a nil selector selects nothing, so the labels never match it. */
function validatePodTemplateSpecForReplicaSet(t: any, selector: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  const empty =
    selector && Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions?.length ?? 0) === 0;
  const labels = t?.metadata?.labels;
  if (!empty && !matches(fromLabelSelector(selector), labels)) {
    errs.push(
      field.invalid(
        `${f}.metadata.labels`,
        new GoLiteral(goStringMap(labels)),
        '`selector` does not match template `labels`',
      ),
    );
  }
  errs.push(...validatePodTemplateSpec(t ?? {}, f));
  const rp = t?.spec?.restartPolicy;
  if (rp !== 'Always') errs.push(field.notSupported(`${f}.spec.restartPolicy`, rp ?? '', ['Always']));
  if (t?.spec?.activeDeadlineSeconds !== undefined && t?.spec?.activeDeadlineSeconds !== null) {
    errs.push(
      field.forbidden(`${f}.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in ReplicaSet is not Supported'),
    );
  }
  return errs;
}

/** ValidateReplicationControllerSpec: a map selector that must not be empty and must match the template's labels. */
export function validateReplicationController(obj: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  const selector: Record<string, string> = spec.selector ?? {};
  if (!Object.keys(selector).length) errs.push(field.required('spec.selector', ''));
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  const t = spec.template;
  if (!t) errs.push(field.required('spec.template', ''));
  else {
    if (Object.keys(selector).length && !matches(fromMap(selector), t.metadata?.labels)) {
      errs.push(
        field.invalid(
          'spec.template.metadata.labels',
          new GoLiteral(goStringMap(t.metadata?.labels)),
          'selector does not match template labels',
        ),
      );
    }
    errs.push(...validatePodTemplateSpec(t, 'spec.template'));
    const rp = t.spec?.restartPolicy;
    if (rp !== 'Always') errs.push(field.notSupported('spec.template.spec.restartPolicy', rp ?? '', ['Always']));
    if (t.spec?.activeDeadlineSeconds !== undefined && t.spec?.activeDeadlineSeconds !== null) {
      errs.push(
        field.invalid(
          'spec.template.spec.activeDeadlineSeconds',
          t.spec.activeDeadlineSeconds,
          'activeDeadlineSeconds in ReplicationController is not Supported',
        ),
      );
    }
  }
  return errs;
}

export function validateDeployment(obj: any, old: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...selectorAndTemplate(spec, 'spec'));
  errs.push(...validateDeploymentStrategy(spec.strategy, 'spec.strategy'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (spec.progressDeadlineSeconds !== undefined && spec.progressDeadlineSeconds !== null) {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(
        field.invalid(
          'spec.progressDeadlineSeconds',
          spec.progressDeadlineSeconds,
          'must be greater than minReadySeconds',
        ),
      );
    }
  }
  if (old) errs.push(...immutable(spec.selector, old.spec?.selector, 'spec.selector', goLabelSelector(spec.selector)));
  return errs;
}

export function validateReplicaSet(obj: any, old: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...selectorAndTemplate(spec, 'spec'));
  if (old) errs.push(...immutable(spec.selector, old.spec?.selector, 'spec.selector', goLabelSelector(spec.selector)));
  return errs;
}
