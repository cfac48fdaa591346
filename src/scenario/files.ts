// Files a scenario puts in place on the model: a file a container writes (into its volumes or its own layer),
// and files on a node's disk (for hostPath and local volumes). A pod is named in a namespace (default `default`);
// the container defaults to the pod's first, as kubectl exec's does.

import type { Cluster } from '../cluster';
import { writeFile, describeFileError, defaultContainer } from '../kubelet/volumes/files';
import { nodeHost } from '../world/disks';
import type { KObject } from '../api/meta';

/** A file or directory in a pod: `{ pod: 'web' }`, `{ pod: 'web', container: 'nginx', namespace: 'prod' }`. */
export interface InPod {
  pod: string;
  container?: string;
  namespace?: string;
}

/** The pod, or kubectl's NotFound. */
export function podNamed(cluster: Cluster, at: InPod): KObject {
  const p = cluster.tryGet('pods', at.pod, at.namespace);
  if (!p) throw new Error(`Error from server (NotFound): pods "${at.pod}" not found`);
  return p;
}

const withNewline = (content: string) => (content.endsWith('\n') ? content : content + '\n');

/** The container writes the file (a newline ends it), as `sh -c 'cat > file'` would; then the cluster converges. */
export function writeFileInPod(cluster: Cluster, at: InPod, file: string, content: string): void {
  const p = podNamed(cluster, at);
  const r = writeFile(cluster, p, at.container ?? defaultContainer(p), file, withNewline(content));
  if (!r.ok) throw new Error(describeFileError("sh: can't create", file, r.error));
  cluster.converge();
}

/** A file on the node's disk (a newline ends it). */
export function writeNodeFile(cluster: Cluster, node: string, file: string, content: string): void {
  cluster.disks.write(nodeHost(node), file, withNewline(content));
}

/** A directory on the node's disk. */
export function makeNodeDirectory(cluster: Cluster, node: string, dir: string): void {
  cluster.disks.mkdir(nodeHost(node), dir);
}
