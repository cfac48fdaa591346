// slowStartBatch of pkg/controller/replicaset/replica_set.go: calls fn `count` times in batches that double
// (1, 2, 4, ...) so a failing create (quota, admission) fails once, not `count` times. The first batch with an
// error stops the rest. Returns the number of successful calls and the first error.

/** SlowStartInitialBatchSize (pkg/controller/controller_utils.go). */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

export function slowStartBatch(
  count: number,
  initialBatchSize: number,
  fn: () => void,
): { successes: number; error?: unknown } {
  let remaining = count,
    successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let error: unknown;
    for (let i = 0; i < batch; i++) {
      try {
        fn();
        successes++;
      } catch (e) {
        if (error === undefined) error = e;
      }
    }
    if (error !== undefined) return { successes, error };
    remaining -= batch;
  }
  return { successes };
}

/** The batch sizes slowStartBatch would use for `count` calls, all succeeding. */
export function slowStartBatchSizes(count: number, initialBatchSize = SLOW_START_INITIAL_BATCH_SIZE): number[] {
  const sizes: number[] = [];
  let remaining = count;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    sizes.push(batch);
    remaining -= batch;
  }
  return sizes;
}
