// Typed objects for the code that knows its kind (a controller's reconcile, a scheduler plugin, a kubelet
// worker): the kubernetes-types 1.30 interfaces as the store hands them out. Generic code (store, apiserver,
// garbage collector) keeps `KObject`. Every alias is assignable to `KObject`, so `api.get<Pod>(...)` works.

import type * as apps from 'kubernetes-types/apps/v1';
import type * as batch from 'kubernetes-types/batch/v1';
import type * as coordination from 'kubernetes-types/coordination/v1';
import type * as core from 'kubernetes-types/core/v1';
import type * as discovery from 'kubernetes-types/discovery/v1';
import type * as policy from 'kubernetes-types/policy/v1';
import type { ObjectMeta } from './meta';

/** Metadata of a stored object: the apiserver sets name, uid, resourceVersion and creationTimestamp on create. */
export type StoredMeta = ObjectMeta & { name: string; uid: string; resourceVersion: string; creationTimestamp: string };
/** A namespaced object's metadata: its namespace is always set once stored. */
export type NamespacedMeta = StoredMeta & { namespace: string };

/**
 * A kubernetes-types interface as a stored object: fields writable (the model is the server; reads from the
 * store are frozen copies, so writes go to `clone`s), metadata with the server-set fields required.
 */
export type Stored<T, M = NamespacedMeta> = {
  -readonly [K in keyof T as Exclude<K, 'metadata' | 'apiVersion' | 'kind'>]: T[K];
} & { apiVersion?: string; kind?: string; metadata: M };
/** An object being built for `create`: the server fills in the rest of its metadata. */
export type Draft<T extends { metadata: ObjectMeta }> = Omit<T, 'metadata'> & { metadata: ObjectMeta };
/** The same for a cluster-scoped kind. */
export type ClusterStored<T> = Stored<T, StoredMeta>;

export type Pod = Stored<core.Pod>;
export type Service = Stored<core.Service>;
export type Endpoints = Stored<core.Endpoints>;
export type ConfigMap = Stored<core.ConfigMap>;
export type Secret = Stored<core.Secret>;
export type ServiceAccount = Stored<core.ServiceAccount>;
export type PersistentVolumeClaim = Stored<core.PersistentVolumeClaim>;
export type ReplicationController = Stored<core.ReplicationController>;
export type Event = Stored<core.Event>;
export type Node = ClusterStored<core.Node>;
export type Namespace = ClusterStored<core.Namespace>;
export type PersistentVolume = ClusterStored<core.PersistentVolume>;

export type Deployment = Stored<apps.Deployment>;
export type ReplicaSet = Stored<apps.ReplicaSet>;
export type StatefulSet = Stored<apps.StatefulSet>;
export type DaemonSet = Stored<apps.DaemonSet>;
export type ControllerRevision = Stored<apps.ControllerRevision>;

export type Job = Stored<batch.Job>;
export type CronJob = Stored<batch.CronJob>;

export type EndpointSlice = Stored<discovery.EndpointSlice>;
export type Lease = Stored<coordination.Lease>;
export type PodDisruptionBudget = Stored<policy.PodDisruptionBudget>;

// The parts controllers build and compare, under their upstream names.
export type {
  Container,
  ContainerStatus,
  EndpointAddress,
  NodeCondition,
  ObjectReference,
  PodCondition,
  PodIP,
  PodSpec,
  PodStatus,
  PodTemplateSpec,
  ServicePort,
  Volume,
  Taint,
  Toleration,
} from 'kubernetes-types/core/v1';
export type {
  DaemonSetStatus,
  DeploymentCondition,
  DeploymentStatus,
  ReplicaSetCondition,
  ReplicaSetStatus,
  StatefulSetStatus,
} from 'kubernetes-types/apps/v1';
export type {
  Endpoint as SliceEndpoint,
  EndpointConditions,
  EndpointPort,
} from 'kubernetes-types/discovery/v1';
export type { CronJobStatus, JobCondition, JobSpec, JobStatus } from 'kubernetes-types/batch/v1';

/** A container of a stored pod: validation requires its image (kubernetes-types leaves it optional). */
export type PodContainer = import('kubernetes-types/core/v1').Container & { image: string };
