// Subset matching, as `Then the deployment "web" matches:` uses it: every key the expectation gives must be
// present in the object with an equal value; keys it does not give are ignored. Lists are matched element by
// element (same length, each element a subset). Scalars compare as Kubernetes serialises them: quantities by
// value (`1Gi` equals `1024Mi`, `cpu: 4` equals `"4"`), and a number or boolean equals the string it would be
// written as (`revision: 1` equals the annotation value `"1"`).

import { isQuantity, quantityEquals } from '../api/quantity';

/** One place where the object differs from the expectation. */
export interface Difference {
  /** field path as Kubernetes writes it: `spec.containers[0].image`, `metadata.annotations[a.b/c]` */
  path: string;
  expected: unknown;
  /** undefined when the field is missing */
  actual: unknown;
  /** the field (or list element) is absent from the object */
  missing?: boolean;
  /** a list of the wrong length: expected and actual are the lengths */
  length?: boolean;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (!IDENT.test(key)) return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Two scalars equal as Kubernetes values. */
export function scalarEquals(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true;
  if (actual === undefined || actual === null || expected === undefined || expected === null) return false;
  const ta = typeof actual,
    te = typeof expected;
  if ((ta === 'string' || ta === 'number') && (te === 'string' || te === 'number')) {
    if (String(actual) === String(expected)) return true;
    // quantities compare by value when at least one side carries a suffix or both are numeric
    if (isQuantity(actual) && isQuantity(expected))
      return quantityEquals(actual as string | number, expected as string | number);
    return false;
  }
  if ((ta === 'boolean' && te === 'string') || (ta === 'string' && te === 'boolean'))
    return String(actual) === String(expected);
  return false;
}

/** Every difference between the object and the expectation (empty when it matches). */
export function differences(actual: unknown, expected: unknown, path = ''): Difference[] {
  if (expected === null || expected === undefined) {
    // `field: null` / `field: ~` in an expectation means: absent (or null)
    return actual === null || actual === undefined ? [] : [{ path, expected: null, actual }];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [{ path, expected, actual, missing: actual === undefined }];
    const out: Difference[] = [];
    if (actual.length !== expected.length)
      out.push({ path, expected: expected.length, actual: actual.length, length: true });
    expected.forEach((e, i) => {
      const p = childPath(path, i);
      if (i >= actual.length) out.push({ path: p, expected: e, actual: undefined, missing: true });
      else out.push(...differences(actual[i], e, p));
    });
    return out;
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return [{ path, expected, actual, missing: actual === undefined }];
    const out: Difference[] = [];
    for (const [k, e] of Object.entries(expected)) {
      const p = childPath(path, k);
      if (!(k in actual) || actual[k] === undefined) {
        if (e !== null && e !== undefined) out.push({ path: p, expected: e, actual: undefined, missing: true });
      } else out.push(...differences(actual[k], e, p));
    }
    return out;
  }
  return scalarEquals(actual, expected) ? [] : [{ path, expected, actual, missing: actual === undefined }];
}

/** True when every key of the expectation is present in the object with an equal value. */
export function matches(actual: unknown, expected: unknown): boolean {
  return differences(actual, expected).length === 0;
}
