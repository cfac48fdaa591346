// The RBAC authorizer (plugin/pkg/auth/authorizer/rbac/rbac.go, pkg/apis/rbac/v1/evaluation_helpers.go): a
// request is allowed when a rule of a role bound to the user, one of its groups or its service account covers
// the verb, API group, resource (or `resource/subresource`) and name. ClusterRoleBindings grant everywhere,
// RoleBindings in their namespace. Bindings are found through a subject index kept from the watch, so a
// request reads only the bindings that name its user or groups.

import type { ApiServer } from '../apiserver';
import type { KObject } from '../../api/meta';
import { objKey } from '../../api/meta';

export interface UserInfo {
  name: string;
  groups: string[];
}

/**
 * authorizer.AttributesRecord: a resource request (verb, API group, resource, subresource, namespace, name;
 * no namespace is the cluster scope) or, with `path` set, a non-resource request (`/healthz`, `/api`).
 */
export interface Attributes {
  user: UserInfo;
  verb: string;
  apiGroup: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** a non-resource request's URL path */
  path?: string;
}

/** The groups the authenticator adds: every authenticated user, and service accounts' own groups. */
export function withDefaultGroups(name: string, groups: string[]): UserInfo {
  const all = [...groups];
  const sa = /^system:serviceaccount:([^:]+):[^:]+$/.exec(name);
  if (sa) all.push('system:serviceaccounts', `system:serviceaccounts:${sa[1]}`);
  if (!all.includes('system:authenticated')) all.push('system:authenticated');
  return { name, groups: all };
}

const has = (list: string[] | undefined, v: string): boolean => !!list && (list.includes('*') || list.includes(v));

/** NonResourceURLMatches: `*` is every path, a trailing `*` a prefix. */
const urlMatches = (urls: string[] | undefined, path: string): boolean =>
  !!urls && urls.some((u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))));

/** RuleAllows */
export function ruleAllows(a: Attributes, rule: any): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (a.path !== undefined) return urlMatches(rule.nonResourceURLs, a.path);
  if (!has(rule.apiGroups, a.apiGroup)) return false;
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resources: string[] = rule.resources ?? [];
  const resourceOk = resources.some(
    (r) => r === '*' || r === combined || (a.subresource && r === `*/${a.subresource}`),
  );
  if (!resourceOk) return false;
  const names: string[] = rule.resourceNames ?? [];
  return !names.length || (!!a.name && names.includes(a.name));
}

const subjectKeys = (s: any, bindingNs: string | undefined): string[] => {
  if (s.kind === 'User') return [`User:${s.name}`];
  if (s.kind === 'Group') return [`Group:${s.name}`];
  if (s.kind === 'ServiceAccount') return [`User:system:serviceaccount:${s.namespace || bindingNs}:${s.name}`];
  return [];
};

export class RBACAuthorizer {
  /** subject key -> `clusterrolebindings/<name>` and `rolebindings/<ns>/<name>` */
  private bySubject = new Map<string, Set<string>>();

  constructor(private readonly api: ApiServer) {
    for (const resource of ['clusterrolebindings', 'rolebindings']) {
      // the informer's initial list, then its watch
      for (const b of api.select(resource)) this.index(resource, b, true);
      api.watch(resource, (ev) => {
        if (ev.old) this.index(resource, ev.old, false);
        this.index(resource, ev.object, ev.type !== 'DELETED');
      });
    }
  }

  private index(resource: string, b: KObject, add: boolean): void {
    const key = `${resource}/${objKey(b)}`;
    for (const s of b.subjects ?? [])
      for (const k of subjectKeys(s, b.metadata.namespace)) {
        let set = this.bySubject.get(k);
        if (!set) this.bySubject.set(k, (set = new Set()));
        if (add) set.add(key);
        else set.delete(key);
      }
  }

  /** The bindings that name the user or one of its groups, those of other namespaces left out. */
  private bindingsFor(user: UserInfo, namespace: string | undefined): KObject[] {
    const keys = new Set<string>();
    for (const k of [`User:${user.name}`, ...user.groups.map((g) => `Group:${g}`)])
      for (const b of this.bySubject.get(k) ?? []) keys.add(b);
    const out: KObject[] = [];
    for (const key of [...keys].sort()) {
      const [resource, ...rest] = key.split('/');
      const ns = resource === 'rolebindings' ? rest[0] : undefined;
      if (resource === 'rolebindings' && ns !== namespace) continue;
      const b = this.api.tryGet(resource, ns, rest[rest.length - 1]);
      if (b) out.push(b);
    }
    return out;
  }

  /** The rules a binding grants: its Role (same namespace) or ClusterRole. */
  rulesOf(binding: KObject): any[] {
    const ref = binding.roleRef ?? {};
    const role =
      ref.kind === 'Role'
        ? this.api.tryGet('roles', binding.metadata.namespace, ref.name)
        : this.api.tryGet('clusterroles', undefined, ref.name);
    return role?.rules ?? [];
  }

  /** Every rule that applies to the user in the namespace (cluster-wide ones included). */
  rulesFor(user: UserInfo, namespace: string | undefined): any[] {
    return this.bindingsFor(user, namespace).flatMap((b) => this.rulesOf(b));
  }

  authorize(a: Attributes): boolean {
    return this.decide(a).allowed;
  }

  /**
   * The decision and its reason as RBACAuthorizer.Authorize gives them: the first binding (ClusterRoleBindings,
   * then the namespace's RoleBindings) with a rule that allows, `RBAC: allowed by ClusterRoleBinding "x" of
   * ClusterRole "y" to User "z"`; a denial has no reason. system:masters is allowed by the privileged-group
   * authorizer before RBAC, without one.
   */
  decide(a: Attributes): { allowed: boolean; reason: string } {
    if (a.user.groups.includes('system:masters')) return { allowed: true, reason: '' };
    for (const b of this.bindingsFor(a.user, a.namespace)) {
      if (this.rulesOf(b).some((r) => ruleAllows(a, r)))
        return { allowed: true, reason: `RBAC: allowed by ${describeBinding(b, a.user)}` };
    }
    return { allowed: false, reason: '' };
  }
}

/** clusterRoleBindingDescriber / roleBindingDescriber, with the subject that matched (describeSubject). */
function describeBinding(b: KObject, user: UserInfo): string {
  const ns = b.metadata.namespace;
  const keys = new Set([`User:${user.name}`, ...user.groups.map((g) => `Group:${g}`)]);
  const s = (b.subjects ?? []).find((x: any) => subjectKeys(x, ns).some((k) => keys.has(k))) ?? {};
  const subject =
    s.kind === 'ServiceAccount'
      ? `${s.kind} ${JSON.stringify(`${s.name}/${s.namespace || ns}`)}`
      : `${s.kind} ${JSON.stringify(s.name)}`;
  const ref = b.roleRef ?? {};
  const name = ns ? `${b.metadata.name}/${ns}` : b.metadata.name;
  return `${ns ? 'RoleBinding' : 'ClusterRoleBinding'} ${JSON.stringify(name)} of ${ref.kind} ${JSON.stringify(ref.name)} to ${subject}`;
}

/** The Forbidden text: `User "jane" cannot list resource "pods" in API group "" in the namespace "default"`. */
export function forbiddenReason(a: Attributes): string {
  if (a.path !== undefined)
    return `User ${JSON.stringify(a.user.name)} cannot ${a.verb} path ${JSON.stringify(a.path)}`;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const scope = a.namespace ? `in the namespace ${JSON.stringify(a.namespace)}` : 'at the cluster scope';
  return `User ${JSON.stringify(a.user.name)} cannot ${a.verb} resource ${JSON.stringify(res)} in API group ${JSON.stringify(a.apiGroup)} ${scope}`;
}
