// ValidatePodUpdate (pkg/apis/core/validation/validation.go): a pod's spec is immutable except container
// images, activeDeadlineSeconds (lowered or set), added tolerations, a negative grace period set to 1, and
// (as the binding subresource does) nodeName set once.

import { type FieldError, field } from '../errors';
import { deepEq } from './common';
import { specDiff } from './diff';

const MESSAGE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

export function validatePodUpdate(pod: any, old: any): FieldError[] {
  const errs: FieldError[] = [];
  const spec = pod.spec ?? {},
    was = old.spec ?? {};
  const ads = spec.activeDeadlineSeconds,
    oldAds = was.activeDeadlineSeconds;
  if (ads !== undefined && ads !== null) {
    if (oldAds !== undefined && oldAds !== null && ads > oldAds)
      errs.push(field.invalid('spec.activeDeadlineSeconds', ads, 'must be less than or equal to previous value'));
  } else if (oldAds !== undefined && oldAds !== null) {
    errs.push(
      field.invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'),
    );
  }
  // munge the allowed fields of the new spec into the old one, then compare
  const munged: any = { ...spec };
  const images = (list: any[] | undefined, from: any[] | undefined) =>
    list?.map((c, i) => (from?.[i] ? { ...c, image: from[i].image } : c));
  munged.containers = images(spec.containers, was.containers);
  if (spec.initContainers) munged.initContainers = images(spec.initContainers, was.initContainers);
  munged.activeDeadlineSeconds = was.activeDeadlineSeconds;
  if (!was.nodeName) munged.nodeName = was.nodeName;
  if ((was.terminationGracePeriodSeconds ?? 0) < 0 && spec.terminationGracePeriodSeconds === 1)
    munged.terminationGracePeriodSeconds = was.terminationGracePeriodSeconds;
  const tolErrs = onlyAddedTolerations(spec.tolerations ?? [], was.tolerations ?? []);
  errs.push(...tolErrs);
  munged.tolerations = was.tolerations;
  if (!spec.schedulingGates?.length) munged.schedulingGates = was.schedulingGates;
  if (!deepEq(clean(munged), clean(was)))
    errs.push(field.forbidden('spec', `${MESSAGE}\n${specDiff(was, munged, 'core.PodSpec')}`));
  return errs;
}

function clean(o: any): any {
  return JSON.parse(JSON.stringify(o));
}

/** validateOnlyAddedTolerations: each old toleration must still be there (tolerationSeconds may change). */
function onlyAddedTolerations(now: any[], was: any[]): FieldError[] {
  const errs: FieldError[] = [];
  for (const old of was) {
    const found = now.some(
      (t) =>
        deepEq({ ...t, tolerationSeconds: undefined }, { ...old, tolerationSeconds: undefined }) &&
        (old.tolerationSeconds === undefined ||
          (t.tolerationSeconds !== undefined && t.tolerationSeconds <= old.tolerationSeconds)),
    );
    if (!found)
      errs.push(
        field.forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'),
      );
  }
  return errs;
}
