// Apply patches (`kubectl apply --server-side`, controller-runtime's Patch(client.Apply)), reduced: the applied
// configuration creates the object, or is merged into it (strategic merge for built-in kinds, JSON merge for
// custom resources). kspec keeps no managedFields, so there are no field-manager conflicts, and a field left
// out of the applied configuration is not removed (docs/fidelity.md).

import type { KObject } from '../api/meta';
import type { ResourceInfo } from '../api/kinds';
import { apiVersionOf } from '../api/kinds';
import { badRequest, invalid, field } from '../api/errors';
import type { UserInfo } from '../apiserver/authorization/rbac';
import { asUser } from '../apiserver/authorization/as-user';
import type { ApiServer, PatchOptions } from '../apiserver/apiserver';

export function serverSideApply(
  api: ApiServer,
  user: UserInfo,
  r: ResourceInfo,
  namespace: string | undefined,
  name: string,
  body: any,
  fieldManager: string | null,
  _force: boolean,
  opts: PatchOptions,
): { object: KObject; created: boolean } {
  if (!fieldManager)
    throw invalid({ kind: 'PatchOptions', group: 'meta.k8s.io' } as ResourceInfo, '', [
      field.required('fieldManager', 'is required for apply patch'),
    ]);
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('error decoding YAML: the applied configuration must be an object');
  if (!body.apiVersion || !body.kind)
    throw badRequest(`invalid object type: ${body.apiVersion ?? ''}, Kind=${body.kind ?? ''}`);
  if (body.apiVersion !== apiVersionOf(r) || body.kind !== r.kind)
    throw badRequest(
      `the API version in the data (${body.apiVersion}) does not match the expected API version (${apiVersionOf(r)})`,
    );
  body.metadata ??= {};
  if (body.metadata.name && body.metadata.name !== name)
    throw badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`);
  if (r.namespaced && body.metadata.namespace && body.metadata.namespace !== namespace)
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  body.metadata.name = name;
  if (r.namespaced) body.metadata.namespace = namespace;
  const view = asUser(api, user);
  if (!api.tryGet(r.resource, namespace, name)) return { object: view.create(body, opts), created: true };
  const { metadata, ...rest } = body;
  const patch = {
    ...rest,
    metadata: {
      labels: metadata.labels,
      annotations: metadata.annotations,
      finalizers: metadata.finalizers,
      ownerReferences: metadata.ownerReferences,
    },
  };
  for (const k of Object.keys(patch.metadata) as (keyof typeof patch.metadata)[])
    if (patch.metadata[k] === undefined) delete patch.metadata[k];
  return {
    object: view.patch(r.resource, namespace, name, patch, r.custom ? 'merge' : 'strategic', opts),
    created: false,
  };
}
