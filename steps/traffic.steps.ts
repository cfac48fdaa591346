// Traffic: connections and HTTP requests routed through the nodes' kube-proxy rules (src/network/traffic), seen
// from a pod in namespace `default` or, with a trailing ` from namespace "x"`, from that namespace; or from a
// given pod, or from outside the cluster. Also kube-proxy's mode, commands on a node, and spreading many
// connections. The DNS phrases are in dns.steps.ts.
import { Given, When, Then } from '@cucumber/cucumber';
import type { KspecWorld } from './world';
import { kindInfo } from './parameters';
import type { ResourceInfo } from '../src/api/kinds';
import type { ObjectKey } from '../src/target/target';
import { clientOf, type Source } from '../src/scenario/clients';
import {
  connectMany,
  expectConnection,
  expectEachPodReceived,
  expectHttpReaches,
  expectSamePod,
  expectSpreadTo,
  type Spread,
} from '../src/assert/traffic';
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

/** The source the phrase names. */
function source(phrase: Opt): Source {
  if (!phrase) return undefined;
  if (phrase === 'outside the cluster') return { outside: true };
  const named = /^pod "(.*)"$/.exec(phrase);
  if (named) return { pod: named[1] };
  const [, kind, name] = /^a pod of ([a-z]+) "(.*)"$/.exec(phrase)!;
  return { podOf: { info: kindInfo(kind), name } };
}

/** The client of the phrase: its pod's namespace is the trailing `from namespace`, else default. */
const client = (w: KspecWorld, phrase: Opt, ns: Opt) => clientOf(w.cluster, source(phrase), ns || 'default');

/** The object a phrase names (`deployment "web"`), in its namespace or default. */
const key = (kind: string, name: string, ns: Opt): ObjectKey => ({
  info: kindInfo(kind),
  name,
  namespace: ns || 'default',
});
const inDefault = (info: ResourceInfo, name: string): ObjectKey => ({ info, name, namespace: 'default' });

// Model-only (traffic through kube-proxy's rules): a TCP connection to host:port is routed to a pod of the object; e.g. `Then a connection from outside the cluster to "node-3:30080" reaches a pod of deployment "web"`
Then(
  step(`a connection${SOURCE} to ${Q} reaches a pod of ${KIND} ${Q}${IN_NS}`),
  function (this: KspecWorld, src: Opt, dest: string, kind: string, obj: string, objNs: Opt, from: Opt) {
    expectConnection(this.cluster, client(this, src, from), dest, { reaches: key(kind, obj, objNs ?? from) });
  },
);

// Model-only (traffic through kube-proxy's rules): the address the pod sees the connection come from (the node's when it was masqueraded); e.g. `Then a connection from outside the cluster to "node-1:8080" arrives from "198.51.100.10"`
Then(
  step(`a connection${SOURCE} to ${Q} arrives from ${Q}`),
  function (this: KspecWorld, src: Opt, dest: string, want: string, from: Opt) {
    expectConnection(this.cluster, client(this, src, from), dest, { arrivesFrom: want });
  },
);

// Model-only (traffic through kube-proxy's rules): the connection is refused (no endpoints, or nothing listens); e.g. `Then a connection to "hostnames:80" is refused`
Then(step(`a connection${SOURCE} to ${Q} is refused`), function (this: KspecWorld, src: Opt, dest: string, from: Opt) {
  expectConnection(this.cluster, client(this, src, from), dest, { refused: true });
});

// Model-only (traffic through kube-proxy's rules): the connection is dropped and times out; e.g. `Then a connection from pod "client" to "10.96.0.99:80" times out`
Then(step(`a connection${SOURCE} to ${Q} times out`), function (this: KspecWorld, src: Opt, dest: string, from: Opt) {
  expectConnection(this.cluster, client(this, src, from), dest, { timesOut: true });
});

// Model-only (traffic through kube-proxy's rules): the host name of the address does not resolve; e.g. `Then a connection to "my-service:80" cannot resolve the host from namespace "dev"`
Then(
  step(`a connection${SOURCE} to ${Q} cannot resolve the host`),
  function (this: KspecWorld, src: Opt, dest: string, from: Opt) {
    expectConnection(this.cluster, client(this, src, from), dest, { unresolved: true });
  },
);

// Model-only (traffic through kube-proxy's rules): an HTTP request for the URL (through the ingress controller when its host points there) reaches a pod of the object; e.g. `Then an HTTP request for "http://web.example.com/index.html" reaches a pod of deployment "web"`
Then(
  step(`an HTTP request for ${Q} reaches a pod of ${KIND} ${Q}${IN_NS}`),
  function (this: KspecWorld, url: string, kind: string, obj: string, objNs: Opt, from: Opt) {
    expectHttpReaches(this.cluster, client(this, undefined, from), url, key(kind, obj, objNs ?? from));
  },
);

// Many connections: the table of pods that took them becomes the command's output; the World keeps the spread.

// Model-only (traffic through kube-proxy's rules): makes that many connections and keeps which pods took them, the table as the output; e.g. `When I connect 100 times to "web:80"`
When(
  step(`I connect ${'(\\d+)'} times${SOURCE} to ${Q}`),
  function (this: KspecWorld, n: string, src: Opt, dest: string, from: Opt) {
    const { spread, result } = connectMany(this.cluster, client(this, src, from), dest, Number(n));
    this.spread = spread;
    // failed connections are an outcome the spread steps check, not a mistake in the scenario
    this.ran(result, { mustCheck: false });
  },
);

function lastSpread(w: KspecWorld): Spread {
  if (!w.spread) throw new Error('no connections were made yet: use `When I connect 100 times to "web:80"` first');
  return w.spread;
}

// Model-only (traffic through kube-proxy's rules): of the last `I connect` connections, that many reached the object's pods; e.g. `Then between 70 and 130 of them reached a pod of deployment "myapp-canary"`
Then(
  `between {int} and {int} of them reached a pod of {kind} {string}`,
  function (this: KspecWorld, lo: number, hi: number, info: ResourceInfo, name: string) {
    expectSpreadTo(this.cluster, lastSpread(this), inDefault(info, name), lo, hi);
  },
);

// Model-only (traffic through kube-proxy's rules): every pod of the object took exactly that many; e.g. `Then each pod of deployment "web" received 10 of them`
Then(
  `each pod of {kind} {string} received {int} of them`,
  function (this: KspecWorld, info: ResourceInfo, name: string, want: number) {
    expectEachPodReceived(this.cluster, lastSpread(this), inDefault(info, name), want, want);
  },
);

// Model-only (traffic through kube-proxy's rules): every pod of the object took between the two; e.g. `Then each pod of deployment "hostnames" received between 70 and 130 of them`
Then(
  `each pod of {kind} {string} received between {int} and {int} of them`,
  function (this: KspecWorld, info: ResourceInfo, name: string, lo: number, hi: number) {
    expectEachPodReceived(this.cluster, lastSpread(this), inDefault(info, name), lo, hi);
  },
);

// Model-only (traffic through kube-proxy's rules): every connection reached one pod (session affinity); e.g. `Then all of them reached the same pod`
Then(`all of them reached the same pod`, function (this: KspecWorld) {
  expectSamePod(lastSpread(this));
});

// kube-proxy's mode, and commands on a node.
const MODES: Record<string, ProxyMode> = { iptables: 'iptables', ipvs: 'ipvs', IPVS: 'ipvs' };

// Model-only (kube-proxy's configuration): `a cluster with N nodes` with kube-proxy in that mode; e.g. `Given a cluster with 2 nodes in IPVS mode`
Given(
  /^a cluster with (\d+) nodes? in (iptables|ipvs|IPVS) mode$/,
  function (this: KspecWorld, n: string, mode: string) {
    this.createCluster(Number(n)).network.setMode(MODES[mode]);
  },
);

// Model-only (kube-proxy's configuration): switches kube-proxy's mode, and IPVS's scheduler (rr by default); e.g. `Given kube-proxy runs in "ipvs" mode with the "sh" scheduler`
Given(
  /^kube-proxy runs in "([^"]*)" mode(?: with the "([^"]*)" scheduler)?$/,
  function (this: KspecWorld, mode: string, scheduler: Opt) {
    if (!MODES[mode]) throw new Error(`kube-proxy's mode is "iptables" or "ipvs"; got "${mode}"`);
    if (scheduler && !['rr', 'wrr', 'lc', 'wlc', 'sh', 'dh', 'sed', 'nq'].includes(scheduler))
      throw new Error(`unknown IPVS scheduler "${scheduler}"`);
    this.cluster.network.setMode(MODES[mode], scheduler);
  },
);

// Model-only (kube-proxy's configuration): kube-proxy's configuration field nodePortAddresses, CIDRs (comma-separated) or "primary": NodePorts answer only on the node addresses it selects; e.g. `Given kube-proxy's nodePortAddresses is "172.18.0.3/32"`
Given("kube-proxy's nodePortAddresses is {string}", function (this: KspecWorld, list: string) {
  this.cluster.network.setNodePortAddresses(
    list
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
});

// Model-only (kube-proxy's configuration): kube-proxy's configuration field masqueradeAll: SNAT every connection to a cluster IP; e.g. `Given kube-proxy's masqueradeAll is true`
Given(/^kube-proxy's masqueradeAll is (true|false)$/, function (this: KspecWorld, on: string) {
  this.cluster.network.setMasqueradeAll(on === 'true');
});

// Model-only (commands on a node): a command on the node (iptables-save, iptables -S, ipvsadm -L -n, ip addr show kube-ipvs0, piped to grep), as the result; e.g. `When I run "ipvsadm -L -n" on node "node-2"`
When('I run {string} on node {string}', function (this: KspecWorld, line: string, node: string) {
  this.ran(runOnNode(this.cluster.network, node, line));
});
