// The kube-controller-manager: every controller the model runs, started on one shared queue.

import type { Controller, ControllerContext } from '../client/controller';
import { DeploymentController } from './deployment/controller';
import { REPLICATION_CONTROLLERS, ReplicaSetController } from './replicaset/controller';
import { GarbageCollector } from './garbagecollector/controller';
import { EndpointsController } from './endpoint/controller';
import { EndpointSliceController } from './endpointslice/controller';
import { EndpointSliceMirroringController } from './endpointslice/mirroring/controller';
import { PersistentVolumeController } from './volume/persistentvolume/controller';
import { PVCProtectionController } from './volume/pvcprotection/controller';
import { PVProtectionController } from './volume/pvprotection/controller';
import { ServiceAccountsController } from './serviceaccount/controller';
import { RootCACertPublisher } from './serviceaccount/root-ca-publisher';
import { NamespaceController } from './namespace/controller';
import { PodGCController } from './podgc/controller';
import { ResourceQuotaController } from './resourcequota/controller';
import { AttachDetachController } from './volume/attachdetach/controller';
import { ClusterRoleAggregationController } from './clusterroleaggregation/controller';
import { TokensController } from './serviceaccount/tokens-controller';
import { StatefulSetController } from './statefulset/controller';
import { DaemonSetsController } from './daemon/controller';
import { JobController } from './job/controller';
import { CronJobController } from './cronjob/controller';
import { TTLAfterFinishedController } from './ttlafterfinished/controller';
import { ServiceController } from './service/controller';
import type { CloudProvider } from '../world/cloud';
import { NodeLifecycleController } from './nodelifecycle/controller';
import { TaintEvictionController } from './nodelifecycle/taint-eviction';
import { NamingConditionController } from './apiextensions/naming';
import { EstablishingController } from './apiextensions/establishing';
import { CRDFinalizer } from './apiextensions/finalizer';
import { DisruptionController } from './disruption/controller';
import { NodeIpamController } from './nodeipam/controller';

/** `cloud`: the cluster's cloud provider, which the service controller (the cloud controller manager's) drives. */
export function startControllers(ctx: ControllerContext, cloud: CloudProvider): Controller[] {
  return [
    new DeploymentController(ctx),
    new ReplicaSetController(ctx),
    new ReplicaSetController(ctx, REPLICATION_CONTROLLERS),
    new GarbageCollector(ctx),
    new EndpointsController(ctx),
    new EndpointSliceController(ctx),
    new EndpointSliceMirroringController(ctx),
    new PersistentVolumeController(ctx),
    new PVCProtectionController(ctx),
    new PVProtectionController(ctx),
    new ServiceAccountsController(ctx),
    new RootCACertPublisher(ctx),
    new NamespaceController(ctx),
    new PodGCController(ctx),
    new ResourceQuotaController(ctx),
    new AttachDetachController(ctx),
    new ClusterRoleAggregationController(ctx),
    new TokensController(ctx),
    new StatefulSetController(ctx),
    new DaemonSetsController(ctx),
    new JobController(ctx),
    new CronJobController(ctx),
    new TTLAfterFinishedController(ctx),
    new ServiceController(ctx, cloud),
    new NodeLifecycleController(ctx),
    new TaintEvictionController(ctx),
    new DisruptionController(ctx),
    new NodeIpamController(ctx),
    // the apiextensions-apiserver's controllers, which run in the kube-apiserver
    new NamingConditionController(ctx),
    new EstablishingController(ctx),
    new CRDFinalizer(ctx),
  ];
}
