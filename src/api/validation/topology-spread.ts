// validateTopologySpreadConstraints (pkg/apis/core/validation/validation.go, v1.30): maxSkew, topologyKey,
// whenUnsatisfiable, no repeated {topologyKey, whenUnsatisfiable}, minDomains, the node inclusion policies
// (nodeAffinityPolicy, nodeTaintsPolicy: Honor or Ignore), matchLabelKeys (label names not in the labelSelector,
// which must be set) and the labelSelector.
import { type FieldError, field } from '../errors';
import { qualifiedName } from './meta';
import { validateLabelSelector, isSet } from './common';

export const SCHEDULE_ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'];
export const NODE_INCLUSION_POLICIES = ['Honor', 'Ignore'];
const isNotPositiveErrorMsg = 'must be greater than zero';

export function validateTopologySpreadConstraints(constraints: any[], f: string): FieldError[] {
  const errs: FieldError[] = [];
  constraints.forEach((c, i) => {
    const p = `${f}[${i}]`;
    if (!(c.maxSkew > 0)) errs.push(field.invalid(`${p}.maxSkew`, c.maxSkew ?? 0, isNotPositiveErrorMsg));
    if (!c.topologyKey) errs.push(field.required(`${p}.topologyKey`, 'can not be empty'));
    if (!SCHEDULE_ACTIONS.includes(c.whenUnsatisfiable))
      errs.push(field.notSupported(`${p}.whenUnsatisfiable`, c.whenUnsatisfiable ?? '', SCHEDULE_ACTIONS));
    // ValidateSpreadConstraintNotRepeat: against the constraints after this one
    if (
      constraints
        .slice(i + 1)
        .some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)
    ) {
      errs.push(
        field.duplicate(
          `${p}.{topologyKey, whenUnsatisfiable}`,
          `{${c.topologyKey ?? ''}, ${c.whenUnsatisfiable ?? ''}}`,
        ),
      );
    }
    if (isSet(c.minDomains)) {
      if (!(c.minDomains > 0)) errs.push(field.invalid(`${p}.minDomains`, c.minDomains, isNotPositiveErrorMsg));
      if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        errs.push(
          field.invalid(
            `${p}.minDomains`,
            c.minDomains,
            `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable ?? ''}`,
          ),
        );
      }
    }
    for (const policy of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
      if (isSet(c[policy]) && !NODE_INCLUSION_POLICIES.includes(String(c[policy])))
        errs.push(field.notSupported(`${p}.${policy}`, c[policy], NODE_INCLUSION_POLICIES));
    }
    errs.push(...validateMatchLabelKeys(c.matchLabelKeys ?? [], c.labelSelector, `${p}.matchLabelKeys`));
    errs.push(...validateLabelSelector(c.labelSelector, `${p}.labelSelector`));
  });
  return errs;
}

/** validateMatchLabelKeysInTopologySpread */
function validateMatchLabelKeys(keys: string[], selector: any, f: string): FieldError[] {
  if (!keys.length) return [];
  const errs: FieldError[] = [];
  const selectorKeys = new Set<string>();
  if (selector) {
    for (const k of Object.keys(selector.matchLabels ?? {})) selectorKeys.add(k);
    for (const e of selector.matchExpressions ?? []) selectorKeys.add(e.key);
  } else errs.push(field.forbidden(f, 'must not be specified when labelSelector is not set'));
  keys.forEach((key, i) => {
    errs.push(...qualifiedName(`${f}[${i}]`, key));
    if (selectorKeys.has(key))
      errs.push(field.invalid(`${f}[${i}]`, key, 'exists in both matchLabelKeys and labelSelector'));
  });
  return errs;
}
