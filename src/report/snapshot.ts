// The cluster at the moment of a failure, as `kubectl get` prints it: nodes, everything in every namespace,
// claims and volumes. Read without converging, so it shows the state the failing step saw.
import type { Cluster } from '../cluster';
import { runKubectl } from '../kubectl/kubectl';

export const SNAPSHOT_COMMANDS = [
  'get nodes -o wide',
  'get all -A -o wide',
  'get pvc,pv -A',
  'get configmaps,secrets -A',
];

export function clusterSnapshot(cluster: Cluster): string {
  return SNAPSHOT_COMMANDS.map((line) => {
    const r = runKubectl(cluster.kubectlEnv, line, {});
    return `$ kubectl ${line}\n${(r.stdout + r.stderr).replace(/\s+$/, '')}\n`;
  }).join('\n');
}
