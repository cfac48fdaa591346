// DNS, seen from a pod in namespace `default` or, with a trailing ` from namespace "x"`, from that namespace:
// the name is resolved as a ClusterFirst pod's resolver does (search path, ndots:5) against CoreDNS's records.
import { Then } from '@cucumber/cucumber';
import { KspecWorld } from './world';
import { kindInfo } from './parameters';
import { checkResolution, DnsExpectation } from '../src/assert/dns';

const FROM = '(?: from namespace "([^"]*)")?';
const Q = '"([^"]*)"';
const KIND = '([a-z]+)';
/** `in namespace "x"` may follow the object a phrase names; it defaults to the namespace looked up from */
const IN_NS = '(?: in namespace "([^"]*)")?';
const step = (body: string) => new RegExp(`^${body}${FROM}$`);

type Opt = string | undefined | null;

function expectDns(world: KspecWorld, name: string, from: Opt, want: DnsExpectation): void {
  const failure = checkResolution(world.cluster.api, { namespace: from || 'default' }, name, want);
  if (failure) throw new Error(failure);
}

Then(step(`${Q} resolves to the cluster IP of service ${Q}${IN_NS}`), function (this: KspecWorld, name: string, service: string, ns: Opt, from: Opt) {
  expectDns(this, name, from, { clusterIPOf: service, namespace: ns ?? undefined });
});
Then(step(`${Q} resolves to the IPs of the pods of ${KIND} ${Q}${IN_NS}`), function (this: KspecWorld, name: string, kind: string, obj: string, ns: Opt, from: Opt) {
  expectDns(this, name, from, { podsOf: { info: kindInfo(kind), name: obj }, namespace: ns ?? undefined });
});
Then(step(`${Q} resolves to the IP of pod ${Q}${IN_NS}`), function (this: KspecWorld, name: string, pod: string, ns: Opt, from: Opt) {
  expectDns(this, name, from, { podIP: pod, namespace: ns ?? undefined });
});
Then(step(`${Q} is an alias for ${Q}`), function (this: KspecWorld, name: string, target: string, from: Opt) {
  expectDns(this, name, from, { alias: target });
});
Then(step(`${Q} does not resolve`), function (this: KspecWorld, name: string, from: Opt) {
  expectDns(this, name, from, { nxdomain: true });
});
