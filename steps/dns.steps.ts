// DNS, seen from a pod in namespace `default` or, with a trailing ` from namespace "x"`, from that namespace:
// the name is resolved as a ClusterFirst pod's resolver does (search path, ndots:5) against CoreDNS's records.
import { Then } from '@cucumber/cucumber';
import type { KspecWorld } from './world';
import { kindInfo } from './parameters';
import { expectResolution, type DnsExpectation } from '../src/assert/dns';

const FROM = '(?: from namespace "([^"]*)")?';
const Q = '"([^"]*)"';
const KIND = '([a-z]+)';
/** `in namespace "x"` may follow the object a phrase names; it defaults to the namespace looked up from */
const IN_NS = '(?: in namespace "([^"]*)")?';
const step = (body: string) => new RegExp(`^${body}${FROM}$`);

type Opt = string | undefined | null;

function expectDns(world: KspecWorld, name: string, from: Opt, want: DnsExpectation): void {
  expectResolution(world.cluster, name, want, { namespace: from || 'default' });
}

// Model-only (the model's DNS records): the name resolves (A record) to the service's cluster IP; e.g. `Then "web.prod.svc.cluster.local" resolves to the cluster IP of service "web" in namespace "prod"`
Then(
  step(`${Q} resolves to the cluster IP of service ${Q}${IN_NS}`),
  function (this: KspecWorld, name: string, service: string, ns: Opt, from: Opt) {
    expectDns(this, name, from, { clusterIPOf: service, namespace: ns ?? undefined });
  },
);
// Model-only (the model's DNS records): the name resolves to the IPs of the object's ready pods, as a headless service's name does; e.g. `Then "nginx" resolves to the IPs of the pods of statefulset "web"`
Then(
  step(`${Q} resolves to the IPs of the pods of ${KIND} ${Q}${IN_NS}`),
  function (this: KspecWorld, name: string, kind: string, obj: string, ns: Opt, from: Opt) {
    expectDns(this, name, from, { podsOf: { info: kindInfo(kind), name: obj }, namespace: ns ?? undefined });
  },
);
// Model-only (the model's DNS records): the name resolves to one pod's IP (a headless service's per-pod name); e.g. `Then "web-0.nginx" resolves to the IP of pod "web-0"`
Then(
  step(`${Q} resolves to the IP of pod ${Q}${IN_NS}`),
  function (this: KspecWorld, name: string, pod: string, ns: Opt, from: Opt) {
    expectDns(this, name, from, { podIP: pod, namespace: ns ?? undefined });
  },
);
// Model-only (the model's DNS records): the name is a CNAME for the target (an ExternalName service); e.g. `Then "my-service" is an alias for "my.database.example.com" from namespace "prod"`
Then(step(`${Q} is an alias for ${Q}`), function (this: KspecWorld, name: string, target: string, from: Opt) {
  expectDns(this, name, from, { alias: target });
});
// Model-only (the model's DNS records): the lookup ends in NXDOMAIN after the whole search path; e.g. `Then "web-2.nginx" does not resolve`
Then(step(`${Q} does not resolve`), function (this: KspecWorld, name: string, from: Opt) {
  expectDns(this, name, from, { nxdomain: true });
});
