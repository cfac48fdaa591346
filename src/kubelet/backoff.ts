// client-go's flowcontrol.Backoff as the kubelet uses it for container restarts and image pulls
// (util/flowcontrol/backoff.go, without jitter): 10s doubling to 300s; an entry not updated for 2 × 300s
// has expired and starts again at 10s.
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

export interface BackoffEntry {
  backoffMs: number;
  lastUpdate: number;
}

const expired = (eventTime: number, e: BackoffEntry) => eventTime - e.lastUpdate > 2 * BACKOFF_MAX_MS;

/** IsInBackOffSince: whether `now` is still within the back-off counted from eventTime. */
export function inBackOffSince(e: BackoffEntry | undefined, eventTime: number, now: number): boolean {
  if (!e || expired(eventTime, e)) return false;
  return now - eventTime < e.backoffMs;
}

/** Next: the entry after one more failure at eventTime. */
export function nextBackoff(e: BackoffEntry | undefined, eventTime: number): BackoffEntry {
  if (!e || expired(eventTime, e)) return { backoffMs: BACKOFF_INITIAL_MS, lastUpdate: eventTime };
  return { backoffMs: Math.min(e.backoffMs * 2, BACKOFF_MAX_MS), lastUpdate: eventTime };
}
