// Admission and storage-time allocation, registered as resource strategies: the ServiceAccount admission
// plugin for pods, NamespaceLifecycle, DefaultStorageClass and StorageObjectInUseProtection for claims and volumes, and the service REST storage's ClusterIP and NodePort allocators (one set per cluster).
import type { ApiServer } from '../apiserver';
import { admitServiceAccount } from './serviceaccount';
import { ServiceAllocator } from './service/alloc';
import { admitDefaultStorageClass } from './storageclass';
import { admitClaimResize } from './pvc-resize';
import { registerQuotaAdmission } from './quota/admission';
import { admitClaimLimitRanger, admitLimitRanger, defaultLimitRange } from './limitranger';
import { addFinalizer } from './storageobjectinuseprotection';
import { admitNamespaceDelete } from './namespace-lifecycle';
import { registerJobStrategy } from '../registry/job';
import { registerDaemonSetStrategy } from '../registry/daemonset';
import { admitDefaultIngressClass } from './ingressclass';

export function registerAdmission(api: ApiServer): void {
  // ResourceQuota is the last admission step, so it is registered first: its check precedes the allocators
  registerQuotaAdmission(api);
  api.strategies.register('limitranges', { default: (lr) => defaultLimitRange(lr) });
  api.strategies.register('pods', {
    admit: (op, pod, _old, a) => {
      if (op === 'CREATE') {
        admitServiceAccount(pod, a);
        admitLimitRanger(pod, a);
      }
    },
  });
  api.strategies.register('persistentvolumeclaims', {
    admit: (op, pvc, old, a) => {
      if (op === 'UPDATE' && old) {
        admitClaimLimitRanger(pvc, a);
        admitClaimResize(pvc, old, a);
      }
      if (op !== 'CREATE') return;
      admitDefaultStorageClass(pvc, a);
      addFinalizer(pvc, 'kubernetes.io/pvc-protection');
      admitClaimLimitRanger(pvc, a);
    },
  });
  api.strategies.register('persistentvolumes', {
    admit: (op, pv) => {
      if (op === 'CREATE') addFinalizer(pv, 'kubernetes.io/pv-protection');
    },
  });
  api.strategies.register('namespaces', { admitDelete: (ns) => admitNamespaceDelete(ns) });
  registerJobStrategy(api);
  registerDaemonSetStrategy(api);
  api.strategies.register('ingresses', {
    admit: (op, ing, _old, a) => {
      if (op !== 'CREATE') return;
      admitDefaultIngressClass(ing, a);
      // PrepareForCreate: a new Ingress starts with an empty status (`loadBalancer: {}`)
      ing.status = { loadBalancer: {} };
    },
  });
  const alloc = new ServiceAllocator(api.rng, api.networking.serviceSubnet);
  api.strategies.register('services', {
    admit: (op, svc, old) => {
      // PrepareForCreate: a new Service starts with an empty status (`loadBalancer: {}`)
      if (op === 'CREATE') svc.status = { loadBalancer: {} };
      else if (old) alloc.prepareForUpdate(svc, old);
    },
    allocate: (op, svc, old) => (op === 'CREATE' ? alloc.allocateCreate(svc) : alloc.allocateUpdate(svc, old!)),
    release: (svc) => alloc.release(svc),
  });
}
