// authorization.k8s.io/v1 reviews (pkg/registry/authorization): created and answered, never stored.
// `kubectl auth can-i` creates a SelfSubjectAccessReview, `--list` a SelfSubjectRulesReview.

import { forbiddenReason, type UserInfo } from '../apiserver/authorization/rbac';
import { authorizerFor } from '../apiserver/authorization/as-user';
import { accessReviewStatus } from '../apiserver/authorization/access-review';
import { StatusError, badRequest } from '../api/errors';
import { json, type ApiRequest, type ApiResponse } from './types';
import { decodeBody } from './rest';
import type { VirtualResource } from './discovery';
import type { ApiHandler } from './handler';

export function review(
  h: ApiHandler,
  req: ApiRequest,
  user: UserInfo,
  v: VirtualResource,
  namespace: string | undefined,
): ApiResponse {
  const api = h.cluster.api;
  const body = decodeBody(req);
  if (!body || typeof body !== 'object') throw badRequest(`${v.kind} in version "v1" cannot be handled as a ${v.kind}`);
  const spec = body.spec ?? {};
  const out = {
    ...body,
    apiVersion: 'authorization.k8s.io/v1',
    kind: v.kind,
    metadata: { ...(body.metadata ?? {}), creationTimestamp: null },
  };
  if (v.resource === 'selfsubjectrulesreviews') {
    const rules = authorizerFor(api).rulesFor(user, spec.namespace || undefined);
    out.status = {
      resourceRules: rules
        .filter((r: any) => r.resources?.length)
        .map((r: any) => ({
          verbs: r.verbs,
          apiGroups: r.apiGroups,
          resources: r.resources,
          ...(r.resourceNames ? { resourceNames: r.resourceNames } : {}),
        })),
      nonResourceRules: rules
        .filter((r: any) => r.nonResourceURLs?.length)
        .map((r: any) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
      incomplete: false,
    };
    return json(201, out);
  }
  // whom the review asks about: the requestor itself, or (subject access reviews, which need the right to create them) spec.user
  let subject = user;
  if (v.resource === 'subjectaccessreviews' || v.resource === 'localsubjectaccessreviews') {
    const attrs = { user, verb: 'create', apiGroup: v.group, resource: v.resource, namespace };
    if (!authorizerFor(api).authorize(attrs))
      throw new StatusError(403, 'Forbidden', `${v.resource}.${v.group} is forbidden: ${forbiddenReason(attrs)}`, {
        kind: v.resource,
        group: v.group,
      });
    subject = { name: spec.user ?? '', groups: spec.groups ?? [] };
    if (v.namespaced && spec.resourceAttributes?.namespace && spec.resourceAttributes.namespace !== namespace)
      throw badRequest(
        `spec.resourceAttributes.namespace must match metadata.namespace: "${spec.resourceAttributes.namespace}" != "${namespace}"`,
      );
  }
  out.status = accessReviewStatus(api, subject, spec);
  return json(201, out);
}
