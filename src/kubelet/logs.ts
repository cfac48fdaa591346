// The kubelet's container logs endpoint (pkg/kubelet/kubelet_pods.go GetContainerLogs and
// validateContainerLogStatus): which container instance's log a request reads, or why there is none.
// A log is what the instance's processes wrote (stdout and stderr, each line stamped with its virtual time), after
// the lines an image behaviour declares for its start.
import type { KObject } from '../api/meta';
import type { ContainerRecord } from './container';
import type { PodRecord } from './kubelets';

export interface LogLine {
  at: number;
  text: string;
}
export type LogResult = { ok: true; lines: LogLine[] } | { ok: false; message: string };

export function containerLogs(
  pod: KObject,
  rec: PodRecord | undefined,
  container: string,
  previous: boolean,
): LogResult {
  const podName = pod.metadata.name;
  const fail = (message: string): LogResult => ({ ok: false, message });
  const c: ContainerRecord | undefined = rec && [...rec.containers, ...rec.init].find((x) => x.name === container);
  if (!c) return fail(`container "${container}" in pod "${podName}" is not available`);
  const lines = (logs: LogLine[] | undefined) => ({
    ok: true as const,
    lines: (logs ?? []).map(({ at, text }) => ({ at, text })),
  });
  if (previous) {
    if (!c.lastTerminated) return fail(`previous terminated container "${container}" in pod "${podName}" not found`);
    return lines(c.lastLogs);
  }
  if (c.startedAt !== undefined) return lines(c.logs);
  if (c.lastTerminated) return lines(c.lastLogs);
  switch (c.waiting?.reason) {
    case 'ErrImagePull':
      return fail(`container "${container}" in pod "${podName}" is waiting to start: image can't be pulled`);
    case 'ImagePullBackOff':
      return fail(`container "${container}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
    case undefined:
      return fail(`container "${container}" in pod "${podName}" is waiting to start - no logs yet`);
    default:
      return fail(`container "${container}" in pod "${podName}" is waiting to start: ${c.waiting?.reason}`);
  }
}
