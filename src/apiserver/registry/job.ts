// pkg/registry/batch/job/strategy.go: a new Job gets a generated selector (unless manualSelector) and the
// job-name and controller-uid labels on its pod template, then its status starts empty. dropDisabledFields
// drops the fields of the alpha gates v1.30 leaves off: successPolicy (JobSuccessPolicy) and managedBy
// (JobManagedBy).
import type { KObject } from '../../api/meta';
import type { ApiServer } from '../apiserver';
import { CONTROLLER_UID_LABEL, JOB_NAME_LABEL } from '../../api/well-known';

export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';

/** generateSelector: labels the user set are kept (validation rejects a mismatch). */
export function generateSelector(job: KObject): void {
  const spec = job.spec ?? (job.spec = {});
  const t = spec.template ?? (spec.template = {});
  const labels = (t.metadata ??= {}).labels ?? (t.metadata.labels = {});
  for (const k of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(k in labels)) labels[k] = job.metadata.name ?? '';
  for (const k of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL])
    if (!(k in labels)) labels[k] = job.metadata.uid ?? '';
  const sel = spec.selector ?? (spec.selector = {});
  const ml = sel.matchLabels ?? (sel.matchLabels = {});
  if (!(CONTROLLER_UID_LABEL in ml)) ml[CONTROLLER_UID_LABEL] = job.metadata.uid ?? '';
}

/** The alpha fields of JobSpec v1.30 drops unless the stored Job already uses them (gates off). */
const ALPHA_FIELDS = ['successPolicy', 'managedBy'];

/** dropDisabledFields: a field of a disabled gate is dropped, unless the old object already set it. */
export function dropDisabledJobFields(spec: any, oldSpec: any): void {
  if (!spec) return;
  for (const f of ALPHA_FIELDS) if (oldSpec?.[f] === undefined) delete spec[f];
}

export function registerJobStrategy(api: ApiServer): void {
  api.strategies.register('jobs', {
    admit: (op, job, old, a) => {
      if (op === 'CREATE' || op === 'UPDATE') dropDisabledJobFields(job.spec, old?.spec);
      if (op !== 'CREATE') return;
      // BeforeCreate fills the uid before Validate, where the selector is generated
      job.metadata.uid = a.rng.uuid();
      job.status = {};
      if (!job.spec?.manualSelector) generateSelector(job);
      // decoding defaults a Job without labels to its template's labels, now with the generated ones
      if (!Object.keys(job.metadata.labels ?? {}).length && job.spec?.template?.metadata?.labels)
        job.metadata.labels = { ...job.spec.template.metadata.labels };
    },
  });
}
