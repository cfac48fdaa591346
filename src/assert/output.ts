// Command output as the output steps compare it: trailing spaces on each line and trailing newlines removed.

export function normaliseOutput(text: string): string {
  return text.replace(/\r\n/g, '\n').split('\n').map((l) => l.replace(/[ \t]+$/, '')).join('\n').replace(/\n+$/, '');
}

/** The first line where two outputs differ (1-based), or 0 when they are equal once normalised. */
export function firstDifferentLine(expected: string, actual: string): number {
  const w = normaliseOutput(expected).split('\n'), g = normaliseOutput(actual).split('\n');
  if (w.join('\n') === g.join('\n')) return 0;
  let i = 0;
  while (i < w.length && i < g.length && w[i] === g[i]) i++;
  return i + 1;
}
