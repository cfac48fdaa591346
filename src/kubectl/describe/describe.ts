// kubectl's describers (staging/src/k8s.io/kubectl/pkg/describe/describe.go DescriberFor): the describer of each
// kind, and the common header (name, namespace, labels, annotations) for kinds without one; written through one
// tabwriter (padding 2) with the Events table after a flush.

import type { Ctx } from '../context';
import type { KObject } from '../../api/meta';
import type { ResourceInfo } from '../../api/kinds';
import { goTabwriter } from '../../util/go/tabwriter';
import { labels, annotations, withEvents } from './format';
import { describePod } from './pod';
import { describeDeployment } from './deployment';
import { describeService } from './service';
import { describeNode, describeNamespace } from './node';
import { describeConfigMap, describeSecret } from './config';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from './storage';
import { describeLimitRange, describeQuota } from './quota';
import { describeIngress, describeIngressClass } from './ingress';
import { describeNetworkPolicy } from './networkpolicy';
import { describeJob } from './job';
import { describeReplicaSet, describeStatefulSet, describeDaemonSet, describeCronJob } from './workloads';
import { describeUnstructured } from './unstructured';
import { describePodDisruptionBudget } from './pdb';

export function describeObject(ctx: Ctx, r: ResourceInfo, o: KObject): string {
  const w: string[] = [];
  switch (r.resource) {
    case 'pods':
      describePod(ctx, o, w);
      break;
    case 'deployments':
      describeDeployment(ctx, o, w);
      break;
    case 'jobs':
      describeJob(o, w);
      break;
    case 'replicasets':
    case 'replicationcontrollers':
      describeReplicaSet(ctx, o, w);
      break;
    case 'statefulsets':
      describeStatefulSet(ctx, o, w);
      break;
    case 'daemonsets':
      describeDaemonSet(ctx, o, w);
      break;
    case 'cronjobs':
      describeCronJob(o, w);
      break;
    case 'services':
      describeService(ctx, o, w);
      break;
    case 'nodes':
      describeNode(ctx, o, w);
      break;
    case 'namespaces':
      return goTabwriter(describeNamespace(ctx, o));
    case 'configmaps':
      describeConfigMap(o, w);
      break;
    case 'persistentvolumes':
      describePersistentVolume(ctx, o, w);
      break;
    case 'persistentvolumeclaims':
      describePersistentVolumeClaim(ctx, o, w);
      break;
    case 'poddisruptionbudgets':
      describePodDisruptionBudget(o, w);
      break;
    case 'storageclasses':
      describeStorageClass(o, w);
      break;
    // describeQuota and describeLimitRange print no events
    case 'resourcequotas':
      describeQuota(o, w);
      return goTabwriter(w.join(''));
    case 'limitranges':
      describeLimitRange(o, w);
      return goTabwriter(w.join(''));
    case 'ingresses':
      describeIngress(ctx, o, w);
      break;
    case 'ingressclasses':
      describeIngressClass(o, w);
      break;
    case 'networkpolicies':
      describeNetworkPolicy(o, w);
      return goTabwriter(w.join(''));
    // SecretDescriber prints no events
    case 'secrets':
      describeSecret(o, w);
      return goTabwriter(w.join(''));
    default:
      // custom resources and CRDs have the generic describer
      if (r.custom || r.resource === 'customresourcedefinitions') {
        describeUnstructured(o, w);
        break;
      }
      w.push(`Name:\t${o.metadata.name}\n`);
      if (r.namespaced) w.push(`Namespace:\t${o.metadata.namespace}\n`);
      labels(w, 'Labels', o.metadata.labels);
      annotations(w, 'Annotations', o.metadata.annotations);
  }
  return withEvents(ctx, o, w);
}
