// describe.go PersistentVolumeDescriber and PersistentVolumeClaimDescriber: binding, capacity, access modes,
// the volume's source, and the pods using a claim (`Used By`).

import type { Ctx } from '../context';
import type { KObject } from '../../api/meta';
import { labels, annotations, goList, related } from './format';
import { accessModes, formatLabels } from '../../api/format';
import { since } from '../../api/format';

function status(ctx: Ctx, o: KObject): string {
  return o.metadata.deletionTimestamp
    ? `Terminating (lasts ${since(o.metadata.deletionTimestamp, ctx.now)})`
    : (o.status?.phase ?? '');
}

function source(w: string[], s: any): void {
  const L2 = '    ';
  if (s.nfs)
    w.push(
      `${L2}Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n${L2}Server:\t${s.nfs.server}\n${L2}Path:\t${s.nfs.path}\n${L2}ReadOnly:\t${!!s.nfs.readOnly}\n`,
    );
  else if (s.hostPath)
    w.push(
      `${L2}Type:\tHostPath (bare host directory volume)\n${L2}Path:\t${s.hostPath.path}\n${L2}HostPathType:\t${s.hostPath.type ?? ''}\n`,
    );
  else if (s.local)
    w.push(
      `${L2}Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n${L2}Path:\t${s.local.path}\n`,
    );
  else if (s.csi) {
    w.push(
      `${L2}Type:\tCSI (a Container Storage Interface (CSI) volume source)\n${L2}Driver:\t${s.csi.driver}\n${L2}FSType:\t${s.csi.fsType ?? ''}\n${L2}VolumeHandle:\t${s.csi.volumeHandle}\n${L2}ReadOnly:\t${!!s.csi.readOnly}\n`,
    );
    const attrs = s.csi.volumeAttributes ?? {};
    w.push(`${L2}VolumeAttributes:\t`);
    const keys = Object.keys(attrs).sort();
    if (!keys.length) w.push('<none>\n');
    keys.forEach((k, i) => w.push(`${i ? `${L2}\t` : ''}${k}=${attrs[k]}\n`));
  }
}

/** printVolumeNodeAffinity */
function nodeAffinity(w: string[], na: any): void {
  const terms = na?.required?.nodeSelectorTerms;
  if (!terms) {
    w.push('Node Affinity:\t<none>\n');
    return;
  }
  w.push('Node Affinity:\t\n  Required Terms:\t\n');
  terms.forEach((t: any, i: number) => {
    const exprs = (t.matchExpressions ?? []).map(
      (e: any) => `${e.key} ${e.operator.toLowerCase()} [${(e.values ?? []).join(' ')}]`,
    );
    w.push(`    Term ${i}:\t${exprs.join('\n    \t') || '<none>'}\n`);
  });
}

export function describePersistentVolume(ctx: Ctx, pv: KObject, w: string[]): void {
  w.push(`Name:\t${pv.metadata.name}\n`);
  labels(w, 'Labels', pv.metadata.labels);
  annotations(w, 'Annotations', pv.metadata.annotations);
  w.push(
    `Finalizers:\t${goList(pv.metadata.finalizers)}\n`,
    `StorageClass:\t${pv.spec?.storageClassName ?? ''}\n`,
    `Status:\t${status(ctx, pv)}\n`,
  );
  const ref = pv.spec?.claimRef;
  w.push(
    `Claim:\t${ref ? `${ref.namespace}/${ref.name}` : ''}\n`,
    `Reclaim Policy:\t${pv.spec?.persistentVolumeReclaimPolicy ?? ''}\n`,
  );
  w.push(`Access Modes:\t${accessModes(pv.spec?.accessModes)}\n`);
  if (pv.spec?.volumeMode) w.push(`VolumeMode:\t${pv.spec.volumeMode}\n`);
  w.push(`Capacity:\t${pv.spec?.capacity?.storage ?? '0'}\n`);
  nodeAffinity(w, pv.spec?.nodeAffinity);
  w.push(`Message:\t${pv.status?.message ?? ''}\n`, 'Source:\n');
  source(w, pv.spec ?? {});
}

export function describePersistentVolumeClaim(ctx: Ctx, pvc: KObject, w: string[]): void {
  w.push(
    `Name:\t${pvc.metadata.name}\n`,
    `Namespace:\t${pvc.metadata.namespace}\n`,
    `StorageClass:\t${pvc.spec?.storageClassName ?? ''}\n`,
  );
  w.push(`Status:\t${status(ctx, pvc)}\n`, `Volume:\t${pvc.spec?.volumeName ?? ''}\n`);
  labels(w, 'Labels', pvc.metadata.labels);
  annotations(w, 'Annotations', pvc.metadata.annotations);
  w.push(`Finalizers:\t${goList(pvc.metadata.finalizers)}\n`);
  const bound = !!pvc.spec?.volumeName;
  w.push(
    `Capacity:\t${bound ? (pvc.status?.capacity?.storage ?? '') : ''}\n`,
    `Access Modes:\t${bound ? accessModes(pvc.status?.accessModes) : ''}\n`,
  );
  if (pvc.spec?.volumeMode) w.push(`VolumeMode:\t${pvc.spec.volumeMode}\n`);
  // getPodsForPVC: the namespace's pods whose volumes name the claim
  const users = (related(() => ctx.api.list('pods', { namespace: pvc.metadata.namespace })) ?? [])
    .filter((p) =>
      (p.spec?.volumes ?? []).some(
        (v: any) =>
          v?.persistentVolumeClaim?.claimName === pvc.metadata.name ||
          (v?.ephemeral && `${p.metadata.name}-${v.name}` === pvc.metadata.name),
      ),
    )
    .map((p) => p.metadata.name!);
  w.push('Used By:\t');
  if (!users.length) w.push('<none>\n');
  users.forEach((n, i) => w.push(`${i ? '\t' : ''}${n}\n`));
}

/** StorageClassDescriber: annotations and parameters on one line each, then the class's policies. */
export function describeStorageClass(sc: KObject, w: string[]): void {
  const a = sc.metadata.annotations ?? {};
  // storageutil.IsDefaultAnnotationText: the GA annotation or the beta one
  const isDefault =
    a['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  w.push(
    `Name:\t${sc.metadata.name}\n`,
    `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}\n`,
    `Annotations:\t${formatLabels(a)}\n`,
  );
  w.push(`Provisioner:\t${sc.provisioner ?? ''}\n`, `Parameters:\t${formatLabels(sc.parameters)}\n`);
  w.push(
    `AllowVolumeExpansion:\t${sc.allowVolumeExpansion === undefined || sc.allowVolumeExpansion === null ? '<unset>' : sc.allowVolumeExpansion ? 'True' : 'False'}\n`,
  );
  if (!sc.mountOptions?.length) w.push('MountOptions:\t<none>\n');
  else w.push('MountOptions:\n', ...sc.mountOptions.map((o: string) => `  ${o}\n`));
  if (sc.reclaimPolicy) w.push(`ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode) w.push(`VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  if (sc.allowedTopologies) {
    // printAllowedTopologies
    w.push('AllowedTopologies:\t');
    if (!sc.allowedTopologies.length) w.push('<none>\n');
    else {
      w.push('\n');
      sc.allowedTopologies.forEach((t: any, i: number) => {
        const reqs = t.matchLabelExpressions ?? [];
        w.push(`  Term ${i}:\t`);
        if (!reqs.length) w.push('<none>\n');
        reqs.forEach((r: any, j: number) =>
          w.push(`${j ? '  \t' : ''}${r.key} in${r.values?.length ? ` [${r.values.join(', ')}]` : ''}\n`),
        );
      });
    }
  }
}
