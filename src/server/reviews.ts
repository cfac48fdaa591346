// authorization.k8s.io/v1 reviews (pkg/registry/authorization): created and answered, never stored.
// `kubectl auth can-i` creates a SelfSubjectAccessReview, `--list` a SelfSubjectRulesReview.

import { forbiddenReason, type UserInfo } from '../apiserver/authorization/rbac';
import { authorizerFor } from '../apiserver/authorization/as-user';
import { StatusError, badRequest } from '../api/errors';
import { json, type ApiRequest, type ApiResponse } from './types';
import { decodeBody } from './rest';
import type { VirtualResource } from './discovery';
import type { ApiHandler } from './handler';

export function review(h: ApiHandler, req: ApiRequest, user: UserInfo, v: VirtualResource, namespace: string | undefined): ApiResponse {
  const api = h.cluster.api;
  const body = decodeBody(req);
  if (!body || typeof body !== 'object') throw badRequest(`${v.kind} in version "v1" cannot be handled as a ${v.kind}`);
  const spec = body.spec ?? {};
  const out = { ...body, apiVersion: 'authorization.k8s.io/v1', kind: v.kind, metadata: { ...(body.metadata ?? {}), creationTimestamp: null } };
  if (v.resource === 'selfsubjectrulesreviews') {
    const rules = authorizerFor(api).rulesFor(user, spec.namespace || undefined);
    out.status = {
      resourceRules: rules.filter((r: any) => r.resources?.length).map((r: any) => ({ verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources, ...(r.resourceNames ? { resourceNames: r.resourceNames } : {}) })),
      nonResourceRules: rules.filter((r: any) => r.nonResourceURLs?.length).map((r: any) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
      incomplete: false,
    };
    return json(201, out);
  }
  // whom the review asks about: the requestor itself, or (subject access reviews, which need the right to create them) spec.user
  let subject = user;
  if (v.resource === 'subjectaccessreviews' || v.resource === 'localsubjectaccessreviews') {
    const attrs = { user, verb: 'create', apiGroup: v.group, resource: v.resource, namespace };
    if (!authorizerFor(api).authorize(attrs)) throw new StatusError(403, 'Forbidden', `${v.resource}.${v.group} is forbidden: ${forbiddenReason(attrs)}`, { kind: v.resource, group: v.group });
    subject = { name: spec.user ?? '', groups: spec.groups ?? [] };
    if (v.namespaced && spec.resourceAttributes?.namespace && spec.resourceAttributes.namespace !== namespace) throw badRequest(`spec.resourceAttributes.namespace must match metadata.namespace: "${spec.resourceAttributes.namespace}" != "${namespace}"`);
  }
  const ra = spec.resourceAttributes;
  let allowed = false;
  if (ra) {
    allowed = authorizerFor(api).authorize({ user: subject, verb: ra.verb ?? '', apiGroup: ra.group ?? '', resource: ra.resource ?? '', subresource: ra.subresource || undefined, namespace: ra.namespace || undefined, name: ra.name || undefined });
  } else if (spec.nonResourceAttributes) {
    const rules = authorizerFor(api).rulesFor(subject, undefined);
    const path: string = spec.nonResourceAttributes.path ?? '';
    allowed = subject.groups.includes('system:masters') || rules.some((r: any) => (r.verbs ?? []).some((x: string) => x === '*' || x === spec.nonResourceAttributes.verb)
      && (r.nonResourceURLs ?? []).some((u: string) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1)))));
  }
  out.status = { allowed };
  return json(201, out);
}
