// kubectl describe (staging/src/k8s.io/kubectl/pkg/describe/describe.go): pods, deployments, services, and
// the common header for other kinds, written through one tabwriter (padding 2) with the Events table after
// a flush.

import type { Command, Ctx } from '../context';
import type { KObject } from '../../api/meta';
import type { ResourceInfo } from '../../api/kinds';
import { CmdError, KubectlFailure } from '../errors';
import { parseTargets, listSelected } from '../resources';
import { goTabwriter } from '../printers/tabwriter';
import { since } from '../../api/format';
import { rfc1123z, goDuration } from '../printers/time';
import { formatLabelSelector, formatEndpoints } from '../../api/format';
import { labels, annotations, tolerations, withEvents, related } from './describe-helpers';
import { describeNode, describeNamespace } from './describe-node';
import { describeConfigMap, describeSecret } from './describe-config';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from './describe-storage';
import { describeLimitRange, describeQuota } from './describe-quota';
import { describeIngress, describeIngressClass } from './describe-ingress';
import { describeNetworkPolicy } from './describe-networkpolicy';
import { describeJob } from './describe-job';
import { describeReplicaSet, describeStatefulSet, describeDaemonSet, describeCronJob } from './describe-workloads';
import { describeUnstructured } from './describe-unstructured';
import { describePodDisruptionBudget } from './describe-pdb';

const L1 = '  ', L2 = '    ', L3 = '      ';

export const describe: Command = {
  path: 'kubectl describe',
  flags: {
    selector: { type: 'string', short: 'l' }, 'all-namespaces': { type: 'bool', short: 'A' }, 'show-events': { type: 'bool', default: true },
    filename: { type: 'strings', short: 'f' }, recursive: { type: 'bool', short: 'R' }, 'chunk-size': { type: 'int' }, kustomize: { type: 'string', short: 'k' },
  },
  run(ctx) {
    if (!ctx.args.length) throw new KubectlFailure(`error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n`);
    const outputs: string[] = [];
    for (const t of parseTargets(ctx.resources, ctx.args)) {
      let objs: KObject[] = [];
      if (t.names.length) {
        for (const n of t.names) {
          const o = ctx.api.tryGet(t.r.resource, ctx.namespace, n);
          if (o) { objs.push(o); continue; }
          // describe also accepts a name prefix
          const prefixed = ctx.api.list(t.r.resource, { namespace: t.r.namespaced ? ctx.namespace : undefined }).filter((x) => x.metadata.name!.startsWith(n));
          if (!prefixed.length) ctx.api.get(t.r.resource, ctx.namespace, n);
          objs.push(...prefixed);
        }
      } else {
        objs = listSelected(ctx.api, t.r, { namespace: t.r.namespaced && !ctx.flag('all-namespaces') ? ctx.namespace : undefined, labelSelector: ctx.flag<string>('selector') || undefined });
        if (!objs.length) { ctx.err(t.r.namespaced ? `No resources found in ${ctx.namespace} namespace.\n` : 'No resources found\n'); continue; }
      }
      for (const o of objs) outputs.push(describeObject(ctx, t.r, o));
    }
    // describe.go: the second and later objects follow "\n\n"
    ctx.out(outputs.join('\n\n'));
  },
};

function describeObject(ctx: Ctx, r: ResourceInfo, o: KObject): string {
  const w: string[] = [];
  switch (r.resource) {
    case 'pods': describePod(ctx, o, w); break;
    case 'deployments': describeDeployment(ctx, o, w); break;
    case 'jobs': describeJob(o, w); break;
    case 'replicasets': case 'replicationcontrollers': describeReplicaSet(ctx, o, w); break;
    case 'statefulsets': describeStatefulSet(ctx, o, w); break;
    case 'daemonsets': describeDaemonSet(ctx, o, w); break;
    case 'cronjobs': describeCronJob(o, w); break;
    case 'services': describeService(ctx, o, w); break;
    case 'nodes': describeNode(ctx, o, w); break;
    case 'namespaces': return goTabwriter(describeNamespace(ctx, o));
    case 'configmaps': describeConfigMap(o, w); break;
    case 'persistentvolumes': describePersistentVolume(ctx, o, w); break;
    case 'persistentvolumeclaims': describePersistentVolumeClaim(ctx, o, w); break;
    case 'poddisruptionbudgets': describePodDisruptionBudget(o, w); break;
    case 'storageclasses': describeStorageClass(o, w); break;
    // describeQuota and describeLimitRange print no events
    case 'resourcequotas': describeQuota(o, w); return goTabwriter(w.join(''));
    case 'limitranges': describeLimitRange(o, w); return goTabwriter(w.join(''));
    case 'ingresses': describeIngress(ctx, o, w); break;
    case 'ingressclasses': describeIngressClass(o, w); break;
    case 'networkpolicies': describeNetworkPolicy(o, w); return goTabwriter(w.join(''));
    // SecretDescriber prints no events
    case 'secrets': describeSecret(o, w); return goTabwriter(w.join(''));
    default:
      // custom resources and CRDs have the generic describer
      if (r.custom || r.resource === 'customresourcedefinitions') { describeUnstructured(o, w); break; }
      w.push(`Name:\t${o.metadata.name}\n`);
      if (r.namespaced) w.push(`Namespace:\t${o.metadata.namespace}\n`);
      labels(w, 'Labels', o.metadata.labels);
      annotations(w, 'Annotations', o.metadata.annotations);
  }
  return withEvents(ctx, o, w);
}




function probe(p: any): string {
  const attrs = `delay=${goDuration(p.initialDelaySeconds ?? 0)} timeout=${goDuration(p.timeoutSeconds ?? 1)} period=${goDuration(p.periodSeconds ?? 10)} #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const h = p.httpGet, port = h.port !== undefined ? String(h.port) : '';
    return `http-get ${(h.scheme ?? 'HTTP').toLowerCase()}://${h.host ?? ''}${port ? ':' + port : ''}${h.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeContainers(w: string[], label: string, containers: any[], statuses: any[] | undefined, space: string): void {
  w.push(`${space}${label}:\n`);
  for (const c of containers) {
    const st = statuses?.find((s) => s.name === c.name);
    w.push(`${L1}${space ? ' ' : ''}${c.name}:\n`);
    if (st) w.push(`${L2}Container ID:\t${st.containerID ?? ''}\n`);
    w.push(`${L2}Image:\t${c.image ?? ''}\n`);
    if (st) w.push(`${L2}Image ID:\t${st.imageID ?? ''}\n`);
    const ports = (c.ports ?? []).map((p: any) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(',');
    w.push(ports.includes(',') ? `${L2}Ports:\t${ports}\n` : `${L2}Port:\t${ports || '<none>'}\n`);
    const hostPorts = (c.ports ?? []).map((p: any) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(',');
    w.push(hostPorts.includes(',') ? `${L2}Host Ports:\t${hostPorts}\n` : `${L2}Host Port:\t${hostPorts || '<none>'}\n`);
    for (const [title, list] of [['Command', c.command], ['Args', c.args]] as [string, string[] | undefined][]) {
      if (!list?.length) continue;
      w.push(`${L2}${title}:\n`);
      for (const a of list) for (const line of a.split('\n')) w.push(`${L3}${line}\n`);
    }
    if (st) {
      state(w, 'State', st.state);
      if (st.lastState?.terminated) state(w, 'Last State', st.lastState);
      w.push(`${L2}Ready:\t${st.ready ? 'True' : 'False'}\n`);
      w.push(`${L2}Restart Count:\t${st.restartCount ?? 0}\n`);
    }
    for (const [title, m] of [['Limits', c.resources?.limits], ['Requests', c.resources?.requests]] as [string, Record<string, string> | undefined][]) {
      if (!m || !Object.keys(m).length) continue;
      w.push(`${L2}${title}:\n`);
      for (const k of Object.keys(m).sort()) w.push(`${L3}${k}:\t${m[k]}\n`);
    }
    if (c.livenessProbe) w.push(`${L2}Liveness:\t${probe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.push(`${L2}Readiness:\t${probe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.push(`${L2}Startup:\t${probe(c.startupProbe)}\n`);
    if (c.envFrom?.length) {
      w.push(`${L2}Environment Variables from:\n`);
      for (const e of c.envFrom) {
        const [kind, ref] = e.configMapRef ? ['ConfigMap', e.configMapRef] : ['Secret', e.secretRef];
        w.push(`${L3}${ref.name}\t${kind}\t${e.prefix ? `with prefix '${e.prefix}'` : ''}${ref.optional ? 'Optional: true' : 'Optional: false'}\n`);
      }
    }
    w.push(`${L2}Environment:${c.env?.length ? '' : '\t<none>'}\n`);
    for (const e of c.env ?? []) {
      if (!e.valueFrom) {
        (e.value ?? '').split('\n').forEach((s: string, i: number) => w.push(i ? `${L3}\t${s}\n` : `${L3}${e.name}:\t${s}\n`));
        continue;
      }
      const f = e.valueFrom;
      if (f.fieldRef) w.push(`${L3}${e.name}:\t (${f.fieldRef.apiVersion ?? 'v1'}:${f.fieldRef.fieldPath})\n`);
      else if (f.resourceFieldRef) w.push(`${L3}${e.name}:\t${f.resourceFieldRef.resource}\n`);
      else if (f.secretKeyRef) w.push(`${L3}${e.name}:\t<set to the key '${f.secretKeyRef.key}' in secret '${f.secretKeyRef.name}'>\tOptional: ${!!f.secretKeyRef.optional}\n`);
      else if (f.configMapKeyRef) w.push(`${L3}${e.name}:\t<set to the key '${f.configMapKeyRef.key}' of config map '${f.configMapKeyRef.name}'>\tOptional: ${!!f.configMapKeyRef.optional}\n`);
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a: any, b: any) => (a.mountPath < b.mountPath ? -1 : 1));
    w.push(`${L2}Mounts:${mounts.length ? '' : '\t<none>'}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])];
      w.push(`${L3}${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
  }
}

function state(w: string[], name: string, s: any): void {
  if (s?.running) { w.push(`${L2}${name}:\tRunning\n`); w.push(`${L3}Started:\t${rfc1123z(s.running.startedAt)}\n`); }
  else if (s?.waiting) { w.push(`${L2}${name}:\tWaiting\n`); if (s.waiting.reason) w.push(`${L3}Reason:\t${s.waiting.reason}\n`); }
  else if (s?.terminated) {
    const t = s.terminated;
    w.push(`${L2}${name}:\tTerminated\n`);
    if (t.reason) w.push(`${L3}Reason:\t${t.reason}\n`);
    if (t.message) w.push(`${L3}Message:\t${t.message}\n`);
    w.push(`${L3}Exit Code:\t${t.exitCode ?? 0}\n`);
    if (t.signal > 0) w.push(`${L3}Signal:\t${t.signal}\n`);
    w.push(`${L3}Started:\t${rfc1123z(t.startedAt)}\n`);
    w.push(`${L3}Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else w.push(`${L2}${name}:\tWaiting\n`);
}

function describeVolumes(w: string[], volumes: any[] | undefined, space: string): void {
  if (!volumes?.length) { w.push(`${space}Volumes:\t<none>\n`); return; }
  w.push(`${space}Volumes:\n`);
  for (const v of volumes) {
    w.push(`${L1}${space ? ' ' : ''}${v.name}:\n`);
    if (v.hostPath) w.push(`${L2}Type:\tHostPath (bare host directory volume)\n${L2}Path:\t${v.hostPath.path}\n${L2}HostPathType:\t${v.hostPath.type ?? ''}\n`);
    else if (v.emptyDir) w.push(`${L2}Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n${L2}Medium:\t${v.emptyDir.medium ?? ''}\n${L2}SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`);
    else if (v.persistentVolumeClaim) w.push(`${L2}Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n${L2}ClaimName:\t${v.persistentVolumeClaim.claimName}\n${L2}ReadOnly:\t${!!v.persistentVolumeClaim.readOnly}\n`);
    else if (v.configMap) w.push(`${L2}Type:\tConfigMap (a volume populated by a ConfigMap)\n${L2}Name:\t${v.configMap.name}\n${L2}Optional:\t${!!v.configMap.optional}\n`);
    else if (v.secret) w.push(`${L2}Type:\tSecret (a volume populated by a Secret)\n${L2}SecretName:\t${v.secret.secretName}\n${L2}Optional:\t${!!v.secret.optional}\n`);
    else if (v.projected) {
      w.push(`${L2}Type:\tProjected (a volume that contains injected data from multiple sources)\n`);
      for (const s of v.projected.sources ?? []) {
        if (s.serviceAccountToken) w.push(`${L2}TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3600}\n`);
        else if (s.configMap) w.push(`${L2}ConfigMapName:\t${s.configMap.name}\n${L2}ConfigMapOptional:\t${s.configMap.optional ?? '<nil>'}\n`);
        else if (s.downwardAPI) w.push(`${L2}DownwardAPI:\ttrue\n`);
        else if (s.secret) w.push(`${L2}SecretName:\t${s.secret.name}\n${L2}SecretOptionalName:\t${s.secret.optional ?? '<nil>'}\n`);
      }
    } else w.push(`${L2}<unknown>\n`);
  }
}

function qosClass(pod: KObject): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const cs: any[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const any = cs.some((c) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length);
  if (!any) return 'BestEffort';
  const guaranteed = cs.every((c) => ['cpu', 'memory'].every((r) => c.resources?.limits?.[r] && (c.resources?.requests?.[r] ?? c.resources.limits[r]) === c.resources.limits[r]));
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function controlledBy(o: KObject): string | undefined {
  const c = o.metadata.ownerReferences?.find((r) => r.controller);
  return c ? `${c.kind}/${c.name}` : undefined;
}

function describePod(ctx: Ctx, pod: KObject, w: string[]): void {
  const s = pod.spec ?? {}, st = pod.status ?? {};
  w.push(`Name:\t${pod.metadata.name}\n`, `Namespace:\t${pod.metadata.namespace}\n`);
  if (s.priority !== undefined) w.push(`Priority:\t${s.priority}\n`);
  if (s.priorityClassName) w.push(`Priority Class Name:\t${s.priorityClassName}\n`);
  if (s.runtimeClassName) w.push(`Runtime Class Name:\t${s.runtimeClassName}\n`);
  if (s.serviceAccountName) w.push(`Service Account:\t${s.serviceAccountName}\n`);
  w.push(s.nodeName ? `Node:\t${s.nodeName}/${st.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (st.startTime) w.push(`Start Time:\t${rfc1123z(st.startTime)}\n`);
  labels(w, 'Labels', pod.metadata.labels);
  annotations(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && st.phase !== 'Failed' && st.phase !== 'Succeeded') {
    // translateTimestampSince of a deletionTimestamp still ahead: `<invalid>` during the grace period, as kubectl shows it
    w.push(`Status:\tTerminating (lasts ${since(pod.metadata.deletionTimestamp, ctx.now)})\n`);
    w.push(`Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.push(`Status:\t${st.phase ?? ''}\n`);
  if (st.reason) w.push(`Reason:\t${st.reason}\n`);
  if (st.message) w.push(`Message:\t${st.message}\n`);
  w.push(`IP:\t${st.podIP ?? ''}\n`);
  if (!st.podIPs?.length) w.push('IPs:\t<none>\n');
  else { w.push('IPs:\n'); for (const ip of st.podIPs) w.push(`${L1}IP:\t${ip.ip}\n`); }
  const cb = controlledBy(pod);
  if (cb) w.push(`Controlled By:\t${cb}\n`);
  if (st.nominatedNodeName) w.push(`NominatedNodeName:\t${st.nominatedNodeName}\n`);
  if (s.initContainers?.length) describeContainers(w, 'Init Containers', s.initContainers, st.initContainerStatuses ?? [], '');
  describeContainers(w, 'Containers', s.containers ?? [], st.containerStatuses ?? [], '');
  if (s.readinessGates?.length) {
    w.push('Readiness Gates:\n  Type\tStatus\n');
    for (const g of s.readinessGates) {
      const c = (st.conditions ?? []).find((x: any) => x.type === g.conditionType);
      w.push(`${L1}${g.conditionType} \t${c?.status ?? '<none>'} \n`);
    }
  }
  if (st.conditions?.length) {
    w.push('Conditions:\n  Type\tStatus\n');
    for (const c of st.conditions) w.push(`${L1}${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, s.volumes, '');
  w.push(`QoS Class:\t${qosClass(pod)}\n`);
  labels(w, 'Node-Selectors', s.nodeSelector);
  tolerations(w, 'Tolerations', s.tolerations);
}

/** DescribePodTemplate; also what `kubectl rollout history --revision` prints. */
export function describePodTemplate(w: string[], t: any): void {
  w.push('Pod Template:\n');
  labels(w, '  Labels', t?.metadata?.labels);
  if (Object.keys(t?.metadata?.annotations ?? {}).length) annotations(w, '  Annotations', t.metadata.annotations);
  const s = t?.spec ?? {};
  if (s.serviceAccountName) w.push(`${L1}Service Account:\t${s.serviceAccountName}\n`);
  if (s.initContainers?.length) describeContainers(w, 'Init Containers', s.initContainers, undefined, '  ');
  describeContainers(w, 'Containers', s.containers ?? [], undefined, '  ');
  describeVolumes(w, s.volumes, '  ');
  if (s.priorityClassName) w.push(`${L1}Priority Class Name:\t${s.priorityClassName}\n`);
  labels(w, '  Node-Selectors', s.nodeSelector);
  tolerations(w, '  Tolerations', s.tolerations);
}

function withoutHash(t: any): string {
  const c = JSON.parse(JSON.stringify(t ?? {}));
  if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
  return JSON.stringify(sortDeep(c));
}
function sortDeep(v: any): any {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep(v[k])]));
  return v;
}

function describeDeployment(ctx: Ctx, d: KObject, w: string[]): void {
  const s = d.spec ?? {}, st = d.status ?? {};
  w.push(`Name:\t${d.metadata.name}\n`, `Namespace:\t${d.metadata.namespace}\n`, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  labels(w, 'Labels', d.metadata.labels);
  annotations(w, 'Annotations', d.metadata.annotations);
  w.push(`Selector:\t${formatLabelSelector(s.selector)}\n`);
  w.push(`Replicas:\t${s.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
  w.push(`StrategyType:\t${s.strategy?.type ?? ''}\n`, `MinReadySeconds:\t${s.minReadySeconds ?? 0}\n`);
  const ru = s.strategy?.rollingUpdate;
  if (ru) w.push(`RollingUpdateStrategy:\t${ru.maxUnavailable} max unavailable, ${ru.maxSurge} max surge\n`);
  describePodTemplate(w, s.template);
  if (st.conditions?.length) {
    w.push('Conditions:\n  Type\tStatus\tReason\n', `${L1}----\t------\t------\n`);
    for (const c of st.conditions) w.push(`${L1}${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  // GetAllReplicaSetsInChunks: its error leaves the ReplicaSet lines out
  const rss = related(() => ctx.api.list('replicasets', { namespace: d.metadata.namespace, ownerUid: d.metadata.uid }));
  if (!rss) return;
  rss.sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : a.metadata.creationTimestamp! > b.metadata.creationTimestamp! ? 1 : a.metadata.name! < b.metadata.name! ? -1 : 1));
  const tpl = withoutHash(s.template);
  const newRS = rss.find((rs) => withoutHash(rs.spec?.template) === tpl);
  const old = rss.filter((rs) => rs !== newRS && (rs.spec?.replicas ?? 0) !== 0);
  const fmt = (list: KObject[]) => (list.length ? list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') : '<none>');
  w.push(`OldReplicaSets:\t${fmt(old)}\n`, `NewReplicaSet:\t${fmt(newRS ? [newRS] : [])}\n`);
}

function describeService(ctx: Ctx, svc: KObject, w: string[]): void {
  const s = svc.spec ?? {};
  w.push(`Name:\t${svc.metadata.name}\n`, `Namespace:\t${svc.metadata.namespace}\n`);
  labels(w, 'Labels', svc.metadata.labels);
  annotations(w, 'Annotations', svc.metadata.annotations);
  labels(w, 'Selector', s.selector);
  w.push(`Type:\t${s.type}\n`);
  if (s.ipFamilyPolicy) w.push(`IP Family Policy:\t${s.ipFamilyPolicy}\n`);
  if (s.ipFamilies?.length) w.push(`IP Families:\t${s.ipFamilies.join(',')}\n`);
  if (s.type === 'ExternalName') w.push(`External Name:\t${s.externalName}\n`);
  else {
    w.push(`IP:\t${s.clusterIP ?? ''}\n`);
    if (s.clusterIPs?.length) w.push(`IPs:\t${s.clusterIPs.join(',')}\n`);
  }
  if (s.externalIPs?.length) w.push(`External IPs:\t${s.externalIPs.join(',')}\n`);
  if (s.loadBalancerIP) w.push(`IP:\t${s.loadBalancerIP}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) w.push(`LoadBalancer Ingress:\t${ingress.map((i: any) => i.ip || i.hostname).join(', ')}\n`);
  const ep = related(() => ctx.api.tryGet('endpoints', svc.metadata.namespace, svc.metadata.name!));
  for (const p of s.ports ?? []) {
    const name = p.name || '<unset>';
    w.push(`Port:\t${name}\t${p.port}/${p.protocol}\n`);
    w.push(`TargetPort:\t${p.targetPort}/${p.protocol}\n`);
    if (p.nodePort) w.push(`NodePort:\t${name}\t${p.nodePort}/${p.protocol}\n`);
    w.push(`Endpoints:\t${endpointsFor(ep, p.name)}\n`);
  }
  w.push(`Session Affinity:\t${s.sessionAffinity}\n`);
  if (s.externalTrafficPolicy) w.push(`External Traffic Policy:\t${s.externalTrafficPolicy}\n`);
  if (s.internalTrafficPolicy) w.push(`Internal Traffic Policy:\t${s.internalTrafficPolicy}\n`);
  if (s.healthCheckNodePort) w.push(`HealthCheck NodePort:\t${s.healthCheckNodePort}\n`);
}

function endpointsFor(ep: KObject | undefined, portName: string | undefined): string {
  if (!ep) return '<none>';
  const subsets = (ep.subsets ?? []).map((ss: any) => ({ ...ss, ports: (ss.ports ?? []).filter((p: any) => (p.name ?? '') === (portName ?? '')) }));
  const text = formatEndpoints({ ...ep, subsets: subsets.filter((ss: any) => ss.ports.length) });
  return text === '<none>' ? '' : text;
}



export { CmdError };
