// Defaulting (pkg/apis/*/v1/defaults.go), registered per resource; it runs on create and update, as decoding
// does. Pods also get the admission plugins that act as defaults (Priority, DefaultTolerationSeconds).
import type { ApiServer } from './apiserver';
import type { KObject } from '../api/meta';
import { defaultPod } from '../api/defaults/pod';
import { defaultDeployment, defaultReplicaSet, defaultReplicationController } from '../api/defaults/apps';
import { defaultDaemonSet, defaultStatefulSet } from '../api/defaults/apps-sets';
import { defaultCronJob, defaultJob } from '../api/defaults/batch';
import { defaultService } from '../api/defaults/service';
import { defaultNetworkPolicy } from '../api/defaults/networkpolicy';
import { defaultPersistentVolume, defaultPersistentVolumeClaim, defaultStorageClass } from '../api/defaults/storage';
import { defaultEndpoints, defaultNamespace, defaultNode, defaultSecret } from '../api/defaults/core';
import { defaultRoleBinding } from '../api/defaults/rbac';
import { admitDefaultTolerations, admitPodPriority, initialPodStatus } from '../api/defaults/pod-admission';

export function registerDefaults(api: ApiServer): void {
  const on = (resource: string, fn: (o: KObject, api: ApiServer) => void) =>
    api.strategies.register(resource, { default: fn });
  on('pods', (o) => defaultPod(o));
  on('deployments', (o) => defaultDeployment(o));
  on('replicasets', (o) => defaultReplicaSet(o));
  on('replicationcontrollers', (o) => defaultReplicationController(o));
  on('statefulsets', (o) => defaultStatefulSet(o));
  on('daemonsets', (o) => defaultDaemonSet(o));
  on('jobs', (o) => defaultJob(o));
  on('cronjobs', (o) => defaultCronJob(o));
  on('services', (o) => defaultService(o));
  on('networkpolicies', (o) => defaultNetworkPolicy(o));
  on('persistentvolumes', (o, a) => defaultPersistentVolume(o, a.clock.iso()));
  on('persistentvolumeclaims', (o) => defaultPersistentVolumeClaim(o));
  on('storageclasses', (o) => defaultStorageClass(o));
  on('secrets', (o) => defaultSecret(o));
  on('endpoints', (o) => defaultEndpoints(o));
  on('nodes', (o) => defaultNode(o));
  on('rolebindings', (o) => defaultRoleBinding(o));
  on('clusterrolebindings', (o) => defaultRoleBinding(o));
  // SetDefaults_PriorityClass (pkg/apis/scheduling/v1/defaults.go)
  on('priorityclasses', (o) => {
    if (!o.preemptionPolicy) o.preemptionPolicy = 'PreemptLowerPriority';
  });
  api.strategies.register('namespaces', {
    default: (o) => defaultNamespace(o, false),
    admit: (op, o) => {
      if (op === 'CREATE') defaultNamespace(o, true);
    },
  });
  api.strategies.register('pods', {
    admit: (op, o, _old, a) => {
      if (op !== 'CREATE') return;
      admitPodPriority(
        o,
        a.info('pods'),
        (name) => a.store.get('priorityclasses', undefined, name),
        () => a.select('priorityclasses').find((pc) => pc.globalDefault),
      );
      admitDefaultTolerations(o);
      initialPodStatus(o);
    },
  });
}
