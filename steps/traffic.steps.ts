// Traffic: every phrase exists, seen from a pod in namespace `default` or, with a trailing ` from namespace "x"`,
// from that namespace (the DNS phrases are in dns.steps.ts). Traffic comes with the networking issue; until then
// each step fails with that message (after checking that a {kind} it names is one).
import { Then } from '@cucumber/cucumber';
import { kindInfo } from './parameters';

const NOT_YET = 'not supported yet: DNS and traffic come with the networking issue';
const FROM = '(?: from namespace "([^"]*)")?';
const Q = '"([^"]*)"';
const KIND = '([a-z]+)';
const step = (body: string) => new RegExp(`^${body}${FROM}$`);

type Opt = string | undefined;

Then(step(`a connection to ${Q} reaches a pod of ${KIND} ${Q}`), function (_target: string, kind: string, _obj: string, _from: Opt) {
  kindInfo(kind); throw new Error(NOT_YET);
});
Then(step(`a connection to ${Q} is refused`), function (_target: string, _from: Opt) { throw new Error(NOT_YET); });
Then(step(`an HTTP request for ${Q} reaches a pod of ${KIND} ${Q}`), function (_url: string, kind: string, _obj: string, _from: Opt) {
  kindInfo(kind); throw new Error(NOT_YET);
});
