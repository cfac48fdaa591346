// Go's time.Duration as text: String() (time/time.go) and ParseDuration (time/format.go), with their errors.
// Durations are given in milliseconds, fractions for what is under a millisecond; Go's nanoseconds are exact.

const NS_PER_MS = 1_000_000n;

/** Milliseconds (a fraction for micro- and nanoseconds) as whole nanoseconds. */
function nanos(ms: number): bigint {
  const whole = Math.trunc(ms);
  return BigInt(whole) * NS_PER_MS + BigInt(Math.round((ms - whole) * 1e6));
}

/** fmtFrac: the fraction of v below 10^prec, its trailing zeros dropped, with the point; and v without it. */
function frac(v: bigint, prec: number): [string, bigint] {
  let digits = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print ||= digit !== 0n;
    if (print) digits = String(digit) + digits;
    v /= 10n;
  }
  return [print ? `.${digits}` : '', v];
}

/** time.Duration.String(): `1h2m3.5s`, `1m0s`, `850ms`, `1.5µs`, `0s`. */
export function goDuration(ms: number): string {
  let u = nanos(ms);
  const neg = u < 0n;
  if (neg) u = -u;
  let out: string;
  if (u < 1_000_000_000n) {
    if (u === 0n) return '0s';
    const [unit, prec] = u < 1_000n ? ['ns', 0] : u < 1_000_000n ? ['µs', 3] : ['ms', 6];
    const [f, rest] = frac(u, prec);
    out = `${rest}${f}${unit}`;
  } else {
    const [f, seconds] = frac(u, 9);
    out = `${seconds % 60n}${f}s`;
    const minutes = seconds / 60n;
    if (minutes > 0n) {
      out = `${minutes % 60n}m${out}`;
      const hours = minutes / 60n;
      if (hours > 0n) out = `${hours}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** d.Truncate(time.Second).String(): ages, limits and offsets in whole seconds, `1m30s`. */
export function goDurationSeconds(ms: number): string {
  return goDuration(Math.trunc(ms / 1000) * 1000);
}

/** nanoseconds per unit */
const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX_INT64 = (1n << 63n) - 1n;
const quote = (s: string) => JSON.stringify(s);

/** time.ParseDuration: `1h30m`, `-1.5s`, `300ms`, `0` in milliseconds, or Go's error for the text. */
export function parseGoDuration(text: string): { ms: number } | { error: string } {
  const invalid = { error: `time: invalid duration ${quote(text)}` };
  let s = text,
    neg = false;
  if (s && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ms: 0 };
  if (!s) return invalid;
  let d = 0n;
  while (s) {
    const m = /^([0-9]*)(\.([0-9]*))?/.exec(s)!;
    if (!m[1] && !m[3]) return invalid; // no digits before or after the point (`.s`), or not a number at all
    s = s.slice(m[0].length);
    const unit = /^[^0-9.]*/.exec(s)![0];
    if (!unit) return { error: `time: missing unit in duration ${quote(text)}` };
    const per = UNITS[unit];
    if (per === undefined) return { error: `time: unknown unit ${quote(unit)} in duration ${quote(text)}` };
    s = s.slice(unit.length);
    // the whole part exactly, the fraction through a float64 as Go does (v += uint64(float64(f) * (float64(unit) / scale)))
    let v = BigInt(m[1] || '0') * per;
    if (v > MAX_INT64) return invalid;
    const f = m[3] ?? '';
    if (f) v += BigInt(Math.trunc(Number(f) * (Number(per) / 10 ** f.length)));
    d += v;
    if (d > MAX_INT64) return invalid;
  }
  const ms = Number(d / 1_000_000n) + Number(d % 1_000_000n) / 1e6;
  return { ms: neg ? -ms : ms };
}
