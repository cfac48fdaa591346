// Resource arguments (`pods`, `deploy/web`, `pods,svc`) and the names kubectl prints for objects.

import type { ResourceInfo, ResourceRegistry } from '../api/kinds';
import type { KObject } from '../api/meta';
import type { ApiClient, ListOptions } from './client/api';
import { StatusError, isStatusError } from '../api/errors';
import { KubectlFailure } from './errors';

export function resolveOrFail(reg: ResourceRegistry, name: string): ResourceInfo {
  const r = reg.resolve(name);
  // the message names the resource part of schema.ParseGroupResource (what precedes the first dot)
  if (!r) throw new KubectlFailure(`error: the server doesn't have a resource type "${name.split('.')[0]}"`);
  return r;
}

/** `deployment.apps`, `pod`: the kind as the NamePrinter and delete print it. */
export function kindName(r: ResourceInfo): string {
  return r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase();
}

export function infoOf(reg: ResourceRegistry, o: KObject): ResourceInfo {
  return reg.forKind(o.kind!)!;
}

/** `deployment.apps/web` */
export function slashName(reg: ResourceRegistry, o: KObject): string {
  return `${kindName(infoOf(reg, o))}/${o.metadata.name}`;
}

export interface Target {
  r: ResourceInfo;
  names: string[];
}

/** Parses `TYPE NAME...`, `TYPE/NAME...`, `a,b` into targets (kubectl's ResourceTypeOrNameArgs). */
export function parseTargets(reg: ResourceRegistry, args: string[]): Target[] {
  if (!args.length) return [];
  if (args.some((a) => a.includes('/'))) {
    const out: Target[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      if (i < 0)
        throw new KubectlFailure(
          `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
        );
      const r = resolveOrFail(reg, a.slice(0, i));
      const last = out[out.length - 1];
      if (last && last.r === r) last.names.push(a.slice(i + 1));
      else out.push({ r, names: [a.slice(i + 1)] });
    }
    return out;
  }
  const [types, ...names] = args;
  const list: ResourceInfo[] = [];
  for (const t of types.split(',').filter((x) => x)) {
    if (t === 'all') {
      for (const n of [
        'pods',
        'replicationcontrollers',
        'services',
        'daemonsets',
        'deployments',
        'replicasets',
        'statefulsets',
        'horizontalpodautoscalers',
        'cronjobs',
        'jobs',
      ])
        list.push(reg.resolve(n)!);
      // a CRD may put its resource in the `all` category
      for (const r of reg.customResources()) if (r.custom!.categories.includes('all')) list.push(r);
    } else list.push(resolveOrFail(reg, t));
  }
  if (names.length && list.length > 1)
    throw new KubectlFailure(`error: arguments in resource/name form must have a single resource and name`);
  return list.map((r) => ({ r, names: [...names] }));
}

/**
 * A list through the builder's Selector visitor (cli-runtime resource/selector.go): a BadRequest or NotFound is
 * reworded to name what was listed and how (EnhanceListError).
 */
export function listSelected(api: ApiClient, r: ResourceInfo, opts: ListOptions): KObject[] {
  return enhanceListError(r, opts, () => api.list(r.resource, opts));
}

/** EnhanceListError around any list of the kind (objects, or the server's Table of them). */
export function enhanceListError<T>(r: ResourceInfo, opts: ListOptions, list: () => T): T {
  try {
    return list();
  } catch (e) {
    if (!isStatusError(e) || (e.reason !== 'BadRequest' && e.reason !== 'NotFound')) throw e;
    const label = typeof opts.labelSelector === 'string' ? opts.labelSelector : '',
      fields = opts.fieldSelector ?? '';
    const subject = `${r.group}/${r.version}, Resource=${r.resource}`;
    const message =
      !label && !fields
        ? `Unable to list "${subject}": ${e.message}`
        : `Unable to find "${subject}" that match label selector "${label}", field selector "${fields}": ${e.message}`;
    throw new StatusError(e.code, e.reason, message, e.details);
  }
}
