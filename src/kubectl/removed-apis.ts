// Manifests from older tutorials name API versions that Kubernetes has since removed
// (https://kubernetes.io/docs/reference/using-api/deprecation-guide/). kubectl only says "no matches for kind";
// kspec explains, where it speaks for itself (a failed step's message, `kspec lint`), which version to use and
// what changed in the object. kubectl's own output stays kubectl's.

interface Removed {
  versions: string[];
  removedIn: string;
  use: string;
  changes?: string;
}

const REMOVED: Record<string, Removed> = {
  Ingress: {
    versions: ['extensions/v1beta1', 'networking.k8s.io/v1beta1'],
    removedIn: '1.22',
    use: 'networking.k8s.io/v1',
    changes:
      'each path needs a pathType (Prefix, Exact or ImplementationSpecific), and backend serviceName/servicePort ' +
      'become backend.service.name and backend.service.port.number (or .name)',
  },
  IngressClass: { versions: ['networking.k8s.io/v1beta1'], removedIn: '1.22', use: 'networking.k8s.io/v1' },
  Deployment: {
    versions: ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'],
    removedIn: '1.16',
    use: 'apps/v1',
    changes: 'spec.selector is required and must match the template labels',
  },
  DaemonSet: {
    versions: ['extensions/v1beta1', 'apps/v1beta2'],
    removedIn: '1.16',
    use: 'apps/v1',
    changes: 'spec.selector is required and must match the template labels',
  },
  ReplicaSet: {
    versions: ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'],
    removedIn: '1.16',
    use: 'apps/v1',
    changes: 'spec.selector is required and must match the template labels',
  },
  StatefulSet: { versions: ['apps/v1beta1', 'apps/v1beta2'], removedIn: '1.16', use: 'apps/v1' },
  NetworkPolicy: { versions: ['extensions/v1beta1'], removedIn: '1.16', use: 'networking.k8s.io/v1' },
  CronJob: { versions: ['batch/v1beta1'], removedIn: '1.25', use: 'batch/v1' },
  PodDisruptionBudget: { versions: ['policy/v1beta1'], removedIn: '1.25', use: 'policy/v1' },
};

/** kspec's hints for the removed versions kubectl's error output names (`no matches for kind "Ingress" in version ...`). */
export function removedApiHints(stderr: string): string[] {
  const out: string[] = [];
  for (const m of stderr.matchAll(/no matches for kind "([^"]*)" in version "([^"]*)"/g)) {
    const hint = removedApiHint(m[1], m[2]);
    if (hint && !out.includes(hint)) out.push(hint);
  }
  return out;
}

/** The kspec hint for a kind in a removed version, or undefined. */
export function removedApiHint(kind: string | undefined, apiVersion: string | undefined): string | undefined {
  const r = kind ? REMOVED[kind] : undefined;
  if (!r || !apiVersion || !r.versions.includes(apiVersion)) return undefined;
  return `kspec: ${kind} ${apiVersion} was removed in Kubernetes ${r.removedIn}; use apiVersion: ${r.use}${r.changes ? ` (${r.changes})` : ''}`;
}
