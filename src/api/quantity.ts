// resource.Quantity (k8s.io/apimachinery/pkg/api/resource/quantity.go): parsing as ParseQuantity does, comparing
// by value (`1Gi` equals `1024Mi`, `500m` CPU is half a core), and the canonical text the API server stores and
// serves (`1024Mi` -> `1Gi`, `0.5` -> `500m`, `1000M` -> `1G`).

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const SI_SUFFIX: Record<number, string> = {
  [-9]: 'n',
  [-6]: 'u',
  [-3]: 'm',
  0: '',
  3: 'k',
  6: 'M',
  9: 'G',
  12: 'T',
  15: 'P',
  18: 'E',
};
const BIN_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const MAX_INT64 = (1n << 63n) - 1n;

export const ErrFormatWrong =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ErrNumeric = 'unable to parse numeric part of quantity';
export const ErrSuffix = "unable to parse quantity's suffix";

/** A parse failure, with ParseQuantity's error text. */
export class QuantityError extends Error {}

type Format = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

/** An exact quantity: (-1)^negative * mantissa * 10^exp, in a format; `text` is the input when Go keeps it (canonical already). */
export interface Exact {
  negative: boolean;
  mantissa: bigint;
  exp: number;
  format: Format;
  text?: string;
}

/** parseQuantityString: sign, numerator (leading zeros stripped), denominator, suffix. */
function scan(str: string): { positive: boolean; value: string; num: string; denom: string; suffix: string } {
  let positive = true,
    pos = 0;
  const end = str.length;
  if (pos < end && (str[0] === '-' || str[0] === '+')) {
    positive = str[0] !== '-';
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && str[i] >= '0' && str[i] <= '9') i++;
  const num = str.slice(pos, i) || '0';
  if (i >= end) return { positive, value: str, num, denom: '', suffix: '' };
  pos = i;
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && str[i] >= '0' && str[i] <= '9') i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = i;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && str[pos] >= '0' && str[pos] <= '9') pos++;
  if (pos < end) throw new QuantityError(ErrFormatWrong);
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

/** quantitySuffixer.interpret */
function interpret(suffix: string): { base: 2 | 10; exponent: number; format: Format } {
  if (suffix in DECIMAL) return { base: 10, exponent: DECIMAL[suffix], format: 'DecimalSI' };
  if (suffix in BINARY) return { base: 2, exponent: BINARY[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const n = Number(suffix.slice(1));
    if (Math.abs(n) <= 2 ** 31 - 1) return { base: 10, exponent: n, format: 'DecimalExponent' };
  }
  throw new QuantityError(ErrSuffix);
}

/** ParseQuantity, exactly: values finer than 1n round up (away from zero), binary values cap at 2^63-1. */
export function parseQuantityExact(str: string): Exact {
  if (str.length === 0) throw new QuantityError(ErrFormatWrong);
  if (str === '0') return { negative: false, mantissa: 0n, exp: 0, format: 'DecimalSI', text: '0' };
  const { positive, value, num, denom, suffix } = scan(str);
  const { base, exponent, format } = interpret(suffix);
  const negative = !positive;
  // the fast path keeps the input text when it is already canonical (quantity.go "reuse the string")
  let precision: number,
    scale: number,
    mult = 1n;
  if (format === 'BinarySI') {
    scale = 0;
    if (exponent >= 0 && denom.length === 0) {
      mult = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc(Math.fround((exponent * 3) / 10)) - 1;
    } else precision = -1;
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const v = BigInt(shifted);
      const result = v * mult;
      if (result <= MAX_INT64) {
        const keep =
          format === 'BinarySI'
            ? exponent % 10 === 0 && (v & 7n) !== 0n
            : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return {
          negative: negative && result !== 0n,
          mantissa: result,
          exp: scale,
          format,
          ...(keep ? { text: str } : {}),
        };
      }
    }
  }
  // the slow path (inf.Dec)
  const digits = value.replace(/^[+-]/, '');
  const [i, f = ''] = digits.split('.');
  if (!/^[0-9]*$/.test(i) || !/^[0-9]*$/.test(f) || (i + f).length === 0) throw new QuantityError(ErrNumeric);
  let mantissa = BigInt(i + f || '0');
  let exp = -f.length;
  if (base === 10) exp += exponent;
  else mantissa <<= BigInt(exponent);
  if (exp < -9 && mantissa !== 0n) {
    const d = 10n ** BigInt(-9 - exp);
    mantissa = mantissa / d + (mantissa % d ? 1n : 0n);
    exp = -9;
  }
  let fmt = format;
  if (fmt === 'BinarySI' && greater(mantissa, exp, MAX_INT64)) {
    mantissa = MAX_INT64;
    exp = 0;
  }
  if (fmt === 'BinarySI' && mantissa !== 0n && greater(1n, 0, mantissa, exp)) fmt = 'DecimalSI';
  return { negative: negative && mantissa !== 0n, mantissa, exp, format: fmt };
}

/** a*10^ea > b*10^eb, for non-negative a, b */
function greater(a: bigint, ea: number, b: bigint, eb = 0): boolean {
  const e = Math.min(ea, eb);
  return a * 10n ** BigInt(ea - e) > b * 10n ** BigInt(eb - e);
}

/** Quantity.String (CanonicalizeBytes): the text the API server serializes. */
function canonical(q: Exact): string {
  if (q.text !== undefined) return q.text;
  let { mantissa, exp } = q;
  if (mantissa === 0n) return '0';
  const sign = q.negative ? '-' : '';
  let format = q.format;
  if (format === 'BinarySI') {
    // below 1024, or with a fraction, a binary quantity prints as decimal
    const integral = exp >= 0 || mantissa % 10n ** BigInt(-exp) === 0n;
    if (!greater(mantissa, exp, 1023n) || !integral) format = 'DecimalSI';
    else {
      let n = exp >= 0 ? mantissa * 10n ** BigInt(exp) : mantissa / 10n ** BigInt(-exp);
      let k = 0;
      while (k < BIN_SUFFIX.length - 1 && n % 1024n === 0n) {
        n /= 1024n;
        k++;
      }
      return `${sign}${n}${BIN_SUFFIX[k]}`;
    }
  }
  // AsCanonicalBytes: every factor of 10 into the exponent, then the exponent down to a multiple of 3
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exp++;
  }
  while (((exp % 3) + 3) % 3 !== 0) {
    mantissa *= 10n;
    exp--;
  }
  let suffix: string;
  if (format === 'DecimalExponent') suffix = exp === 0 ? '' : `e${exp}`;
  // DecimalSI has no suffix past E (or below n): exponent notation keeps the magnitude (fixed after v1.30,
  // which dropped the suffix)
  else suffix = SI_SUFFIX[exp] ?? `e${exp}`;
  return `${sign}${mantissa}${suffix}`;
}

/** What the API server's decoder makes of a JSON value in a Quantity field: a string or a number. */
function decode(v: string | number): Exact {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new QuantityError(ErrFormatWrong);
    return parseQuantityExact(String(v).replace('e+', 'e'));
  }
  return parseQuantityExact(v.trim());
}

export function isQuantity(v: unknown): boolean {
  if (typeof v !== 'number' && typeof v !== 'string') return false;
  try {
    decode(v);
    return true;
  } catch {
    return false;
  }
}

/** The value of a quantity as a number (bytes, cores, counts); throws a QuantityError on a malformed one. */
export function parseQuantity(v: string | number): number {
  if (typeof v === 'number') return v;
  const q = decode(v);
  return (q.negative ? -1 : 1) * Number(q.mantissa) * 10 ** q.exp;
}

/** Milli-units, as Quantity.MilliValue: ceil(q * 1000) (`100m` -> 100, `2` -> 2000, `0.1m` -> 1). */
export function milliValue(v: string | number): number {
  const q = decode(v);
  const e = q.exp + 3;
  let n: bigint;
  if (e >= 0) n = q.mantissa * 10n ** BigInt(e);
  else {
    const d = 10n ** BigInt(-e);
    n = q.mantissa / d + (!q.negative && q.mantissa % d ? 1n : 0n);
  }
  return Number(q.negative ? -n : n);
}

export function quantityEquals(a: string | number, b: string | number): boolean {
  try {
    return compareQuantity(a, b) === 0;
  } catch {
    return false;
  }
}

export function compareQuantity(a: string | number, b: string | number): number {
  const x = decode(a),
    y = decode(b);
  const sx = x.negative ? -1 : x.mantissa === 0n ? 0 : 1,
    sy = y.negative ? -1 : y.mantissa === 0n ? 0 : 1;
  if (sx !== sy) return Math.sign(sx - sy);
  if (sx === 0) return 0;
  const gt = greater(x.mantissa, x.exp, y.mantissa, y.exp),
    lt = greater(y.mantissa, y.exp, x.mantissa, x.exp);
  return (gt ? 1 : lt ? -1 : 0) * sx;
}

/** `0.5` -> `500m`, `1024Mi` -> `1Gi`, `1000M` -> `1G`, `1e3` stays `1e3`; throws a QuantityError on a malformed quantity. */
export function canonicalQuantity(v: string | number): string {
  // every write canonicalizes its quantities, and a cluster holds few distinct ones: remembered (a bounded cache)
  let c = canonicalCache.get(v);
  if (c === undefined) {
    c = canonical(decode(v));
    if (canonicalCache.size >= 4096) canonicalCache.clear();
    canonicalCache.set(v, c);
  }
  return c;
}
const canonicalCache = new Map<string | number, string>();

// Quantity arithmetic, for the sums kubectl prints (describe node's Allocated resources): a copy keeps its text,
// Add drops it, and a zero quantity takes the format of what is added to it (Quantity.Add).

/** A quantity as parsed, to add up: `undefined` is the zero Quantity{} (it prints `0`). */
export type QuantityValue = Exact | undefined;

export function quantityOf(v: string | number): Exact {
  return decode(v);
}

function signed(q: Exact): bigint {
  return q.negative ? -q.mantissa : q.mantissa;
}

export function addQuantity(q: QuantityValue, y: Exact): Exact {
  if (!q) return y;
  const e = Math.min(q.exp, y.exp);
  const sum = signed(q) * 10n ** BigInt(q.exp - e) + signed(y) * 10n ** BigInt(y.exp - e);
  return {
    negative: sum < 0n,
    mantissa: sum < 0n ? -sum : sum,
    exp: e,
    format: q.mantissa === 0n ? y.format : q.format,
  };
}

/** The larger of two, as maxResourceList keeps it (a copy of the larger). */
export function maxQuantity(q: QuantityValue, y: Exact): Exact {
  if (!q) return y;
  const e = Math.min(q.exp, y.exp);
  return signed(y) * 10n ** BigInt(y.exp - e) > signed(q) * 10n ** BigInt(q.exp - e) ? y : q;
}

/** Quantity.String() of a value (`0` for the zero Quantity). */
export function quantityString(q: QuantityValue): string {
  return q ? canonical(q) : '0';
}

/** The value as a number (Value() and MilliValue() for percentages). */
export function quantityNumber(q: QuantityValue): number {
  return q ? Number(signed(q)) * 10 ** q.exp : 0;
}
