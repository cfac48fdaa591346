// RBAC escalation prevention (pkg/registry/rbac/{role,clusterrole,rolebinding,clusterrolebinding}/policybased,
// pkg/registry/rbac/escalation_check.go, pkg/registry/rbac/validation/{rule.go,policy_comparator.go}): a user may
// write a Role or ClusterRole only with rules it holds itself (or with the `escalate` verb on it), and bind a role
// only when it holds the role's rules (or has the `bind` verb on it). system:masters may do anything.

import type { ApiServer } from '../apiserver';
import type { KObject } from '../../api/meta';
import { StatusError, notFound } from '../../api/errors';
import { infoFor } from '../../api/kinds';
import type { RBACAuthorizer, UserInfo } from './rbac';
import { goQuotedList } from '../../util/go/fmt';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const FULL_AUTHORITY = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

/** BreakdownRule: one rule a verb, API group, resource and name (or a verb and a non-resource URL). */
export function breakdownRule(rule: any): any[] {
  const out: any[] = [];
  for (const group of rule.apiGroups ?? [])
    for (const resource of rule.resources ?? [])
      for (const verb of rule.verbs ?? []) {
        if (rule.resourceNames?.length)
          for (const name of rule.resourceNames)
            out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
      }
  for (const url of rule.nonResourceURLs ?? [])
    for (const verb of rule.verbs ?? []) out.push({ nonResourceURLs: [url], verbs: [verb] });
  return out;
}

const has = (set: string[] | undefined, v: string): boolean => !!set?.includes(v);
const hasAll = (set: string[] | undefined, vs: string[] | undefined): boolean => (vs ?? []).every((v) => has(set, v));

function resourceCoversAll(set: string[] | undefined, covers: string[] | undefined): boolean {
  if (has(set, '*') || hasAll(set, covers)) return true;
  return (covers ?? []).every(
    (path) => has(set, path) || (path.includes('/') && has(set, `*/${path.split(/\/(.*)/s)[1]}`)),
  );
}

const urlCovers = (owner: string, sub: string): boolean =>
  owner === sub || (owner.endsWith('*') && sub.startsWith(owner.replace(/\*+$/, '')));

/** ruleCovers */
function ruleCovers(owner: any, sub: any): boolean {
  const verbs = has(owner.verbs, '*') || hasAll(owner.verbs, sub.verbs);
  const groups = has(owner.apiGroups, '*') || hasAll(owner.apiGroups, sub.apiGroups);
  const urls = (sub.nonResourceURLs ?? []).every((u: string) =>
    (owner.nonResourceURLs ?? []).some((o: string) => urlCovers(o, u)),
  );
  const names = !sub.resourceNames?.length
    ? !owner.resourceNames?.length
    : !owner.resourceNames?.length || hasAll(owner.resourceNames, sub.resourceNames);
  return verbs && groups && resourceCoversAll(owner.resources, sub.resources) && urls && names;
}

/** Covers: the broken-down rules no owner rule covers. */
export function uncovered(ownerRules: any[], rules: any[]): any[] {
  return rules.flatMap(breakdownRule).filter((sub) => !ownerRules.some((o) => ruleCovers(o, sub)));
}

/** CompactRules: single-resource rules differing only by verb merged into one (non-resource rules kept first). */
export function compactRules(rules: any[]): any[] {
  const out: any[] = [];
  const simple = new Map<string, any>();
  for (const r of rules) {
    if (r.nonResourceURLs?.length) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups, r.resources, r.resourceNames ?? []]);
    const existing = simple.get(key);
    if (existing) existing.verbs.push(...r.verbs);
    else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...out, ...simple.values()];
}

/** rbacv1helpers.CompactString: `{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}` */
export function compactString(r: any): string {
  const parts: string[] = [];
  for (const [label, list] of [
    ['APIGroups', r.apiGroups],
    ['Resources', r.resources],
    ['NonResourceURLs', r.nonResourceURLs],
    ['ResourceNames', r.resourceNames],
    ['Verbs', r.verbs],
  ] as [string, string[] | undefined][]) {
    if (list?.length) parts.push(`${label}:${goQuotedList(list)}`);
  }
  return `{${parts.join(', ')}}`;
}

/** ConfirmNoEscalation: the message when the user does not hold all the rules, else undefined. */
export function escalationError(
  authz: RBACAuthorizer,
  user: UserInfo,
  namespace: string | undefined,
  rules: any[],
): string | undefined {
  const missing = uncovered(authz.rulesFor(user, namespace), rules);
  if (!missing.length) return undefined;
  const lines = [...new Set(compactRules(missing).map(compactString))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `user ${JSON.stringify(user.name)} (groups=${goQuotedList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join('\n')}`;
}

const forbidden = (resource: string, name: string, message: string): StatusError =>
  new StatusError(403, 'Forbidden', `${resource}.${RBAC_GROUP} ${JSON.stringify(name)} is forbidden: ${message}`, {
    kind: resource,
    name,
    group: RBAC_GROUP,
  });

/**
 * The policy-based storage of the four RBAC resources: throws Forbidden when the user's write would grant
 * permissions it does not hold. `old` is the stored object on an update (whose name the `escalate` check uses).
 */
export function confirmNoEscalation(
  api: ApiServer,
  authz: RBACAuthorizer,
  user: UserInfo,
  resource: string,
  obj: KObject,
  old?: KObject,
): void {
  if (user.groups.includes('system:masters')) return; // EscalationAllowed
  const name = obj.metadata?.name ?? '';
  const namespace =
    resource === 'roles' || resource === 'rolebindings' ? obj.metadata?.namespace || 'default' : undefined;
  if (resource === 'roles' || resource === 'clusterroles') {
    // RoleEscalationAuthorized: the request's own name, none on a create
    if (
      authz.authorize({
        user,
        verb: 'escalate',
        apiGroup: RBAC_GROUP,
        resource,
        namespace,
        name: old ? name : undefined,
      })
    )
      return;
    const err = escalationError(authz, user, namespace, obj.rules ?? []);
    if (err) throw forbidden(resource, name, err);
    // an aggregationRule can gather anything, so setting or changing one takes cluster-admin's rules
    if (
      resource === 'clusterroles' &&
      (obj.aggregationRule || old?.aggregationRule) &&
      escalationError(authz, user, undefined, FULL_AUTHORITY)
    ) {
      throw forbidden(resource, name, 'must have cluster-admin privileges to use the aggregationRule');
    }
    return;
  }
  // bindings: BindingAuthorized (`bind` on the referenced role), else the user must hold the role's rules
  const ref = obj.roleRef ?? {};
  const refResource = ref.kind === 'Role' ? 'roles' : ref.kind === 'ClusterRole' ? 'clusterroles' : undefined;
  if (
    refResource &&
    authz.authorize({
      user,
      verb: 'bind',
      apiGroup: ref.apiGroup ?? '',
      resource: refResource,
      namespace,
      name: ref.name,
    })
  )
    return;
  if (!refResource) return; // validation rejects the roleRef
  const role = api.tryGet(refResource, refResource === 'roles' ? namespace : undefined, ref.name);
  if (!role) throw notFound(infoFor(refResource), ref.name); // GetRoleReferenceRules
  const err = escalationError(authz, user, namespace, role.rules ?? []);
  if (err) throw forbidden(resource, name, err);
}
