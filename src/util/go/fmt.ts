// Go's fmt verbs as Kubernetes' messages print values: %v and %q of a []string, %#v of a map[string]string,
// %v of a float64 and %+v of what encoding/json decodes into an interface{}. Strings are quoted as JSON quotes
// them, which is strconv.Quote for the printable ASCII that names and values hold.

/** %v of a []string: `[a b]`. */
export const goList = (xs: readonly string[] | undefined): string => `[${(xs ?? []).join(' ')}]`;

/** %q of a []string: `["a" "b"]`. */
export const goQuotedList = (xs: readonly string[]): string => `[${xs.map((s) => JSON.stringify(s)).join(' ')}]`;

/** Go's %#v of a map[string]string; nil prints as `map[string]string(nil)`. */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (!m) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`).join(', ')}}`;
}

/** fmt's %v of a float64: strconv's 'g' with the shortest digits, exponent form below 1e-4 and from 1e+06 up. */
export function goFloat(n: number): string {
  if (n === 0 || !Number.isFinite(n)) return n === 0 ? '0' : n > 0 ? '+Inf' : Number.isNaN(n) ? 'NaN' : '-Inf';
  const [mant, exp] = n.toExponential().split('e');
  const e = Number(exp);
  if (e < -4 || e >= 6) return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(n);
}

/** fmt's %+v of a value decoded from JSON into interface{} (maps with sorted keys, slices in brackets, nil). */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? String(BigInt(v)) : goFloat(v);
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  const keys = Object.keys(v as object).sort();
  return `map[${keys.map((k) => `${k}:${goSprint((v as any)[k])}`).join(' ')}]`;
}
