// plugin/pkg/admission/resourcequota: a new object in a namespace with ResourceQuotas is charged against each
// quota that tracks something it uses and whose scopes match it; past `hard` it is refused (`exceeded quota:
// ...`), and a pod must state the cpu and memory requests or limits a quota tracks (`must specify ...`). Updates
// of claims and Services (whose evaluators handle UPDATE) are charged what they add: a claim resized past
// requests.storage is refused alike. An admitted object's usage is added to the quota's status.used at once, so
// a burst of creates is counted before the controller resyncs.

import { StatusError } from '../../../api/errors';
import { groupResource, infoFor, RESOURCES } from '../../../api/kinds';
import { type KObject, clone } from '../../../api/meta';
import type { ApiServer } from '../../apiserver';
import { formatAmount, objectUsage, type Usage } from './usage';
import { parseQuantity } from '../../../api/quantity';
import { quotaScopeMatches } from './scopes';

const COMPUTE = /^(requests\.|limits\.)?(cpu|memory)$/;

/** prettyPrint: sorted `name=value` pairs. */
const pretty = (m: Record<string, string>): string =>
  Object.keys(m)
    .sort()
    .map((k) => `${k}=${m[k]}`)
    .join(',');

function forbidden(obj: KObject, resource: string, message: string): StatusError {
  const r = infoFor(resource);
  // quota is a validating plugin: it runs in the store's create after the name is generated
  // (AdmissionToValidateObjectFunc, "in case the generated name is populated"), so the error names the object
  const name = obj.metadata.name || obj.metadata.generateName || '';
  return new StatusError(403, 'Forbidden', `${groupResource(r)} ${JSON.stringify(name)} is forbidden: ${message}`, {
    kind: r.resource,
    name,
    group: r.group,
  });
}

/** podEvaluator.Constraints: each container states what a tracked compute resource needs. */
function missingCompute(pod: KObject, hard: Record<string, string>): string | undefined {
  const required = Object.keys(hard).filter((k) => COMPUTE.test(k));
  const missing = new Map<string, string[]>();
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    for (const name of required) {
      const [kind, res] = name.includes('.') ? name.split('.') : ['requests', name];
      if (c.resources?.[kind]?.[res] === undefined) {
        const key = `${kind}.${res}`;
        missing.set(key, [...(missing.get(key) ?? []), c.name]);
      }
    }
  }
  if (!missing.size) return undefined;
  return (
    'must specify ' +
    [...missing.keys()]
      .sort()
      .map((k) => `${k} for: ${missing.get(k)!.join(',')}`)
      .join('; ')
  );
}

/** Evaluators whose Handles() accepts UPDATE: a claim's storage and a Service's type and ports can change. */
const UPDATE_EVALUATED = new Set(['persistentvolumeclaims', 'services']);

/** The usage an object adds; on update, what it adds over the old version (SubtractWithNonNegativeResult). */
function deltaOf(obj: KObject, old: KObject | undefined): Usage {
  const delta = objectUsage(obj);
  if (!old) return delta;
  const before = objectUsage(old).amounts;
  for (const k of Object.keys(delta.amounts)) delta.amounts[k] = Math.max(0, delta.amounts[k] - (before[k] ?? 0));
  return delta;
}

export function admitQuota(obj: KObject, resource: string, api: ApiServer, old?: KObject): void {
  const ns = obj.metadata.namespace ?? 'default';
  const quotas = api
    .select('resourcequotas', { namespace: ns })
    .filter((q) => quotaScopeMatches(q, obj, resource))
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  if (!quotas.length) return;
  const delta: Usage = deltaOf(obj, old);
  for (const q of quotas) {
    // status.hard, not spec.hard: a quota the controller has not synced yet restricts nothing
    const hard: Record<string, string> = q.status?.hard ?? {};
    const tracked = Object.keys(delta.amounts).filter((k) => k in hard && delta.amounts[k] !== 0);
    const computeTracked = resource === 'pods' && !old && Object.keys(hard).some((k) => COMPUTE.test(k));
    if (!tracked.length && !computeTracked) continue;
    if (resource === 'pods' && computeTracked) {
      const missing = missingCompute(obj, hard);
      if (missing) throw forbidden(obj, resource, `failed quota: ${q.metadata.name}: ${missing}`);
    }
    const status = q.status ?? {};
    const unknown = tracked.filter((k) => status.used?.[k] === undefined).sort();
    if (unknown.length)
      throw forbidden(obj, resource, `status unknown for quota: ${q.metadata.name}, resources: ${unknown.join(',')}`);
    const exceeded = tracked.filter(
      (k) => parseQuantity(status.used?.[k] ?? 0) + delta.amounts[k] > parseQuantity(hard[k]),
    );
    if (exceeded.length) {
      const requested: Record<string, string> = {},
        used: Record<string, string> = {},
        limited: Record<string, string> = {};
      for (const k of exceeded) {
        const binary = delta.binary.has(k) || /[KMGTPE]i$/.test(String(hard[k]));
        requested[k] = formatAmount(k, delta.amounts[k], binary);
        used[k] = formatAmount(k, parseQuantity(status.used?.[k] ?? 0), binary);
        limited[k] = String(hard[k]);
      }
      throw forbidden(
        obj,
        resource,
        `exceeded quota: ${q.metadata.name}, requested: ${pretty(requested)}, used: ${pretty(used)}, limited: ${pretty(limited)}`,
      );
    }
  }
  // charge every quota that tracks the object
  for (const q of quotas) {
    const hard: Record<string, string> = q.status?.hard ?? {};
    const tracked = Object.keys(delta.amounts).filter((k) => k in hard && delta.amounts[k] !== 0);
    if (!tracked.length) continue;
    const next = clone(q);
    next.status.used = { ...(next.status.used ?? {}) };
    for (const k of tracked) {
      const binary = delta.binary.has(k) || /[KMGTPE]i$/.test(String(hard[k]));
      next.status.used[k] = formatAmount(k, parseQuantity(q.status.used?.[k] ?? 0) + delta.amounts[k], binary);
    }
    api.updateStatus(next);
  }
}

/** The namespaced resources a quota can count (every one but Events). */
export const QUOTA_RESOURCES = RESOURCES.filter((r) => r.namespaced && r.resource !== 'events').map((r) => r.resource);

export function registerQuotaAdmission(api: ApiServer): void {
  for (const resource of QUOTA_RESOURCES) {
    api.strategies.register(resource, {
      allocate: (op, obj, old, a) => {
        if (op === 'CREATE') admitQuota(obj, resource, a);
        else if (UPDATE_EVALUATED.has(resource)) admitQuota(obj, resource, a, old);
      },
    });
  }
}
