// DNS, seen from a pod in namespace `default` or, with a trailing ` from namespace "x"`, from that namespace:
// the name is resolved as a ClusterFirst pod's resolver does (search path, ndots:5) against CoreDNS's records.
import { Then } from '@cucumber/cucumber';
import { KspecWorld } from './world';
import { kindInfo } from './parameters';
import { checkResolution, DnsExpectation } from '../src/assert/dns';

const FROM = '(?: from namespace "([^"]*)")?';
const Q = '"([^"]*)"';
const KIND = '([a-z]+)';
const step = (body: string) => new RegExp(`^${body}${FROM}$`);

type Opt = string | undefined;

function expectDns(world: KspecWorld, name: string, from: Opt, want: DnsExpectation): void {
  const failure = checkResolution(world.cluster.api, { namespace: from || 'default' }, name, want);
  if (failure) throw new Error(failure);
}

Then(step(`${Q} resolves to the cluster IP of service ${Q}`), function (this: KspecWorld, name: string, service: string, from: Opt) {
  expectDns(this, name, from, { clusterIPOf: service });
});
Then(step(`${Q} resolves to the IPs of the pods of ${KIND} ${Q}`), function (this: KspecWorld, name: string, kind: string, obj: string, from: Opt) {
  expectDns(this, name, from, { podsOf: { info: kindInfo(kind), name: obj } });
});
Then(step(`${Q} resolves to the IP of pod ${Q}`), function (this: KspecWorld, name: string, pod: string, from: Opt) {
  expectDns(this, name, from, { podIP: pod });
});
Then(step(`${Q} is an alias for ${Q}`), function (this: KspecWorld, name: string, target: string, from: Opt) {
  expectDns(this, name, from, { alias: target });
});
Then(step(`${Q} does not resolve`), function (this: KspecWorld, name: string, from: Opt) {
  expectDns(this, name, from, { nxdomain: true });
});
