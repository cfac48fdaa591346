// Traffic assertions on the model: a connection or an HTTP request, routed through the nodes' kube-proxy rules
// (src/network/traffic), reaches a pod of an object, is refused, times out, cannot resolve its host, or arrives
// from an address; and many connections spread over an object's pods. A failure shows the route it took.

import type { Cluster } from '../cluster';
import type { ObjectKey } from '../target/target';
import type { KObject } from '../api/meta';
import type { CommandResult } from '../util/command';
import { type Client, type Outcome, connect } from '../network/traffic/connect';
import { httpRequest } from '../network/traffic/http';
import { type Spread, spread, spreadTable } from '../network/traffic/balance';
import { podBelongsTo } from '../scenario/pods-of';

export type { Spread } from '../network/traffic/balance';

export type ConnectionWant =
  | { reaches: ObjectKey }
  | { refused: true }
  | { timesOut: true }
  | { unresolved: true }
  /** the address the pod sees the connection come from (the node's when it was masqueraded) */
  | { arrivesFrom: string };

const shown = (o: Outcome) =>
  `${o.message ? `  ${o.message}\n` : ''}  route:\n${o.trace.map((t) => `    ${t}`).join('\n')}`;
const podName = (p?: KObject) => (p ? `pod ${p.metadata.namespace}/${p.metadata.name}` : 'no pod');

function expectReaches(cluster: Cluster, what: string, o: Outcome, t: ObjectKey): void {
  if (!o.ok)
    throw new Error(`expected ${what} to reach a pod of ${t.info.singular} "${t.name}", but it failed:\n${shown(o)}`);
  if (!o.pod || !podBelongsTo(cluster.api, o.pod, t.info, t.name, t.namespace!)) {
    throw new Error(
      `expected ${what} to reach a pod of ${t.info.singular} "${t.name}", but it reached ${podName(o.pod)} (${o.endpoint}):\n${shown(o)}`,
    );
  }
}

function expectFailure(what: string, o: Outcome, error: 'refused' | 'timeout'): void {
  const word = error === 'refused' ? 'be refused' : 'time out';
  if (o.ok)
    throw new Error(`expected ${what} to ${word}, but it reached ${podName(o.pod)} (${o.endpoint}):\n${shown(o)}`);
  if (o.error !== error) throw new Error(`expected ${what} to ${word}, but it failed otherwise:\n${shown(o)}`);
}

/** A TCP connection from the client to `host:port` (a name, a cluster IP, a node port) ends as wanted. */
export function expectConnection(cluster: Cluster, from: Client, dest: string, want: ConnectionWant): void {
  // a missing object is named by its NotFound before anything connects
  if ('reaches' in want) cluster.get(want.reaches.info.resource, want.reaches.name, want.reaches.namespace);
  const o = connect(cluster.network, from, dest);
  const what = `a connection to "${dest}"`;
  if ('reaches' in want) expectReaches(cluster, what, o, want.reaches);
  else if ('refused' in want) expectFailure(what, o, 'refused');
  else if ('timesOut' in want) expectFailure(what, o, 'timeout');
  else if ('unresolved' in want) {
    if (o.ok || o.error !== 'unresolved')
      throw new Error(`expected the host of "${dest}" not to resolve, but it did:\n${shown(o)}`);
  } else {
    if (!o.ok) throw new Error(`expected ${what} to arrive from ${want.arrivesFrom}, but it failed:\n${shown(o)}`);
    if (o.source !== want.arrivesFrom)
      throw new Error(
        `expected ${what} to arrive from ${want.arrivesFrom}, but ${podName(o.pod)} saw it come from ${o.source}:\n${shown(o)}`,
      );
  }
}

/** An HTTP request for the URL (through the ingress controller when its host points there) reaches a pod of the object. */
export function expectHttpReaches(cluster: Cluster, from: Client, url: string, target: ObjectKey): void {
  cluster.get(target.info.resource, target.name, target.namespace);
  expectReaches(cluster, `an HTTP request for "${url}"`, httpRequest(cluster.network, from, url), target);
}

/** Makes `n` connections and counts the pods that took them; the table is the command's output (failed: exit 1). */
export function connectMany(
  cluster: Cluster,
  from: Client,
  dest: string,
  n: number,
): { spread: Spread; result: CommandResult } {
  const s = spread(cluster.network, from, dest, n);
  return {
    spread: s,
    result: { command: `${n} connections to ${dest}`, stdout: spreadTable(s), stderr: '', exitCode: s.failed ? 1 : 0 },
  };
}

/** How many of the connections reached a pod of the object (pods of the object's namespace). */
function countFor(cluster: Cluster, s: Spread, t: ObjectKey): number {
  let n = 0;
  for (const [name, e] of s.byPod) {
    const pod = cluster.tryGet('pods', name, t.namespace);
    if (pod && podBelongsTo(cluster.api, pod, t.info, t.name, t.namespace!)) n += e.count;
  }
  return n;
}

/** Between `lo` and `hi` of the connections reached a pod of the object. */
export function expectSpreadTo(cluster: Cluster, s: Spread, target: ObjectKey, lo: number, hi: number): void {
  const n = countFor(cluster, s, target);
  if (n < lo || n > hi)
    throw new Error(
      `expected between ${lo} and ${hi} of the ${s.total} connections to reach a pod of ${target.info.singular} "${target.name}", but ${n} did:\n${spreadTable(s)}`,
    );
}

/** Every pod of the object with an address took between `lo` and `hi` of the connections. */
export function expectEachPodReceived(cluster: Cluster, s: Spread, target: ObjectKey, lo: number, hi: number): void {
  const ns = target.namespace!;
  const pods = cluster
    .list('pods', { namespace: ns })
    .filter((p) => p.status?.podIP && podBelongsTo(cluster.api, p, target.info, target.name, ns));
  const wrong = pods.filter((p) => {
    const n = s.byPod.get(p.metadata.name!)?.count ?? 0;
    return n < lo || n > hi;
  });
  const want = lo === hi ? String(lo) : `between ${lo} and ${hi}`;
  if (!pods.length || wrong.length)
    throw new Error(
      `expected each pod of ${target.info.singular} "${target.name}" to receive ${want} of the ${s.total} connections:\n${spreadTable(s)}`,
    );
}

/** Every connection reached one pod (session affinity). */
export function expectSamePod(s: Spread): void {
  if (s.failed || s.byPod.size !== 1) throw new Error(`expected every connection to reach one pod:\n${spreadTable(s)}`);
}
