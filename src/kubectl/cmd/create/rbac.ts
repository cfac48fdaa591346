// kubectl create role|clusterrole|rolebinding|clusterrolebinding (staging/src/k8s.io/kubectl/pkg/cmd/create/
// create_role.go, create_clusterrole.go, create_rolebinding.go, create_clusterrolebinding.go): a role with one
// rule an API group (resources resolved as the RESTMapper resolves them, `deploy` to `deployments` in apps), or a
// ClusterRole aggregated by label; a binding of a role to users, groups and service accounts.

import type { Command, Ctx } from '../../context';
import type { KObject } from '../../../api/meta';
import type { ResourceRegistry } from '../../../api/kinds';
import { UsageError } from '../../args';
import { CmdError, KubectlFailure } from '../../errors';
import { COMMON, createObject, generatedMeta, oneName } from './create';

const RBAC = 'rbac.authorization.k8s.io';
const VALID_RESOURCE_VERBS = [
  '*',
  'get',
  'delete',
  'list',
  'create',
  'update',
  'patch',
  'watch',
  'proxy',
  'deletecollection',
  'use',
  'bind',
  'escalate',
  'impersonate',
];
const VALID_NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
/** specialVerbs: the only resources these verbs may name */
const SPECIAL_VERBS: Record<string, [string, string][]> = {
  use: [
    ['policy', 'podsecuritypolicies'],
    ['extensions', 'podsecuritypolicies'],
  ],
  bind: [
    [RBAC, 'roles'],
    [RBAC, 'clusterroles'],
  ],
  escalate: [
    [RBAC, 'roles'],
    [RBAC, 'clusterroles'],
  ],
  impersonate: [
    ['', 'users'],
    ['', 'serviceaccounts'],
    ['', 'groups'],
    ['authentication.k8s.io', 'userextras'],
  ],
};

interface ResourceOption {
  group: string;
  resource: string;
  subresource?: string;
}

const unique = (list: string[]): string[] => [...new Set(list)];

/** Complete: verbs without duplicates (`*` alone), `resource.group/subresource` split, `*` alone. */
function parseRoleFlags(ctx: Ctx): { verbs: string[]; resources: ResourceOption[]; names: string[] } {
  const given = ctx.flag<string[]>('verb');
  const verbs = given.includes('*') ? ['*'] : unique(given);
  const resources: ResourceOption[] = [];
  for (const r of ctx.flag<string[]>('resource')) {
    const [main, subresource] = r.split(/\/(.*)/s);
    const [resource, group = ''] = main.split(/\.(.*)/s);
    const opt = { resource, group, ...(subresource !== undefined ? { subresource } : {}) };
    if (resource === '*' && !main.includes('.') && subresource === undefined) {
      resources.splice(0, resources.length, opt);
      break;
    }
    resources.push(opt);
  }
  return { verbs, resources, names: unique(ctx.flag<string[]>('resource-name')) };
}

/** RESTMapper.ResourceFor: the resource's full name and group, or the NoResourceMatchError as checkErr prints it. */
function resourceFor(reg: ResourceRegistry, r: ResourceOption): { group: string; resource: string; error?: string } {
  const info = reg.resolve(r.group ? `${r.resource}.${r.group}` : r.resource);
  if (info && (!r.group || info.group === r.group)) return { group: info.group, resource: info.resource };
  return {
    group: r.group,
    resource: r.resource,
    error: `the server doesn't have a resource type ${JSON.stringify(r.resource)}${r.group ? ` in group ${JSON.stringify(r.group)}` : ''}`,
  };
}

/** validateResource */
function validateResources(reg: ResourceRegistry, verbs: string[], resources: ResourceOption[]): void {
  for (const r of resources) {
    if (!r.resource) throw new CmdError('resource must be specified if apiGroup/subresource specified');
    if (r.resource === '*') return;
    const found = resourceFor(reg, r);
    let error = found.error;
    for (const v of verbs) {
      const special = SPECIAL_VERBS[v];
      if (!special) continue;
      if (!special.some(([g, res]) => g === found.group && res === found.resource))
        throw new CmdError(`can not perform '${v}' on '${found.resource}' in group '${found.group}'`);
      error = undefined;
    }
    // checkErr prints a NoResourceMatchError's message without the `error: ` prefix
    if (error) throw new KubectlFailure(error);
  }
}

/** generateResourcePolicyRules: one rule an API group, groups sorted, then the non-resource URLs' rule. */
function policyRules(
  reg: ResourceRegistry,
  verbs: string[],
  resources: ResourceOption[],
  names: string[],
  urls: string[],
): any[] {
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const found = resourceFor(reg, r);
    const res = r.subresource !== undefined ? `${found.resource}/${r.subresource}` : found.resource;
    const list = byGroup.get(found.group) ?? [];
    if (!list.includes(res)) list.push(res);
    byGroup.set(found.group, list);
  }
  const rules: any[] = [...byGroup.keys()].sort().map((g) => ({
    apiGroups: [g],
    resources: byGroup.get(g),
    verbs,
    ...(names.length ? { resourceNames: names } : {}),
  }));
  if (urls.length) rules.push({ nonResourceURLs: urls, verbs });
  return rules;
}

const ROLE_FLAGS = {
  ...COMMON,
  verb: { type: 'strings' as const },
  resource: { type: 'strings' as const },
  'resource-name': { type: 'array' as const },
};

export const createRole: Command = {
  path: 'kubectl create role',
  flags: ROLE_FLAGS,
  run(ctx) {
    const name = oneName(ctx, 'kubectl create role');
    const { verbs, resources, names } = parseRoleFlags(ctx);
    if (!verbs.length) throw new CmdError('at least one verb must be specified');
    for (const v of verbs)
      if (!VALID_RESOURCE_VERBS.includes(v)) ctx.err(`Warning: '${v}' is not a standard resource verb\n`);
    if (!resources.length) throw new CmdError('at least one resource must be specified');
    validateResources(ctx.resources, verbs, resources);
    createObject(ctx, {
      apiVersion: `${RBAC}/v1`,
      kind: 'Role',
      metadata: generatedMeta(ctx, name),
      rules: policyRules(ctx.resources, verbs, resources, names, []),
    });
  },
};

/** cliflag.MapStringString: `a=b,c=d`, repeatable. */
function labelMap(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values)
    for (const pair of v.split(',')) {
      const i = pair.indexOf('=');
      if (i < 0)
        throw new UsageError(
          `invalid argument "${v}" for "--aggregation-rule" flag: malformed pair, expect string=string`,
        );
      out[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
    }
  return out;
}

export const createClusterRole: Command = {
  path: 'kubectl create clusterrole',
  flags: { ...ROLE_FLAGS, 'non-resource-url': { type: 'strings' }, 'aggregation-rule': { type: 'array' } },
  run(ctx) {
    const aggregation = labelMap(ctx.flag<string[]>('aggregation-rule'));
    const name = oneName(ctx, 'kubectl create clusterrole');
    const urls = unique(ctx.flag<string[]>('non-resource-url'));
    const { verbs, resources, names } = parseRoleFlags(ctx);
    const meta = generatedMeta(ctx, name);
    delete meta.namespace;
    if (Object.keys(aggregation).length) {
      if (urls.length || verbs.length || resources.length || names.length)
        throw new CmdError(
          'aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames',
        );
      createObject(ctx, {
        apiVersion: `${RBAC}/v1`,
        kind: 'ClusterRole',
        metadata: meta,
        rules: null,
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: aggregation }] },
      });
      return;
    }
    if (!verbs.length) throw new CmdError('at least one verb must be specified');
    if (!resources.length && !urls.length) throw new CmdError('one of resource or nonResourceURL must be specified');
    if (resources.length) {
      for (const v of verbs)
        if (!VALID_RESOURCE_VERBS.includes(v)) ctx.err(`Warning: '${v}' is not a standard resource verb\n`);
      validateResources(ctx.resources, verbs, resources);
    }
    if (urls.length) {
      for (const v of verbs)
        if (!VALID_NON_RESOURCE_VERBS.includes(v)) throw new CmdError(`invalid verb: '${v}' for nonResourceURL`);
      for (const u of urls) {
        if (u === '*') continue;
        if (!u.startsWith('/')) throw new CmdError('nonResourceURL should start with /');
        if (u.slice(0, -1).includes('*'))
          throw new CmdError("nonResourceURL only supports wildcard matches when '*' is at the end");
      }
    }
    createObject(ctx, {
      apiVersion: `${RBAC}/v1`,
      kind: 'ClusterRole',
      metadata: meta,
      rules: policyRules(ctx.resources, verbs, resources, names, urls),
    });
  },
};

/** The subjects: users, then groups, then service accounts (`<namespace>:<name>`). */
function subjects(ctx: Ctx): any[] {
  const out: any[] = [
    ...ctx.flag<string[]>('user').map((name) => ({ apiGroup: RBAC, kind: 'User', name })),
    ...ctx.flag<string[]>('group').map((name) => ({ apiGroup: RBAC, kind: 'Group', name })),
  ];
  for (const sa of ctx.flag<string[]>('serviceaccount')) {
    const tokens = sa.split(':');
    if (tokens.length !== 2 || !tokens[0] || !tokens[1])
      throw new CmdError('serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', name: tokens[1], namespace: tokens[0] });
  }
  return out;
}

const BINDING_FLAGS = {
  ...COMMON,
  clusterrole: { type: 'string' as const },
  user: { type: 'array' as const },
  group: { type: 'array' as const },
  serviceaccount: { type: 'array' as const },
};

/** The binding is created, or the error wrapped as `failed to create rolebinding: ...`, as kubectl does. */
function createBinding(ctx: Ctx, obj: KObject, what: string): void {
  createObject(ctx, obj, `failed to create ${what}: `);
}

export const createRoleBinding: Command = {
  path: 'kubectl create rolebinding',
  flags: { ...BINDING_FLAGS, role: { type: 'string' } },
  run(ctx) {
    const name = oneName(ctx, 'kubectl create rolebinding');
    const role = ctx.flag<string>('role'),
      clusterRole = ctx.flag<string>('clusterrole');
    if (!role === !clusterRole) throw new CmdError('exactly one of clusterrole or role must be specified');
    const s = subjects(ctx);
    createBinding(
      ctx,
      {
        apiVersion: `${RBAC}/v1`,
        kind: 'RoleBinding',
        metadata: generatedMeta(ctx, name),
        roleRef: { apiGroup: RBAC, kind: role ? 'Role' : 'ClusterRole', name: role || clusterRole },
        ...(s.length ? { subjects: s } : {}),
      },
      'rolebinding',
    );
  },
};

export const createClusterRoleBinding: Command = {
  path: 'kubectl create clusterrolebinding',
  flags: BINDING_FLAGS,
  run(ctx) {
    if (!ctx.has('clusterrole')) throw new CmdError('required flag(s) "clusterrole" not set');
    const name = oneName(ctx, 'kubectl create clusterrolebinding');
    const s = subjects(ctx);
    const meta = generatedMeta(ctx, name);
    delete meta.namespace;
    createBinding(
      ctx,
      {
        apiVersion: `${RBAC}/v1`,
        kind: 'ClusterRoleBinding',
        metadata: meta,
        roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: ctx.flag<string>('clusterrole') },
        ...(s.length ? { subjects: s } : {}),
      },
      'clusterrolebinding',
    );
  },
};
