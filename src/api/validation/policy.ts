// PodDisruptionBudget validation (pkg/apis/policy/validation/validation.go ValidatePodDisruptionBudgetSpec,
// ValidatePodDisruptionBudgetStatusUpdate). policy/v1 has no defaults; updates of the spec are allowed.

import { fnv1a32 } from '../../runtime/random';
import type { KObject } from '../meta';
import { type FieldError, GoLiteral, field } from '../errors';
import { nonNegative, validateLabelSelector, isSet } from './common';
import { notMoreThan100Percent, validatePositiveIntOrPercent } from './apps';

export const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

/**
 * %#v of the internal policy.PodDisruptionBudgetSpec: its pointer fields print as Go heap addresses, here taken
 * from a hash of the spec, so a refused request draws nothing from the cluster's seeded stream.
 */
function goSpec(spec: any): GoLiteral {
  const base = 0xc000000000 + (fnv1a32(JSON.stringify(spec)) % 0x7fffff0) * 32;
  const ptr = (type: string, v: unknown, off: number) =>
    `(*${type})(${isSet(v) ? `0x${(base + off).toString(16)}` : 'nil'})`;
  return new GoLiteral(
    `policy.PodDisruptionBudgetSpec{MinAvailable:${ptr('intstr.IntOrString', spec.minAvailable, 0x20)}, ` +
      `Selector:${ptr('v1.LabelSelector', spec.selector, 0x40)}, MaxUnavailable:${ptr('intstr.IntOrString', spec.maxUnavailable, 0)}, ` +
      `UnhealthyPodEvictionPolicy:${ptr('policy.UnhealthyPodEvictionPolicyType', spec.unhealthyPodEvictionPolicy, 0x60)}}`,
  );
}

export function validatePodDisruptionBudget(pdb: KObject): FieldError[] {
  const spec = pdb.spec ?? {};
  const errs: FieldError[] = [];
  if (isSet(spec.minAvailable) && isSet(spec.maxUnavailable))
    errs.push(field.invalid('spec', goSpec(spec), 'minAvailable and maxUnavailable cannot be both set'));
  for (const f of ['minAvailable', 'maxUnavailable']) {
    if (!isSet(spec[f])) continue;
    errs.push(...validatePositiveIntOrPercent(spec[f], `spec.${f}`), ...notMoreThan100Percent(spec[f], `spec.${f}`));
  }
  errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  if (
    isSet(spec.unhealthyPodEvictionPolicy) &&
    !UNHEALTHY_POD_EVICTION_POLICIES.includes(spec.unhealthyPodEvictionPolicy)
  ) {
    errs.push(
      field.notSupported(
        'spec.unhealthyPodEvictionPolicy',
        spec.unhealthyPodEvictionPolicy,
        UNHEALTHY_POD_EVICTION_POLICIES,
      ),
    );
  }
  const s = pdb.status ?? {};
  for (const f of ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods'])
    errs.push(...nonNegative(s[f], `status.${f}`));
  return errs;
}
