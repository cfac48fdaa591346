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
  if (Number.isNaN(n)) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
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

// Canonical form (resource.Quantity.String, quantity.go CanonicalizeBytes): the value is kept exactly in
// nano-units; decimal forms pick the largest exponent (a multiple of 3) with an integer mantissa, binary forms
// the largest power of 1024, and a binary value below 1024 or with a fraction prints as decimal.
const SI_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BIN_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const CANON = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

/** `0.5` -> `500m`, `1024Mi` -> `1Gi`, `1000` -> `1k`, `1e3` stays `1e3`; throws on a malformed quantity. */
export function canonicalQuantity(v: string | number): string {
  const text = String(v).trim();
  const m = text.match(CANON);
  if (!m || !(m[2] || m[3])) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
  const [, sign, int, frac = '', suffix = ''] = m;
  let digits = BigInt((int || '0') + frac);
  let scale = -frac.length; // value = digits * 10^scale * multiplier
  let format: 'bin' | 'si' | 'exp' = 'si';
  let pow2 = 0n;
  if (suffix in BINARY) { format = 'bin'; pow2 = BigInt(Math.log2(BINARY[suffix])); }
  else if (/^[eE]/.test(suffix)) { format = 'exp'; scale += Number(suffix.slice(1)); }
  else scale += Math.round(Math.log10(DECIMAL[suffix]));
  digits <<= pow2;
  // to nano-units, rounding up what is finer than 1n (as Go's parser does)
  const shift = scale + 9;
  let nanos: bigint;
  if (shift >= 0) nanos = digits * 10n ** BigInt(shift);
  else { const d = 10n ** BigInt(-shift); nanos = digits / d + (digits % d ? 1n : 0n); }
  if (nanos === 0n) return '0';
  const neg = sign === '-';
  const NANO = 1_000_000_000n;
  if (format === 'bin') {
    const abs = nanos;
    if (abs >= 1024n * NANO && abs % NANO === 0n) {
      let bytes = abs / NANO, k = 0;
      while (k < BIN_SUFFIX.length - 1 && bytes % 1024n === 0n) { bytes /= 1024n; k++; }
      return `${neg ? '-' : ''}${bytes}${BIN_SUFFIX[k]}`;
    }
    format = 'si';
  }
  let exp = -9;
  while (exp < 18 && nanos % 1000n === 0n) { nanos /= 1000n; exp += 3; }
  const sfx = format === 'exp' ? (exp === 0 ? '' : `e${exp}`) : SI_SUFFIX[exp];
  return `${neg ? '-' : ''}${nanos}${sfx}`;
}
