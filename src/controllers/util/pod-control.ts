// RealPodControl of pkg/controller/controller_utils.go: pods made from a template with a controllerRef, and
// the SuccessfulCreate / FailedCreate / SuccessfulDelete / FailedDelete events on the controller.

import type { ApiServer } from '../../apiserver/apiserver';
import type { EventType } from '../../client/recorder';
import { type KObject, clone, controllerRef } from '../../api/meta';
import { isStatusError } from '../../api/errors';
import type { Draft, Pod, PodSpec, PodTemplateSpec } from '../../api/types';

export type Recorder = (obj: KObject, type: EventType, reason: string, message: string) => void;

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** getPodsPrefix: `<name>-`, or the bare name when the dash would make an invalid pod name. */
export function getPodsPrefix(controllerName: string): string {
  const prefix = `${controllerName}-`;
  // ValidatePodName with prefix=true: the prefix must be a valid DNS-1123 subdomain once a suffix is added
  return DNS1123_SUBDOMAIN.test(prefix + 'a') && prefix.length <= 253 ? prefix : controllerName;
}

/** GetPodFromTemplate: labels, annotations and finalizers from the template, the controllerRef, the spec. */
export function getPodFromTemplate(
  template: PodTemplateSpec | undefined,
  parent: KObject,
): Draft<Pod> & { spec: PodSpec } {
  const m = template?.metadata ?? {};
  const pod: Draft<Pod> & { spec: PodSpec } = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: getPodsPrefix(parent.metadata.name!),
      namespace: parent.metadata.namespace,
      ownerReferences: [controllerRef(parent)],
    },
    spec: clone(template?.spec ?? ({} as PodSpec)),
  };
  if (m.labels) pod.metadata.labels = { ...m.labels };
  if (m.annotations) pod.metadata.annotations = { ...m.annotations };
  if (m.finalizers) pod.metadata.finalizers = [...m.finalizers];
  return pod;
}

export class PodControl {
  constructor(
    private api: ApiServer,
    private record: Recorder,
  ) {}

  createPod(template: PodTemplateSpec | undefined, parent: KObject): Pod {
    const pod = getPodFromTemplate(template, parent);
    if (!Object.keys(pod.metadata.labels ?? {}).length) throw new Error('unable to create pods, no labels');
    try {
      const created = this.api.create(pod) as Pod;
      this.record(parent, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
      return created;
    } catch (e) {
      if (isStatusError(e)) this.record(parent, 'Warning', 'FailedCreate', `Error creating: ${e.message}`);
      throw e;
    }
  }

  deletePod(namespace: string | undefined, name: string, parent: KObject): void {
    try {
      this.api.delete('pods', namespace, name);
    } catch (e) {
      if (isStatusError(e) && e.reason === 'NotFound') throw e;
      if (isStatusError(e)) this.record(parent, 'Warning', 'FailedDelete', `Error deleting: ${e.message}`);
      throw e;
    }
    this.record(parent, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
  }
}
