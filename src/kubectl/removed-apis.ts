// Manifests from older tutorials name API versions that Kubernetes has since removed
// (https://kubernetes.io/docs/reference/using-api/deprecation-guide/). kubectl only says "no matches for kind";
// kspec adds a line saying which version to use and what changed in the object, for the person reading it.

interface Removed { versions: string[]; removedIn: string; use: string; changes?: string }

const REMOVED: Record<string, Removed> = {
  Ingress: {
    versions: ['extensions/v1beta1', 'networking.k8s.io/v1beta1'], removedIn: '1.22', use: 'networking.k8s.io/v1',
    changes: 'each path needs a pathType (Prefix, Exact or ImplementationSpecific), and backend serviceName/servicePort ' +
      'become backend.service.name and backend.service.port.number (or .name)',
  },
  IngressClass: { versions: ['networking.k8s.io/v1beta1'], removedIn: '1.22', use: 'networking.k8s.io/v1' },
  Deployment: { versions: ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'], removedIn: '1.16', use: 'apps/v1', changes: 'spec.selector is required and must match the template labels' },
  DaemonSet: { versions: ['extensions/v1beta1', 'apps/v1beta2'], removedIn: '1.16', use: 'apps/v1', changes: 'spec.selector is required and must match the template labels' },
  ReplicaSet: { versions: ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'], removedIn: '1.16', use: 'apps/v1', changes: 'spec.selector is required and must match the template labels' },
  StatefulSet: { versions: ['apps/v1beta1', 'apps/v1beta2'], removedIn: '1.16', use: 'apps/v1' },
  NetworkPolicy: { versions: ['extensions/v1beta1'], removedIn: '1.16', use: 'networking.k8s.io/v1' },
  CronJob: { versions: ['batch/v1beta1'], removedIn: '1.25', use: 'batch/v1' },
  PodDisruptionBudget: { versions: ['policy/v1beta1'], removedIn: '1.25', use: 'policy/v1' },
};

/** The kspec hint for a kind in a removed version, or undefined. */
export function removedApiHint(kind: string | undefined, apiVersion: string | undefined): string | undefined {
  const r = kind ? REMOVED[kind] : undefined;
  if (!r || !apiVersion || !r.versions.includes(apiVersion)) return undefined;
  return `kspec: ${kind} ${apiVersion} was removed in Kubernetes ${r.removedIn}; use apiVersion: ${r.use}${r.changes ? ` (${r.changes})` : ''}`;
}
