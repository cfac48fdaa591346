// resource.Quantity (k8s.io/apimachinery/pkg/api/resource): parsing to a number and comparing by value, so
// `1Gi` equals `1024Mi` and `500m` CPU is half a core.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const QUANTITY = /^([+-]?[0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

export function isQuantity(v: unknown): boolean {
  return typeof v === 'number' || (typeof v === 'string' && QUANTITY.test(v.trim()) && /[0-9]/.test(v));
}

/** The value of a quantity as a number (bytes, cores, counts); throws on a malformed one. */
export function parseQuantity(v: string | number): number {
  if (typeof v === 'number') return v;
  const m = v.trim().match(QUANTITY);
  if (!m || !/[0-9]/.test(m[1])) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return n * BINARY[suffix];
  if (suffix in DECIMAL) return n * DECIMAL[suffix];
  return n * 10 ** Number(suffix.slice(1));
}

/** Milli-units, as the scheduler counts CPU (`100m` -> 100, `2` -> 2000). */
export function milliValue(v: string | number): number { return Math.round(parseQuantity(v) * 1000); }

export function quantityEquals(a: string | number, b: string | number): boolean {
  try { return Math.abs(parseQuantity(a) - parseQuantity(b)) < 1e-9 * Math.max(1, Math.abs(parseQuantity(a))); } catch { return false; }
}

export function compareQuantity(a: string | number, b: string | number): number { return Math.sign(parseQuantity(a) - parseQuantity(b)); }
