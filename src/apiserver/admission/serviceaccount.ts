// plugin/pkg/admission/serviceaccount/admission.go: a pod runs as a ServiceAccount (`default` unless named),
// which must exist; unless automounting is off, every container gets the projected API access volume
// `kube-api-access-<5 chars>` at /var/run/secrets/kubernetes.io/serviceaccount, and the pod inherits the
// account's imagePullSecrets.

import { forbidden } from '../../api/errors';
import { infoFor } from '../../api/kinds';
import type { KObject } from '../../api/meta';
import type { ApiServer } from '../apiserver';

export const DEFAULT_SERVICE_ACCOUNT_NAME = 'default';
export const SERVICE_ACCOUNT_VOLUME_NAME = 'kube-api-access';
export const DEFAULT_API_TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds: 1h + 7s, the marker of a legacy-compatible token. */
export const WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS = 3607;
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/** TokenVolumeSource: the service account token, the cluster CA and the namespace, mode 0644. */
export function tokenVolumeSource(): any {
  return {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS, path: 'token' } },
      { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
      {
        downwardAPI: {
          items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }],
        },
      },
    ],
  };
}

export function admitServiceAccount(pod: KObject, api: ApiServer): void {
  if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return;
  const spec = pod.spec ?? (pod.spec = {});
  // v1 conversion: the deprecated serviceAccount field fills serviceAccountName, and mirrors it on the way out
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (!spec.serviceAccountName) spec.serviceAccountName = DEFAULT_SERVICE_ACCOUNT_NAME;
  spec.serviceAccount = spec.serviceAccountName;
  const namespace = pod.metadata.namespace ?? 'default';
  const sa =
    api.tryGet('serviceaccounts', namespace, spec.serviceAccountName) ??
    awaitDefault(spec.serviceAccountName, namespace, api);
  if (!sa) {
    throw forbidden(
      infoFor('pods'),
      pod.metadata.name || pod.metadata.generateName || '',
      `error looking up service account ${namespace}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`,
    );
  }
  if (shouldAutomount(sa, pod)) mountServiceAccountToken(pod, api);
  if (!spec.imagePullSecrets?.length && sa.imagePullSecrets?.length) {
    spec.imagePullSecrets = sa.imagePullSecrets.map((s: any) => ({ name: s.name }));
  }
}

/**
 * getServiceAccount retries the `default` account ten times, 100-200 ms apart, because the ServiceAccounts
 * controller creates it moments after its namespace: a Namespace and a Pod applied together both succeed.
 * The controller always runs here, so an active namespace's default account is as good as there; the
 * controller writes it on the next reconcile.
 */
function awaitDefault(name: string, namespace: string, api: ApiServer): KObject | undefined {
  if (name !== DEFAULT_SERVICE_ACCOUNT_NAME) return undefined;
  const ns = api.tryGet('namespaces', undefined, namespace);
  if (!ns || ns.status?.phase !== 'Active') return undefined;
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } };
}

/** The pod's automountServiceAccountToken wins over the account's; both unset means mount. */
function shouldAutomount(sa: KObject, pod: KObject): boolean {
  if (pod.spec.automountServiceAccountToken !== undefined && pod.spec.automountServiceAccountToken !== null)
    return pod.spec.automountServiceAccountToken;
  if (sa.automountServiceAccountToken !== undefined && sa.automountServiceAccountToken !== null)
    return sa.automountServiceAccountToken;
  return true;
}

function mountServiceAccountToken(pod: KObject, api: ApiServer): void {
  const spec = pod.spec;
  const existing = (spec.volumes ?? []).find((v: any) => v?.name?.startsWith(SERVICE_ACCOUNT_VOLUME_NAME + '-'));
  const volumeName: string = existing?.name ?? `${SERVICE_ACCOUNT_VOLUME_NAME}-${api.rng.string(5)}`;
  let needsTokenVolume = false;
  for (const list of [spec.initContainers, spec.containers]) {
    for (const c of list ?? []) {
      if (!c) continue;
      // an existing mount at the default path keeps the token out of that container
      if ((c.volumeMounts ?? []).some((m: any) => m?.mountPath === DEFAULT_API_TOKEN_MOUNT_PATH)) continue;
      c.volumeMounts = [
        ...(c.volumeMounts ?? []),
        { mountPath: DEFAULT_API_TOKEN_MOUNT_PATH, name: volumeName, readOnly: true },
      ];
      needsTokenVolume = true;
    }
  }
  if (!existing && needsTokenVolume)
    spec.volumes = [...(spec.volumes ?? []), { name: volumeName, projected: tokenVolumeSource() }];
}
