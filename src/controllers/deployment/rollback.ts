// pkg/controller/deployment/rollback.go: the deprecated `deprecated.deployment.rollback.to` annotation
// (extensions/v1beta1 rollbackTo). kubectl rollout undo patches the template itself instead; this keeps the
// controller-side path for objects that still carry the annotation.

import { type KObject, clone } from '../../api/meta';
import { type DeploymentOps, getAllReplicaSetsAndSyncRevision } from './sync';
import * as u from './util';
import { POD_TEMPLATE_HASH_LABEL } from '../../api/well-known';

export function rollback(ops: DeploymentOps, d: KObject, rsList: KObject[]): void {
  const [newRS, allOldRSs] = getAllReplicaSetsAndSyncRevision(ops, d, rsList, true);
  const allRSs = [...allOldRSs, ...(newRS ? [newRS] : [])];
  let rev = getRollbackToRevision(d);
  if (rev === 0) {
    rev = u.lastRevision(allRSs);
    if (rev === 0) {
      ops.event(d, 'Warning', 'DeploymentRollbackRevisionNotFound', 'Unable to find last revision.');
      return updateDeploymentAndClearRollbackTo(ops, d);
    }
  }
  for (const rs of allRSs) {
    if (u.revision(rs) !== rev) continue;
    // rollbackToTemplate: copy the RS's template (without the hash label) and its annotations back
    if (!u.equalIgnoreHash(d.spec.template, rs.spec.template)) {
      const template = clone(rs.spec.template);
      if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH_LABEL];
      d.spec.template = template;
      u.setDeploymentAnnotationsTo(d, rs);
      updateDeploymentAndClearRollbackTo(ops, d);
      ops.event(d, 'Normal', 'DeploymentRollback', `Rolled back deployment "${d.metadata.name}" to revision ${rev}`);
      return;
    }
    ops.event(
      d,
      'Warning',
      'DeploymentRollbackTemplateUnchanged',
      `The rollback revision contains the same template as current deployment "${d.metadata.name}"`,
    );
    return updateDeploymentAndClearRollbackTo(ops, d);
  }
  ops.event(d, 'Warning', 'DeploymentRollbackRevisionNotFound', 'Unable to find the revision to rollback to.');
  updateDeploymentAndClearRollbackTo(ops, d);
}

function getRollbackToRevision(d: KObject): number {
  return Number(d.metadata.annotations?.[u.ROLLBACK_TO_ANNOTATION] ?? 0) || 0;
}

function updateDeploymentAndClearRollbackTo(ops: DeploymentOps, d: KObject): void {
  const current = ops.api.get('deployments', d.metadata.namespace, d.metadata.name!);
  const next = clone(current);
  next.spec.template = clone(d.spec.template);
  next.metadata.annotations = { ...(d.metadata.annotations ?? {}) };
  delete next.metadata.annotations[u.ROLLBACK_TO_ANNOTATION];
  ops.api.update(next);
}
