// PodDisruptionBudget validation (pkg/apis/policy/validation/validation.go ValidatePodDisruptionBudgetSpec,
// ValidatePodDisruptionBudgetStatusUpdate). policy/v1 has no defaults; updates of the spec are allowed.

import type { ApiServer } from '../../apiserver/apiserver';
import type { KObject } from '../meta';
import { FieldError, GoLiteral, field } from '../errors';
import { nonNegative, validateLabelSelector } from './common';
import { notMoreThan100Percent, validatePositiveIntOrPercent } from './apps';

export const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

const set = (v: unknown) => v !== undefined && v !== null;

/** %#v of the internal policy.PodDisruptionBudgetSpec: its pointer fields print as Go heap addresses. */
function goSpec(spec: any, api: ApiServer | undefined): GoLiteral {
  const base = 0xc000000000 + (api?.rng.int(0x7fffff0) ?? 0xd11a3b) * 32;
  const ptr = (type: string, v: unknown, off: number) => `(*${type})(${set(v) ? `0x${(base + off).toString(16)}` : 'nil'})`;
  return new GoLiteral(`policy.PodDisruptionBudgetSpec{MinAvailable:${ptr('intstr.IntOrString', spec.minAvailable, 0x20)}, `
    + `Selector:${ptr('v1.LabelSelector', spec.selector, 0x40)}, MaxUnavailable:${ptr('intstr.IntOrString', spec.maxUnavailable, 0)}, `
    + `UnhealthyPodEvictionPolicy:${ptr('policy.UnhealthyPodEvictionPolicyType', spec.unhealthyPodEvictionPolicy, 0x60)}}`);
}

export function validatePodDisruptionBudget(pdb: KObject, _old: KObject | undefined, api?: ApiServer): FieldError[] {
  const spec = pdb.spec ?? {};
  const errs: FieldError[] = [];
  if (set(spec.minAvailable) && set(spec.maxUnavailable)) errs.push(field.invalid('spec', goSpec(spec, api), 'minAvailable and maxUnavailable cannot be both set'));
  for (const f of ['minAvailable', 'maxUnavailable']) {
    if (!set(spec[f])) continue;
    errs.push(...validatePositiveIntOrPercent(spec[f], `spec.${f}`), ...notMoreThan100Percent(spec[f], `spec.${f}`));
  }
  errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  if (set(spec.unhealthyPodEvictionPolicy) && !UNHEALTHY_POD_EVICTION_POLICIES.includes(spec.unhealthyPodEvictionPolicy)) {
    errs.push(field.notSupported('spec.unhealthyPodEvictionPolicy', spec.unhealthyPodEvictionPolicy, UNHEALTHY_POD_EVICTION_POLICIES));
  }
  const s = pdb.status ?? {};
  for (const f of ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods']) errs.push(...nonNegative(s[f], `status.${f}`));
  return errs;
}
