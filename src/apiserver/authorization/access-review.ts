// SelfSubjectAccessReview (pkg/registry/authorization/selfsubjectaccessreview/rest.go): the question `kubectl
// auth can-i` sends, answered by the authorizer for the requesting user. Its resource attributes are a
// request's attributes (a namespace left empty is the cluster scope); nonResourceAttributes ask about a path.
// The review is not stored: the answer is the object returned.
import type { ApiServer } from '../apiserver';
import type { KObject } from '../../api/meta';
import { authorizerFor } from './as-user';
import type { Attributes, UserInfo } from './rbac';

export function selfSubjectAccessReview(api: ApiServer, user: UserInfo, review: KObject): KObject {
  const spec = review.spec ?? {};
  const ra = spec.resourceAttributes, nra = spec.nonResourceAttributes;
  const a: Attributes = ra
    ? { user, verb: ra.verb ?? '', apiGroup: ra.group ?? '', resource: ra.resource ?? '', subresource: ra.subresource || undefined, namespace: ra.namespace || undefined, name: ra.name || undefined }
    : { user, verb: nra?.verb ?? '', apiGroup: '', resource: '', path: nra?.path ?? '' };
  const { allowed, reason } = authorizerFor(api).decide(a);
  return { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: { creationTimestamp: null as unknown as string }, spec, status: { allowed, ...(reason ? { reason } : {}) } };
}
