// ValidateResourceQuotaSpec's scopes (pkg/apis/core/validation validateResourceQuotaScopes): each scope must be
// a known one, valid for every standard resource the quota sets (BestEffort counts only pods; the other pod scopes
// pods and their cpu and memory), and BestEffort/NotBestEffort or Terminating/NotTerminating may not be paired.
// The scopeSelector's requirements are not validated.
import type { KObject } from '../meta';
import { type FieldError, GoLiteral, field } from '../errors';

const SCOPES = [
  'Terminating',
  'NotTerminating',
  'BestEffort',
  'NotBestEffort',
  'PriorityClass',
  'CrossNamespacePodAffinity',
];
const STANDARD = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.storage',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'persistentvolumeclaims',
  'configmaps',
  'services.nodeports',
  'services.loadbalancers',
]);
const POD_COMPUTE = new Set(['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);

/** helper.IsResourceQuotaScopeValidForResource */
function validFor(scope: string, resource: string): boolean {
  if (scope === 'BestEffort') return resource === 'pods';
  if (SCOPES.includes(scope)) return resource === 'pods' || POD_COMPUTE.has(resource);
  return true;
}

export function validateResourceQuota(q: KObject): FieldError[] {
  const scopes: string[] = q.spec?.scopes ?? [];
  if (!scopes.length) return [];
  const errs: FieldError[] = [];
  // %#v of the []core.ResourceQuotaScope
  const shown = new GoLiteral(`[]core.ResourceQuotaScope{${scopes.map((s) => JSON.stringify(s)).join(', ')}}`);
  const hard = Object.keys(q.spec?.hard ?? {}).sort();
  for (const scope of scopes) {
    if (!SCOPES.includes(scope)) errs.push(field.invalid('spec.scopes', shown, 'unsupported scope'));
    for (const k of hard)
      if ((STANDARD.has(k) || k.startsWith('hugepages-') || k.startsWith('requests.hugepages-')) && !validFor(scope, k))
        errs.push(field.invalid('spec.scopes', shown, 'unsupported scope applied to resource'));
  }
  for (const [a, b] of [
    ['BestEffort', 'NotBestEffort'],
    ['Terminating', 'NotTerminating'],
  ]) {
    if (scopes.includes(a) && scopes.includes(b)) errs.push(field.invalid('spec.scopes', shown, 'conflicting scopes'));
  }
  return errs;
}
