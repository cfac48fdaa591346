// Small validators shared by the kinds (pkg/apis/core/validation/validation.go,
// k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go).

import { type FieldError, GoLiteral, field } from '../errors';
import { isQualifiedName, validateLabels } from './meta';
import { goStringMap } from '../../util/go/fmt';

export const isNegativeErrorMsg = 'must be greater than or equal to 0';

/** ValidateNonnegativeField */
export function nonNegative(v: unknown, f: string): FieldError[] {
  return typeof v === 'number' && v < 0 ? [field.invalid(f, v, isNegativeErrorMsg)] : [];
}

export const inclusiveRangeError = (lo: number, hi: number): string => `must be between ${lo} and ${hi}, inclusive`;

/** supportedPortProtocols.List() */
export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** IsValidPortNum */
export function isValidPortNum(p: number): string[] {
  return p >= 1 && p <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

const PORT_NAME_CHARSET = /^[-a-z0-9]+$/;
const PORT_NAME_ONE_LETTER = /[a-z]/;

/** IsValidPortName: an IANA_SVC_NAME. */
export function isValidPortName(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!PORT_NAME_CHARSET.test(name))
    errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!PORT_NAME_ONE_LETTER.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.length > 0 && (name[0] === '-' || name[name.length - 1] === '-'))
    errs.push('must not begin or end with a hyphen');
  return errs;
}

/** Go's %#v of a *metav1.LabelSelector as field errors print it (dereferenced, no String method). */
export function goLabelSelector(sel: any): GoLiteral {
  if (sel === null || sel === undefined) return new GoLiteral('null');
  const ml = sel.matchLabels ? goStringMap(sel.matchLabels) : 'map[string]string(nil)';
  const me = sel.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions
        .map(
          (e: any) =>
            `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key ?? '')}, Operator:${JSON.stringify(e.operator ?? '')}, Values:${e.values ? `[]string{${e.values.map((x: string) => JSON.stringify(x)).join(', ')}}` : '[]string(nil)'}}`,
        )
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return new GoLiteral(`v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`);
}

/** ValidateLabelSelector (strict: label values must be valid). */
export function validateLabelSelector(sel: any, f: string): FieldError[] {
  if (!sel) return [];
  const errs: FieldError[] = [];
  (sel.matchExpressions ?? []).forEach((e: any, i: number) => {
    const p = `${f}.matchExpressions[${i}]`;
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (!e.values?.length)
          errs.push(field.required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (e.values?.length)
          errs.push(
            field.forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
          );
        break;
      default:
        errs.push(field.invalid(`${p}.operator`, e.operator ?? '', 'not a valid selector operator'));
    }
    for (const m of isQualifiedName(e.key ?? '')) errs.push(field.invalid(`${p}.key`, e.key ?? '', m));
  });
  errs.push(...validateLabels(sel.matchLabels, `${f}.matchLabels`));
  return errs;
}

/** ValidateImmutableField */
export function immutable(newV: unknown, oldV: unknown, f: string, shown: unknown = newV): FieldError[] {
  return deepEq(newV, oldV) ? [] : [field.invalid(f, shown, 'field is immutable')];
}

export function deepEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object).filter((k) => (a as any)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as any)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!deepEq((a as any)[k], (b as any)[k])) return false;
  return true;
}

/** A field that is given: neither absent nor null (Go's non-nil pointer). */
export const isSet = (v: unknown): v is NonNullable<unknown> => v !== undefined && v !== null;
