// StatefulSet and DaemonSet validation (pkg/apis/apps/validation/validation.go: ValidateStatefulSetSpec,
// ValidatePodTemplateSpecForStatefulSet, ValidateDaemonSetSpec), the parts a user meets most.

import { type FieldError, GoLiteral, field } from '../errors';
import { fromLabelSelector, matches } from '../selectors';
import { goLabelSelector, immutable, nonNegative, validateLabelSelector } from './common';
import { goStringMap } from '../../util/go/fmt';
import { validateLabels } from './meta';
import { validatePodTemplateSpec } from './pod';

function selectorMatchesTemplate(spec: any, kind: string, f: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec.selector) return [field.required(`${f}.selector`, '')];
  errs.push(...validateLabelSelector(spec.selector, `${f}.selector`));
  const empty =
    Object.keys(spec.selector.matchLabels ?? {}).length + (spec.selector.matchExpressions?.length ?? 0) === 0;
  if (empty)
    errs.push(field.invalid(`${f}.selector`, goLabelSelector(spec.selector), `empty selector is invalid for ${kind}`));
  const labels = spec.template?.metadata?.labels;
  if (!empty && !matches(fromLabelSelector(spec.selector), labels)) {
    errs.push(
      field.invalid(
        `${f}.template.metadata.labels`,
        new GoLiteral(goStringMap(labels)),
        '`selector` does not match template `labels`',
      ),
    );
  }
  return errs;
}

function restartAlways(spec: any, f: string): FieldError[] {
  const rp = spec.template?.spec?.restartPolicy;
  return rp !== 'Always' ? [field.notSupported(`${f}.template.spec.restartPolicy`, rp ?? '', ['Always'])] : [];
}

export function validateStatefulSet(obj: any, old: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  const policy = spec.podManagementPolicy;
  if (policy !== 'OrderedReady' && policy !== 'Parallel')
    errs.push(field.invalid('spec.podManagementPolicy', policy ?? '', `must be 'OrderedReady' or 'Parallel'`));
  const us = spec.updateStrategy ?? {};
  if (us.type !== 'RollingUpdate' && us.type !== 'OnDelete')
    errs.push(field.invalid('spec.updateStrategy', us.type ?? '', `must be 'RollingUpdate' or 'OnDelete'`));
  if (us.type === 'OnDelete' && us.rollingUpdate)
    errs.push(
      field.invalid(
        'spec.updateStrategy.rollingUpdate',
        new GoLiteral('{...}'),
        "only allowed for updateStrategy 'RollingUpdate'",
      ),
    );
  errs.push(...nonNegative(us.rollingUpdate?.partition, 'spec.updateStrategy.rollingUpdate.partition'));
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...nonNegative(spec.ordinals?.start, 'spec.ordinals.start'));
  for (const [k, v] of [
    ['whenDeleted', spec.persistentVolumeClaimRetentionPolicy?.whenDeleted],
    ['whenScaled', spec.persistentVolumeClaimRetentionPolicy?.whenScaled],
  ]) {
    if (v !== 'Retain' && v !== 'Delete')
      errs.push(field.notSupported(`spec.persistentVolumeClaimRetentionPolicy.${k}`, v ?? '', ['Retain', 'Delete']));
  }
  errs.push(...selectorMatchesTemplate(spec, 'statefulset', 'spec'));
  // the template's pod spec is not validated: its volumeMounts may name volumeClaimTemplates
  errs.push(...validateLabels(spec.template?.metadata?.labels, 'spec.template.labels'));
  errs.push(...restartAlways(spec, 'spec'));
  if (spec.template?.spec?.activeDeadlineSeconds !== undefined)
    errs.push(
      field.forbidden(
        'spec.template.spec.activeDeadlineSeconds',
        'activeDeadlineSeconds in StatefulSet is not Supported',
      ),
    );
  if (old) {
    // ValidateStatefulSetUpdate: only these fields may change
    const {
      replicas,
      ordinals,
      template,
      updateStrategy,
      persistentVolumeClaimRetentionPolicy,
      minReadySeconds,
      ...rest
    } = spec;
    const {
      replicas: _r,
      ordinals: _o,
      template: _t,
      updateStrategy: _u,
      persistentVolumeClaimRetentionPolicy: _p,
      minReadySeconds: _m,
      ...oldRest
    } = old.spec ?? {};
    void replicas;
    void ordinals;
    void template;
    void updateStrategy;
    void persistentVolumeClaimRetentionPolicy;
    void minReadySeconds;
    void _r;
    void _o;
    void _t;
    void _u;
    void _p;
    void _m;
    if (JSON.stringify(sortKeys(rest)) !== JSON.stringify(sortKeys(oldRest))) {
      errs.push(
        field.forbidden(
          'spec',
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ),
      );
    }
  }
  return errs;
}

export function validateDaemonSet(obj: any, old: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  errs.push(...selectorMatchesTemplate(spec, 'daemonset', 'spec'));
  errs.push(...validatePodTemplateSpec(spec.template ?? {}, 'spec.template'));
  errs.push(...restartAlways(spec, 'spec'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  const us = spec.updateStrategy ?? {};
  if (us.type !== 'RollingUpdate' && us.type !== 'OnDelete')
    errs.push(field.notSupported('spec.updateStrategy.type', us.type ?? '', ['OnDelete', 'RollingUpdate']));
  if (old) errs.push(...immutable(spec.selector, old.spec?.selector, 'spec.selector', goLabelSelector(spec.selector)));
  return errs;
}

function sortKeys(v: any): any {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys(v[k])]),
    );
  return v;
}
