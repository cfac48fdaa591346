// kubectl auth can-i (staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go): asks the authorizer whether the
// user (the admin, or --as) may do VERB on RESOURCE [NAME]; prints yes (exit 0) or no (exit 1). --list prints
// the rules that apply in the namespace, one row a resource, as SelfSubjectRulesReview returns them.

import type { Command, Ctx } from '../context';
import { KubectlFailure } from '../errors';
import { authorizerFor } from '../../apiserver/authorization/as-user';
import type { UserInfo } from '../../apiserver/authorization/rbac';
import { goTabwriter } from '../printers/tabwriter';

/** kubeadm's admin: kubernetes-admin in kubeadm:cluster-admins, allowed everything through system:masters here. */
const ADMIN: UserInfo = { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:masters', 'system:authenticated'] };

const userOf = (ctx: Ctx): UserInfo => ctx.user ?? ADMIN;

export const authCanI: Command = {
  path: 'kubectl auth can-i',
  flags: { 'all-namespaces': { type: 'bool', short: 'A' }, list: { type: 'bool' }, 'no-headers': { type: 'bool' }, quiet: { type: 'bool', short: 'q' }, subresource: { type: 'string' } },
  run(ctx) {
    const user = userOf(ctx);
    const namespace = ctx.flag('all-namespaces') ? '' : ctx.namespace;
    if (ctx.flag('list')) return list(ctx, user, namespace);
    if (ctx.args.length < 2) throw new KubectlFailure("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n");
    const verb = ctx.args[0];
    let [word, name] = ctx.args[1].split('/');
    if (ctx.args[2]) name = ctx.args[2];
    // `*` asks about every resource (of every group)
    const r = word === '*' ? { group: '*', resource: '*', namespaced: true } : ctx.resources.resolve(word);
    let allowed = false;
    if (!r) ctx.err(`Warning: the server doesn't have a resource type '${word}'\n\n`);
    else {
      allowed = authorizerFor(ctx.cluster.api).authorize({
        user, verb, apiGroup: r.group, resource: r.resource, subresource: ctx.flag<string>('subresource') || undefined,
        namespace: r.namespaced && namespace ? namespace : undefined, name,
      });
    }
    if (!ctx.flag('quiet')) ctx.out(allowed ? 'yes\n' : 'no\n');
    if (!allowed) throw new KubectlFailure('', 1);
  },
};

/** printAccess: `resource.group`, non-resource URLs, resource names and verbs, sorted by resource. */
function list(ctx: Ctx, user: UserInfo, namespace: string): void {
  const authz = authorizerFor(ctx.cluster.api);
  const rows = new Map<string, { names: string[]; verbs: string[] }>();
  if (user.groups.includes('system:masters')) rows.set('*.*', { names: [], verbs: ['*'] });
  for (const rule of authz.rulesFor(user, namespace || undefined)) {
    for (const group of rule.apiGroups ?? ['']) for (const res of rule.resources ?? []) {
      const key = `${res}${group ? '.' + group : ''}|${(rule.resourceNames ?? []).join(' ')}`;
      const row = rows.get(key) ?? { names: [...(rule.resourceNames ?? [])] as string[], verbs: [] as string[] };
      for (const v of rule.verbs ?? []) if (!row.verbs.includes(v)) row.verbs.push(v);
      rows.set(key, row);
    }
  }
  let out = ctx.flag('no-headers') ? '' : 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n';
  for (const key of [...rows.keys()].sort()) {
    const row = rows.get(key)!;
    out += `${key.split('|')[0]}\t[]\t[${row.names.join(' ')}]\t[${row.verbs.join(' ')}]\n`;
  }
  ctx.out(goTabwriter(out));
}
