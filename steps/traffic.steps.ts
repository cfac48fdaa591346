// Traffic: connections and HTTP requests routed through the nodes' kube-proxy rules (src/network/traffic), seen
// from a pod in namespace `default` or, with a trailing ` from namespace "x"`, from that namespace; or from a
// given pod, or from outside the cluster. Also kube-proxy's mode, commands on a node, and spreading many
// connections. The DNS phrases are in dns.steps.ts.
import { Given, When, Then } from '@cucumber/cucumber';
import { KspecWorld } from './world';
import { kindInfo } from './parameters';
import type { KObject } from '../src/api/meta';
import type { ResourceInfo } from '../src/api/kinds';
import { Client, Outcome, connect } from '../src/network/traffic/connect';
import { httpRequest } from '../src/network/traffic/http';
import { Spread, spread, spreadTable } from '../src/network/traffic/balance';
import { aPodOf, podBelongsTo } from '../src/network/traffic/targets';
import { runOnNode } from '../src/network/proxy/commands';
import type { ProxyMode } from '../src/network/proxy/kube-proxy';

const FROM = '(?: from namespace "([^"]*)")?';
const Q = '"([^"]*)"';
const KIND = '([a-z]+)';
const IN_NS = '(?: in namespace "([^"]*)")?';
/** who connects: ` from outside the cluster`, ` from pod "x"`, ` from a pod of deployment "x"` */
const SOURCE = '(?: from (outside the cluster|pod "[^"]*"|a pod of [a-z]+ "[^"]*"))?';
const step = (body: string) => new RegExp(`^${body}${FROM}$`);

type Opt = string | undefined;
interface Target { info: ResourceInfo; name: string; namespace: string }

/** The client the phrase names; the namespace is the pod's, or the trailing `from namespace`, or default. */
function client(w: KspecWorld, source: Opt, ns: Opt): Client {
  const namespace = ns || 'default';
  if (!source) return { kind: 'pod', namespace };
  if (source === 'outside the cluster') return { kind: 'external' };
  const named = /^pod "(.*)"$/.exec(source);
  if (named) return { kind: 'pod', namespace, pod: w.cluster.get('pods', named[1], namespace) };
  const [, kind, obj] = /^a pod of ([a-z]+) "(.*)"$/.exec(source)!;
  const info = kindInfo(kind);
  const pod = aPodOf(w.cluster.api, info, obj, namespace);
  if (!pod) throw new Error(`${info.singular} "${obj}" in namespace "${namespace}" has no pod with an IP to connect from`);
  return { kind: 'pod', namespace, pod };
}

function target(w: KspecWorld, kind: string, name: string, ns: Opt): Target {
  const info = kindInfo(kind);
  const namespace = ns || 'default';
  w.cluster.get(info.resource, name, namespace); // NotFound names the missing object
  return { info, name, namespace };
}

const shown = (o: Outcome) => `${o.message ? `  ${o.message}\n` : ''}  route:\n${o.trace.map((t) => `    ${t}`).join('\n')}`;
const podName = (p?: KObject) => (p ? `pod ${p.metadata.namespace}/${p.metadata.name}` : 'no pod');

function expectReaches(w: KspecWorld, what: string, o: Outcome, t: Target): void {
  if (!o.ok) throw new Error(`expected ${what} to reach a pod of ${t.info.singular} "${t.name}", but it failed:\n${shown(o)}`);
  if (!o.pod || !podBelongsTo(w.cluster.api, o.pod, t.info, t.name, t.namespace)) {
    throw new Error(`expected ${what} to reach a pod of ${t.info.singular} "${t.name}", but it reached ${podName(o.pod)} (${o.endpoint}):\n${shown(o)}`);
  }
}

function expectFailure(what: string, o: Outcome, error: 'refused' | 'timeout'): void {
  const word = error === 'refused' ? 'be refused' : 'time out';
  if (o.ok) throw new Error(`expected ${what} to ${word}, but it reached ${podName(o.pod)} (${o.endpoint}):\n${shown(o)}`);
  if (o.error !== error) throw new Error(`expected ${what} to ${word}, but it failed otherwise:\n${shown(o)}`);
}

// Model-only (traffic through kube-proxy's rules): a TCP connection to host:port is routed to a pod of the object; e.g. `Then a connection from outside the cluster to "node-3:30080" reaches a pod of deployment "web"`
Then(step(`a connection${SOURCE} to ${Q} reaches a pod of ${KIND} ${Q}${IN_NS}`),
  function (this: KspecWorld, source: Opt, dest: string, kind: string, obj: string, objNs: Opt, from: Opt) {
    const t = target(this, kind, obj, objNs ?? from);
    expectReaches(this, `a connection to "${dest}"`, connect(this.cluster.network, client(this, source, from), dest), t);
  });

// Model-only (traffic through kube-proxy's rules): the address the pod sees the connection come from (the node's when it was masqueraded); e.g. `Then a connection from outside the cluster to "node-1:8080" arrives from "198.51.100.10"`
Then(step(`a connection${SOURCE} to ${Q} arrives from ${Q}`), function (this: KspecWorld, source: Opt, dest: string, want: string, from: Opt) {
  const o = connect(this.cluster.network, client(this, source, from), dest);
  if (!o.ok) throw new Error(`expected a connection to "${dest}" to arrive from ${want}, but it failed:\n${shown(o)}`);
  if (o.source !== want) throw new Error(`expected a connection to "${dest}" to arrive from ${want}, but ${podName(o.pod)} saw it come from ${o.source}:\n${shown(o)}`);
});

// Model-only (traffic through kube-proxy's rules): the connection is refused (no endpoints, or nothing listens); e.g. `Then a connection to "hostnames:80" is refused`
Then(step(`a connection${SOURCE} to ${Q} is refused`), function (this: KspecWorld, source: Opt, dest: string, from: Opt) {
  expectFailure(`a connection to "${dest}"`, connect(this.cluster.network, client(this, source, from), dest), 'refused');
});

// Model-only (traffic through kube-proxy's rules): the connection is dropped and times out; e.g. `Then a connection from pod "client" to "10.96.0.99:80" times out`
Then(step(`a connection${SOURCE} to ${Q} times out`), function (this: KspecWorld, source: Opt, dest: string, from: Opt) {
  expectFailure(`a connection to "${dest}"`, connect(this.cluster.network, client(this, source, from), dest), 'timeout');
});

// Model-only (traffic through kube-proxy's rules): the host name of the address does not resolve; e.g. `Then a connection to "my-service:80" cannot resolve the host from namespace "dev"`
Then(step(`a connection${SOURCE} to ${Q} cannot resolve the host`), function (this: KspecWorld, source: Opt, dest: string, from: Opt) {
  const o = connect(this.cluster.network, client(this, source, from), dest);
  if (o.ok || o.error !== 'unresolved') throw new Error(`expected the host of "${dest}" not to resolve, but it did:\n${shown(o)}`);
});

// Model-only (traffic through kube-proxy's rules): an HTTP request for the URL (through the ingress controller when its host points there) reaches a pod of the object; e.g. `Then an HTTP request for "http://web.example.com/index.html" reaches a pod of deployment "web"`
Then(step(`an HTTP request for ${Q} reaches a pod of ${KIND} ${Q}${IN_NS}`), function (this: KspecWorld, url: string, kind: string, obj: string, objNs: Opt, from: Opt) {
  const t = target(this, kind, obj, objNs ?? from);
  expectReaches(this, `an HTTP request for "${url}"`, httpRequest(this.cluster.network, { kind: 'pod', namespace: from || 'default' }, url), t);
});

// Many connections: the table of pods that took them becomes the command's output.
const spreads = new WeakMap<KspecWorld, Spread>();

// Model-only (traffic through kube-proxy's rules): makes that many connections and keeps which pods took them, the table as the output; e.g. `When I connect 100 times to "web:80"`
When(step(`I connect ${'(\\d+)'} times${SOURCE} to ${Q}`), function (this: KspecWorld, n: string, source: Opt, dest: string, from: Opt) {
  const s = spread(this.cluster.network, client(this, source, from), dest, Number(n));
  spreads.set(this, s);
  // failed connections are an outcome the spread steps check, not a mistake in the scenario
  this.ran({ command: `${n} connections to ${dest}`, stdout: spreadTable(s), stderr: '', exitCode: s.failed ? 1 : 0 }, { mustCheck: false });
});

function lastSpread(w: KspecWorld): Spread {
  const s = spreads.get(w);
  if (!s) throw new Error('no connections were made yet: use `When I connect 100 times to "web:80"` first');
  return s;
}

function countFor(w: KspecWorld, s: Spread, t: Target): number {
  let n = 0;
  for (const [name, e] of s.byPod) {
    const pod = w.cluster.tryGet('pods', name, t.namespace);
    if (pod && podBelongsTo(w.cluster.api, pod, t.info, t.name, t.namespace)) n += e.count;
  }
  return n;
}

// Model-only (traffic through kube-proxy's rules): of the last `I connect` connections, that many reached the object's pods; e.g. `Then between 70 and 130 of them reached a pod of deployment "myapp-canary"`
Then(`between {int} and {int} of them reached a pod of {kind} {string}`, function (this: KspecWorld, lo: number, hi: number, info: ResourceInfo, name: string) {
  const s = lastSpread(this);
  const n = countFor(this, s, { info, name, namespace: 'default' });
  if (n < lo || n > hi) throw new Error(`expected between ${lo} and ${hi} of the ${s.total} connections to reach a pod of ${info.singular} "${name}", but ${n} did:\n${spreadTable(s)}`);
});

function eachPod(w: KspecWorld, info: ResourceInfo, name: string, lo: number, hi: number, want: string): void {
  const s = lastSpread(w);
  const pods = w.cluster.list('pods', { namespace: 'default' }).filter((p) => p.status?.podIP && podBelongsTo(w.cluster.api, p, info, name, 'default'));
  const wrong = pods.filter((p) => { const n = s.byPod.get(p.metadata.name!)?.count ?? 0; return n < lo || n > hi; });
  if (!pods.length || wrong.length) throw new Error(`expected each pod of ${info.singular} "${name}" to receive ${want} of the ${s.total} connections:\n${spreadTable(s)}`);
}

// Model-only (traffic through kube-proxy's rules): every pod of the object took exactly that many; e.g. `Then each pod of deployment "web" received 10 of them`
Then(`each pod of {kind} {string} received {int} of them`, function (this: KspecWorld, info: ResourceInfo, name: string, want: number) {
  eachPod(this, info, name, want, want, String(want));
});

// Model-only (traffic through kube-proxy's rules): every pod of the object took between the two; e.g. `Then each pod of deployment "hostnames" received between 70 and 130 of them`
Then(`each pod of {kind} {string} received between {int} and {int} of them`, function (this: KspecWorld, info: ResourceInfo, name: string, lo: number, hi: number) {
  eachPod(this, info, name, lo, hi, `between ${lo} and ${hi}`);
});

// Model-only (traffic through kube-proxy's rules): every connection reached one pod (session affinity); e.g. `Then all of them reached the same pod`
Then(`all of them reached the same pod`, function (this: KspecWorld) {
  const s = lastSpread(this);
  if (s.failed || s.byPod.size !== 1) throw new Error(`expected every connection to reach one pod:\n${spreadTable(s)}`);
});

// kube-proxy's mode, and commands on a node.
const MODES: Record<string, ProxyMode> = { iptables: 'iptables', ipvs: 'ipvs', IPVS: 'ipvs' };

// Model-only (kube-proxy's configuration): `a cluster with N nodes` with kube-proxy in that mode; e.g. `Given a cluster with 2 nodes in IPVS mode`
Given(/^a cluster with (\d+) nodes? in (iptables|ipvs|IPVS) mode$/, function (this: KspecWorld, n: string, mode: string) {
  this.createCluster(Number(n)).network.setMode(MODES[mode]);
});

// Model-only (kube-proxy's configuration): switches kube-proxy's mode, and IPVS's scheduler (rr by default); e.g. `Given kube-proxy runs in "ipvs" mode with the "sh" scheduler`
Given(/^kube-proxy runs in "([^"]*)" mode(?: with the "([^"]*)" scheduler)?$/, function (this: KspecWorld, mode: string, scheduler: Opt) {
  if (!MODES[mode]) throw new Error(`kube-proxy's mode is "iptables" or "ipvs"; got "${mode}"`);
  if (scheduler && !['rr', 'wrr', 'lc', 'wlc', 'sh', 'dh', 'sed', 'nq'].includes(scheduler)) throw new Error(`unknown IPVS scheduler "${scheduler}"`);
  this.cluster.network.setMode(MODES[mode], scheduler);
});

// Model-only (kube-proxy's configuration): kube-proxy's configuration field nodePortAddresses, CIDRs (comma-separated) or "primary": NodePorts answer only on the node addresses it selects; e.g. `Given kube-proxy's nodePortAddresses is "172.18.0.3/32"`
Given("kube-proxy's nodePortAddresses is {string}", function (this: KspecWorld, list: string) {
  this.cluster.network.setNodePortAddresses(list.split(',').map((s) => s.trim()).filter(Boolean));
});

// Model-only (kube-proxy's configuration): kube-proxy's configuration field masqueradeAll: SNAT every connection to a cluster IP; e.g. `Given kube-proxy's masqueradeAll is true`
Given(/^kube-proxy's masqueradeAll is (true|false)$/, function (this: KspecWorld, on: string) {
  this.cluster.network.setMasqueradeAll(on === 'true');
});

// Model-only (commands on a node): a command on the node (iptables-save, iptables -S, ipvsadm -L -n, ip addr show kube-ipvs0, piped to grep), as the result; e.g. `When I run "ipvsadm -L -n" on node "node-2"`
When('I run {string} on node {string}', function (this: KspecWorld, line: string, node: string) {
  this.ran(runOnNode(this.cluster.network, node, line));
});
