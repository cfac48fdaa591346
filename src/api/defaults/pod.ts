// Pod defaults (pkg/apis/core/v1/defaults.go: SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_Probe,
// SetDefaults_Volume, SetDefaults_Pod). Templates get the PodSpec defaults; only Pods get requests from
// limits and enableServiceLinks (SetDefaults_Pod runs for v1.Pod, not v1.PodTemplateSpec).

import { quantityEquals } from '../quantity';

/** SetDefaults_PodSpec and the defaults of everything inside it. */
export function defaultPodSpec(spec: any): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (!spec.securityContext) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null)
    spec.terminationGracePeriodSeconds = 30;
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  for (const c of spec.containers ?? []) if (c) defaultContainer(c);
  for (const c of spec.initContainers ?? []) if (c) defaultContainer(c);
  for (const v of spec.volumes ?? []) if (v) defaultVolume(v);
}

/** SetDefaults_Pod: the pod-only defaults, after the spec's. */
export function defaultPod(pod: any): void {
  const spec = pod.spec ?? (pod.spec = {});
  defaultPodSpec(spec);
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c?.resources?.limits;
    if (!limits) continue;
    const requests = c.resources.requests ?? (c.resources.requests = {});
    for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
  }
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  if (spec.hostNetwork) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const p of c?.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
}

/** The tag of an image reference (docker/distribution reference parsing, as parsers.ParseImageName). */
export function imageTag(image: string): string {
  if (!image || image.includes('@')) return '';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > lastSlash ? image.slice(colon + 1) : 'latest';
}

export function defaultContainer(c: any): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  if (!c.resources) c.resources = {};
  for (const p of c.ports ?? []) if (p && !p.protocol) p.protocol = 'TCP';
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) if (probe) defaultProbe(probe);
  for (const h of [c.lifecycle?.postStart, c.lifecycle?.preStop]) if (h?.httpGet) defaultHttpGet(h.httpGet);
  for (const e of c.env ?? [])
    if (e?.valueFrom?.fieldRef && !e.valueFrom.fieldRef.apiVersion) e.valueFrom.fieldRef.apiVersion = 'v1';
}

/** SetDefaults_Probe and SetDefaults_HTTPGetAction */
export function defaultProbe(p: any): void {
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  if (p.httpGet) defaultHttpGet(p.httpGet);
}

function defaultHttpGet(h: any): void {
  if (!h.path) h.path = '/';
  if (!h.scheme) h.scheme = 'HTTP';
}

const VOLUME_SOURCE_KEYS = new Set([
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
]);

/** SetDefaults_Volume (a volume with no source is an emptyDir) and the sources' defaultMode 0644. */
export function defaultVolume(v: any): void {
  if (!Object.keys(v).some((k) => VOLUME_SOURCE_KEYS.has(k) && v[k] !== null && v[k] !== undefined)) v.emptyDir = {};
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    if (v[k] && (v[k].defaultMode === undefined || v[k].defaultMode === null)) v[k].defaultMode = 420;
  }
  if (v.hostPath && v.hostPath.type === undefined) v.hostPath.type = '';
  if (v.downwardAPI)
    for (const i of v.downwardAPI.items ?? []) if (i?.fieldRef && !i.fieldRef.apiVersion) i.fieldRef.apiVersion = 'v1';
}

/** GetPodQOS (pkg/apis/core/helper/qos): Guaranteed when every container has equal cpu and memory requests and limits. */
export function podQOSClass(spec: any): string {
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  let anySet = false,
    guaranteed = true;
  for (const c of containers) {
    const req = c?.resources?.requests ?? {},
      lim = c?.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) anySet = true;
      if (lim[r] === undefined || (req[r] !== undefined && !quantityEquals(req[r], lim[r]))) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
