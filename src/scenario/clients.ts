// Who makes a connection in a scenario: a pod named in a namespace, a pod of an object (its first pod by name
// that has an address), any pod of a namespace (from its node's pod range), or a client outside the cluster.

import type { Cluster } from '../cluster';
import type { ResourceInfo } from '../api/kinds';
import type { Client } from '../network/traffic/connect';
import { aPodOf } from './pods-of';

export type Source = { pod: string } | { podOf: { info: ResourceInfo; name: string } } | { outside: true } | undefined;

/** The client the source names; a pod's namespace is `namespace` (default `default`). */
export function clientOf(cluster: Cluster, source: Source, namespace = 'default'): Client {
  if (!source) return { kind: 'pod', namespace };
  if ('outside' in source) return { kind: 'external' };
  if ('pod' in source) return { kind: 'pod', namespace, pod: cluster.get('pods', source.pod, namespace) };
  const { info, name } = source.podOf;
  const pod = aPodOf(cluster.api, info, name, namespace);
  if (!pod)
    throw new Error(`${info.singular} "${name}" in namespace "${namespace}" has no pod with an IP to connect from`);
  return { kind: 'pod', namespace, pod };
}
