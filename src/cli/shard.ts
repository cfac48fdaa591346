// `kspec run --shard i/n`: a deterministic split of a run's scenarios for a CI matrix (cucumber-js has none).
// Scenarios are ordered by file and line and dealt round-robin, so each shard gets every n-th one and the
// shards' sizes differ by at most one. Kept apart so a timing-balanced split can replace `shardOf` alone.
import { UsageError } from './errors';

export interface Shard {
  index: number;
  total: number;
}

/** `2/4` -> { index: 2, total: 4 }; 1-based, as CI matrices count. */
export function parseShard(text: string): Shard {
  const m = text.match(/^(\d+)\/(\d+)$/);
  const index = m ? Number(m[1]) : NaN,
    total = m ? Number(m[2]) : NaN;
  if (!m || total < 1 || index < 1 || index > total)
    throw new UsageError(`--shard takes i/n with 1 <= i <= n (e.g. --shard 2/4), not "${text}"`);
  return { index, total };
}

/** The scenarios (`uri:line`) of shard `index` of `total`. */
export function shardOf(scenarios: readonly { uri: string; line: number }[], { index, total }: Shard): string[] {
  return [...scenarios]
    .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.line - b.line))
    .filter((_, i) => i % total === index - 1)
    .map((s) => `${s.uri}:${s.line}`);
}
