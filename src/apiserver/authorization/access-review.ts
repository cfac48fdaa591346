// SelfSubjectAccessReview (pkg/registry/authorization/selfsubjectaccessreview/rest.go): the question `kubectl
// auth can-i` sends, answered by the authorizer for the requesting user. Its resource attributes are a
// request's attributes (a namespace left empty is the cluster scope); nonResourceAttributes ask about a path.
// The review is not stored: the answer is the object returned.
import type { ApiServer } from '../apiserver';
import type { KObject } from '../../api/meta';
import { authorizerFor } from './as-user';
import type { Attributes, UserInfo } from './rbac';

/** An access review's status for the subject: whether the spec's attributes are allowed, and RBAC's reason. */
export function accessReviewStatus(
  api: ApiServer,
  subject: UserInfo,
  spec: any,
): { allowed: boolean; reason?: string } {
  const ra = spec?.resourceAttributes,
    nra = spec?.nonResourceAttributes;
  const a: Attributes = ra
    ? {
        user: subject,
        verb: ra.verb ?? '',
        apiGroup: ra.group ?? '',
        resource: ra.resource ?? '',
        subresource: ra.subresource || undefined,
        namespace: ra.namespace || undefined,
        name: ra.name || undefined,
      }
    : { user: subject, verb: nra?.verb ?? '', apiGroup: '', resource: '', path: nra?.path ?? '' };
  const { allowed, reason } = authorizerFor(api).decide(a);
  return { allowed, ...(reason ? { reason } : {}) };
}

export function selfSubjectAccessReview(api: ApiServer, user: UserInfo, review: KObject): KObject {
  const spec = review.spec ?? {};
  return {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    metadata: { creationTimestamp: null as unknown as string },
    spec,
    status: accessReviewStatus(api, user, spec),
  };
}
