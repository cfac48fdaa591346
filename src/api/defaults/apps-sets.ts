// StatefulSet and DaemonSet defaults (pkg/apis/apps/v1/defaults.go: SetDefaults_StatefulSet,
// SetDefaults_DaemonSet, with StatefulSetAutoDeletePVC on as in v1.30), plus the template defaults the
// generated defaulters apply (the pod template, and each volumeClaimTemplate as a PersistentVolumeClaim).
import { defaultPodSpec } from './pod';
import { defaultPersistentVolumeClaim } from './storage';

const unset = (v: unknown) => v === undefined || v === null;

export function defaultStatefulSet(o: any): void {
  const spec = o.spec ?? (o.spec = {});
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  const us = spec.updateStrategy ?? (spec.updateStrategy = {});
  if (!us.type) {
    us.type = 'RollingUpdate';
    if (!us.rollingUpdate) us.rollingUpdate = {};
  }
  if (us.type === 'RollingUpdate' && us.rollingUpdate && unset(us.rollingUpdate.partition))
    us.rollingUpdate.partition = 0;
  const p = spec.persistentVolumeClaimRetentionPolicy ?? (spec.persistentVolumeClaimRetentionPolicy = {});
  if (!p.whenDeleted) p.whenDeleted = 'Retain';
  if (!p.whenScaled) p.whenScaled = 'Retain';
  if (unset(spec.replicas)) spec.replicas = 1;
  if (unset(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  defaultTemplate(spec);
  for (const t of spec.volumeClaimTemplates ?? []) {
    if (!t) continue;
    // an embedded ObjectMeta is served as `apiVersion: v1, kind: PersistentVolumeClaim` with the claim's defaults
    if (!t.apiVersion) t.apiVersion = 'v1';
    if (!t.kind) t.kind = 'PersistentVolumeClaim';
    defaultPersistentVolumeClaim(t);
  }
}

export function defaultDaemonSet(o: any): void {
  const spec = o.spec ?? (o.spec = {});
  const us = spec.updateStrategy ?? (spec.updateStrategy = {});
  if (!us.type) us.type = 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    const ru = us.rollingUpdate ?? (us.rollingUpdate = {});
    if (unset(ru.maxUnavailable)) ru.maxUnavailable = 1;
    if (unset(ru.maxSurge)) ru.maxSurge = 0;
  }
  if (unset(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  defaultTemplate(spec);
}

export function defaultTemplate(spec: any): void {
  const t = spec.template ?? (spec.template = {});
  if (!t.metadata) t.metadata = {};
  defaultPodSpec(t.spec ?? (t.spec = {}));
}
