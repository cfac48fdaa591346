// The virtual clock: the only source of time in the model. Timers fire in (time, insertion) order.

export const DEFAULT_START = Date.UTC(2024, 0, 1, 0, 0, 0);

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

export class VirtualClock {
  private current: number;
  private seq = 0;
  private heap: Timer[] = [];

  constructor(start = DEFAULT_START) {
    this.current = start;
  }

  /** Milliseconds since the Unix epoch, virtual. */
  now(): number {
    return this.current;
  }

  /** RFC 3339 with second precision, as metav1.Time serialises. */
  iso(ms = this.current): string {
    return formatTime(ms);
  }

  /** Schedules fn at now + delayMs. */
  after(delayMs: number, fn: () => void): void {
    this.push({ at: this.current + Math.max(0, delayMs), seq: this.seq++, fn });
  }

  /** The time of the next timer, if any. */
  nextDue(): number | undefined {
    return this.heap[0]?.at;
  }

  pending(): number {
    return this.heap.length;
  }

  /** Moves the clock to the earliest timer due at or before `limit` and returns it, removed; or undefined. */
  popDue(limit: number): Timer | undefined {
    const top = this.heap[0];
    if (!top || top.at > limit) return undefined;
    this.pop();
    if (top.at > this.current) this.current = top.at;
    return top;
  }

  /** Sets the clock forward (never back). */
  setTo(ms: number): void {
    if (ms > this.current) this.current = ms;
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(h[p], h[i])) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1,
        r = l + 1;
      let m = i;
      if (l < h.length && less(h[l], h[m])) m = l;
      if (r < h.length && less(h[r], h[m])) m = r;
      if (m === i) break;
      [h[m], h[i]] = [h[i], h[m]];
      i = m;
    }
  }
}

function less(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

let lastMs = NaN,
  lastText = '';
/** RFC 3339 to the second, as metav1.Time serialises; the last answer is kept, as most calls ask for "now". */
export function formatTime(ms: number): string {
  if (ms !== lastMs) {
    lastMs = ms;
    lastText = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return lastText;
}
export function parseTime(s: string | undefined): number {
  return s ? Date.parse(s) : 0;
}
