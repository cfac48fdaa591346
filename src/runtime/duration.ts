// Durations as features write them (`90 seconds`, `5 minutes`, `1 hour`, `2m`, `1h30m`, `500ms`).

const UNIT: Record<string, number> = {
  ms: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

/** Milliseconds, or throws with the text that could not be read. */
export function parseDuration(text: string): number {
  const s = text.trim();
  const re = /(\d+(?:\.\d+)?)\s*([a-z]+)/gy;
  let total = 0,
    matched = 0,
    m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const unit = UNIT[m[2]];
    if (unit === undefined) break;
    total += Number(m[1]) * unit;
    matched = re.lastIndex;
    while (s[re.lastIndex] === ' ') re.lastIndex++;
  }
  if (!matched || s.slice(matched).trim())
    throw new Error(`invalid duration "${text}": use e.g. "90 seconds", "5 minutes", "2m" or "1h30m"`);
  return Math.round(total);
}
