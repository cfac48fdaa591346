// kubectl auth can-i (staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go): asks the API server, with a
// SelfSubjectAccessReview, whether the user (or whom --as names) may do VERB on RESOURCE [NAME]; prints yes
// (exit 0) or no (exit 1). --list prints the rules of a SelfSubjectRulesReview in the namespace, one row a
// resource and name.

import type { Command, Ctx } from '../context';
import { KubectlFailure } from '../errors';
import { DiscoveryFailure } from '../client/discovery';
import { breakdownRule, compactRules } from '../../apiserver/authorization/escalation';
import { goTabwriter } from '../../util/go/tabwriter';
import { goList } from '../describe/format';

const AUTHORIZATION = { group: 'authorization.k8s.io', version: 'v1', namespaced: false };

export const authCanI: Command = {
  path: 'kubectl auth can-i',
  flags: {
    'all-namespaces': { type: 'bool', short: 'A' },
    list: { type: 'bool' },
    'no-headers': { type: 'bool' },
    quiet: { type: 'bool', short: 'q' },
    subresource: { type: 'string' },
  },
  run(ctx) {
    const namespace = ctx.flag('all-namespaces') ? '' : ctx.namespace;
    if (ctx.flag('list')) return list(ctx, namespace);
    if (ctx.args.length < 2)
      throw new KubectlFailure(
        "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n",
      );
    const verb = ctx.args[0];
    let spec: Record<string, unknown>;
    if (ctx.args[1].startsWith('/')) {
      // a non-resource URL: `kubectl auth can-i get /healthz`
      spec = { nonResourceAttributes: { verb, path: ctx.args[1] } };
    } else {
      let [word, name] = ctx.args[1].split(/\/(.*)/s);
      if (ctx.args[2]) name = ctx.args[2];
      // `*` asks about every resource (of every group)
      // resourceFor: a resource kubectl's RESTMapper does not know (or discovery refused) is asked about as typed
      const r = word === '*' ? { group: '*', resource: '*', namespaced: true } : known(ctx, word);
      if (!r) {
        const dot = word.indexOf('.');
        ctx.err(
          dot < 0
            ? `Warning: the server doesn't have a resource type '${word}'\n\n`
            : `Warning: the server doesn't have a resource type '${word.slice(0, dot)}' in group '${word.slice(dot + 1)}'\n\n`,
        );
      }
      const attrs = r ?? { namespaced: true, group: '', resource: word.toLowerCase() };
      spec = {
        resourceAttributes: {
          namespace: attrs.namespaced ? namespace : '',
          verb,
          group: attrs.group,
          resource: attrs.resource,
          subresource: ctx.flag<string>('subresource') || '',
          name: name ?? '',
        },
      };
    }
    // RunAccessCheck: a SelfSubjectAccessReview, answered yes, or no with the reason when there is one
    const status = ctx.api.review({ ...AUTHORIZATION, resource: 'selfsubjectaccessreviews' }, undefined, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      metadata: {},
      spec,
    }).status;
    if (!ctx.flag('quiet')) ctx.out(status.allowed ? 'yes\n' : `no${status.reason ? ` - ${status.reason}` : ''}\n`);
    if (!status.allowed) throw new KubectlFailure('', 1);
  },
};

/** A rule as Go prints a PolicyRule (its protobuf String()), which kubectl sorts the rows by. */
const ruleString = (r: any): string =>
  `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;

/** describe.CombineResourceGroup: `deployments.apps/scale` */
/** The resource kubectl's RESTMapper resolves the word to; none when discovery was refused (its lines are printed). */
function known(ctx: Ctx, word: string) {
  try {
    return ctx.resources.resolve(word);
  } catch (e) {
    if (e instanceof DiscoveryFailure) return undefined;
    throw e;
  }
}

function combineResourceGroup(resources: string[] | undefined, groups: string[] | undefined): string {
  if (!resources?.length) return '';
  const [res, sub] = resources[0].split(/\/(.*)/s);
  return `${res}${groups?.length && groups[0] ? '.' + groups[0] : ''}${sub !== undefined ? '/' + sub : ''}`;
}

/** printStatus: the review's rules broken down (BreakdownRule), those of one resource and name merged
 * (CompactRules; non-resource URLs are not, so they may repeat), sorted by their String(), then printAccess. */
function list(ctx: Ctx, namespace: string): void {
  const review = ctx.api.review({ ...AUTHORIZATION, resource: 'selfsubjectrulesreviews' }, undefined, {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectRulesReview',
    metadata: {},
    spec: { namespace },
  });
  const status = review.status ?? {};
  if (status.incomplete) ctx.err(`warning: the list may be incomplete: ${status.evaluationError ?? ''}\n`);
  // convertToPolicyRule: the resource rules, then the non-resource ones
  const given = [...(status.resourceRules ?? []), ...(status.nonResourceRules ?? [])];
  const rules = compactRules(given.flatMap(breakdownRule));
  const rows = rules.map((r) => ({ r, s: ruleString(r) })).sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
  let out = ctx.flag('no-headers') ? '' : 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n';
  for (const { r } of rows)
    out += `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`;
  // printers.GetNewTabWriter: minwidth 6, padding 3
  ctx.out(goTabwriter(out, 6, 3));
}
