// What the apps/v1 workloads carry for their revisions, read by the controllers that write them and by kubectl's
// rollout (pkg/controller/deployment/util/deployment_util.go; kubectl keeps its copy in
// staging/src/k8s.io/kubectl/pkg/util/deployment/deployment.go).

import { type KObject, clone } from './meta';
import { canonicalJSON } from '../util/json';
import { LAST_APPLIED_ANNOTATION, POD_TEMPLATE_HASH_LABEL } from './well-known';

export { LAST_APPLIED_ANNOTATION, POD_TEMPLATE_HASH_LABEL };

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';

/** Revision(rs): the revision annotation as an integer; a missing annotation counts as 0, junk as NaN. */
export function revision(o: KObject): number {
  const v = o.metadata.annotations?.[REVISION_ANNOTATION];
  if (v === undefined || v === '') return 0;
  return /^-?\d+$/.test(v) ? Number(v) : NaN;
}

const ANNOTATIONS_TO_SKIP = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  ROLLBACK_TO_ANNOTATION,
]);

export function skipCopyAnnotation(key: string): boolean {
  return ANNOTATIONS_TO_SKIP.has(key);
}

/** EqualIgnoreHash: templates equal once the pod-template-hash label is dropped from both (and, as in Go's structs, a null member is an absent one). */
export function equalIgnoreHash(a: any, b: any): boolean {
  const strip = (t: any) => {
    const c = clone(t ?? {});
    if (c.metadata?.labels) {
      delete c.metadata.labels[POD_TEMPLATE_HASH_LABEL];
      if (Object.keys(c.metadata.labels).length === 0) delete c.metadata.labels;
    }
    return c;
  };
  return canonicalJSON(strip(a), true) === canonicalJSON(strip(b), true);
}

/** ByRevision (pkg/controller/history): ControllerRevisions by ascending revision, ties by creation then name. */
export function sortRevisions(revs: KObject[]): KObject[] {
  return [...revs].sort(
    (a, b) =>
      (a.revision ?? 0) - (b.revision ?? 0) ||
      cmp(a.metadata.creationTimestamp, b.metadata.creationTimestamp) ||
      cmp(a.metadata.name, b.metadata.name),
  );
}

function cmp(a: string | undefined, b: string | undefined): number {
  return (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
}
