// Orderings shared by the workload controllers (pkg/controller/controller_utils.go).

import type { KObject } from '../../api/meta';
import { parseTime } from '../../runtime/clock';

export function creationTime(o: KObject): number {
  return parseTime(o.metadata.creationTimestamp);
}

/** ReplicaSetsByCreationTimestamp: oldest first, ties by name. */
export function byCreationTimestamp(a: KObject, b: KObject): number {
  const d = creationTime(a) - creationTime(b);
  if (d !== 0) return d;
  return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
}
