// Texts of the Go standard library that the API server's decoding passes on to the user: time.Parse's errors for
// metav1.Time (RFC 3339), encoding/base64's for []byte fields, time.ParseDuration's, and how encoding/json and
// fmt print numbers.

import { parseGoDuration } from '../../util/go/duration';
/** A JS number as encoding/json writes a float64 (and as the decoder quotes it back): 1e21 and above in exponent form. */
export function jsonNumber(n: number): string {
  return JSON.stringify(n);
}

/** base64.StdEncoding.Decode's CorruptInputError offset for a string, or undefined when it decodes. */
export function base64ErrorOffset(s: string): number | undefined {
  const src = Buffer.from(s, 'utf8');
  const ALPHA = /[A-Za-z0-9+/]/;
  const valid = (b: number) => b < 128 && ALPHA.test(String.fromCharCode(b));
  let si = 0;
  while (si < src.length) {
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return undefined;
        return si - j; // an incomplete quantum (StdEncoding pads)
      }
      const c = src[si++];
      if (valid(c)) continue;
      if (c === 0x0a || c === 0x0d) {
        j--;
        continue;
      }
      if (c !== 0x3d) return si - 1; // not '='
      if (j < 2) return si - 1; // incorrect padding
      if (j === 2) {
        while (si < src.length && (src[si] === 0x0a || src[si] === 0x0d)) si++;
        if (si === src.length) return src.length; // not enough padding
        if (src[si] !== 0x3d) return si - 1;
        si++;
      }
      while (si < src.length && (src[si] === 0x0a || src[si] === 0x0d)) si++;
      return si < src.length ? si : undefined; // trailing garbage
    }
  }
  return undefined;
}

const quote = (s: string) => JSON.stringify(s);

/**
 * time.Parse(layout, value)'s error for the layouts metav1.Time and MicroTime use (RFC 3339, and RFC 3339 with
 * microseconds), or undefined when the value parses. Go parses element by element and reports the first element
 * that does not match (`cannot parse "x" as "2006"`), or a field out of range.
 */
const RFC3339 =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

export function timeParseError(value: string, micro: boolean): string | undefined {
  // the common case at once: a well-formed time of a day that exists
  const m = !micro && RFC3339.exec(value);
  if (m && Number(m[3]) <= 28) return undefined;
  const layout = micro ? '2006-01-02T15:04:05.000000Z07:00' : '2006-01-02T15:04:05Z07:00';
  const elems: [string, number | string][] = [
    ['2006', 4],
    ['-', '-'],
    ['01', 2],
    ['-', '-'],
    ['02', 2],
    ['T', 'T'],
    ['15', 2],
    [':', ':'],
    ['04', 2],
    [':', ':'],
    ['05', 2],
  ];
  const fail = (rest: string, elem: string) =>
    `parsing time ${quote(value)} as ${quote(layout)}: cannot parse ${quote(rest)} as ${quote(elem)}`;
  const range = (what: string) => `parsing time ${quote(value)}: ${what} out of range`;
  let rest = value;
  const nums: number[] = [];
  for (const [elem, want] of elems) {
    if (typeof want === 'string') {
      if (!rest.startsWith(want)) return fail(rest, elem);
      rest = rest.slice(want.length);
      continue;
    }
    const digits = /^[0-9]*/.exec(rest)![0];
    // "2006" takes exactly four digits; the two-digit fields take two (a one-digit hour is accepted)
    if (elem === '2006' ? digits.length < 4 : digits.length < (elem === '15' ? 1 : 2)) return fail(rest, elem);
    const n = elem === '2006' ? digits.slice(0, 4) : digits.slice(0, elem === '15' && digits.length === 1 ? 1 : 2);
    nums.push(Number(n));
    rest = rest.slice(n.length);
    if (elem === '01' && (nums[1] < 1 || nums[1] > 12)) return range('month');
    if (elem === '15' && nums[3] > 23) return range('hour');
    if (elem === '04' && nums[4] > 59) return range('minute');
    if (elem === '05' && nums[5] > 59) return range('second');
  }
  if (micro) {
    const frac = /^\.[0-9]{6}/.exec(rest);
    if (!frac) return fail(rest, '.000000');
    rest = rest.slice(7);
  } else {
    // a fractional second after the seconds is accepted even though the layout has none
    const frac = /^[.,][0-9]+/.exec(rest);
    if (frac) rest = rest.slice(frac[0].length);
  }
  if (rest.startsWith('Z')) rest = rest.slice(1);
  else {
    const z = /^[+-]([0-9]{2}):([0-9]{2})/.exec(rest);
    if (!z) return fail(rest, 'Z07:00');
    if (Number(z[1]) > 24 || Number(z[2]) > 60) return `parsing time ${quote(value)}: time zone offset out of range`;
    rest = rest.slice(6);
  }
  if (rest) return `parsing time ${quote(value)}: extra text: ${quote(rest)}`;
  const [y, mo, d] = nums;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
    mo - 1
  ];
  if (d < 1 || d > days) return range('day');
  return undefined;
}

/** time.ParseDuration's error, or undefined when the text is a Go duration (`1h30m`, `-1.5s`, `0`). */
export function durationError(s: string): string | undefined {
  const d = parseGoDuration(s);
  return 'error' in d ? d.error : undefined;
}
