// DescribePod and DescribePodTemplate (pkg/describe/describe.go): containers with their state, probes and
// environment, volumes, QoS class, tolerations; a pod template as a workload's describer prints it.

import type { Ctx } from '../context';
import type { KObject } from '../../api/meta';
import { rfc1123z, goDuration } from '../printers/time';
import { since } from '../../api/format';
import { labels, annotations, tolerations } from './format';

const L1 = '  ',
  L2 = '    ',
  L3 = '      ';

function probe(p: any): string {
  const attrs = `delay=${goDuration(p.initialDelaySeconds ?? 0)} timeout=${goDuration(p.timeoutSeconds ?? 1)} period=${goDuration(p.periodSeconds ?? 10)} #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const h = p.httpGet,
      port = h.port !== undefined ? String(h.port) : '';
    return `http-get ${(h.scheme ?? 'HTTP').toLowerCase()}://${h.host ?? ''}${port ? ':' + port : ''}${h.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeContainers(
  w: string[],
  label: string,
  containers: any[],
  statuses: any[] | undefined,
  space: string,
): void {
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
    w.push(
      hostPorts.includes(',') ? `${L2}Host Ports:\t${hostPorts}\n` : `${L2}Host Port:\t${hostPorts || '<none>'}\n`,
    );
    for (const [title, list] of [
      ['Command', c.command],
      ['Args', c.args],
    ] as [string, string[] | undefined][]) {
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
    for (const [title, m] of [
      ['Limits', c.resources?.limits],
      ['Requests', c.resources?.requests],
    ] as [string, Record<string, string> | undefined][]) {
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
        w.push(
          `${L3}${ref.name}\t${kind}\t${e.prefix ? `with prefix '${e.prefix}'` : ''}${ref.optional ? 'Optional: true' : 'Optional: false'}\n`,
        );
      }
    }
    w.push(`${L2}Environment:${c.env?.length ? '' : '\t<none>'}\n`);
    for (const e of c.env ?? []) {
      if (!e.valueFrom) {
        (e.value ?? '')
          .split('\n')
          .forEach((s: string, i: number) => w.push(i ? `${L3}\t${s}\n` : `${L3}${e.name}:\t${s}\n`));
        continue;
      }
      const f = e.valueFrom;
      if (f.fieldRef) w.push(`${L3}${e.name}:\t (${f.fieldRef.apiVersion ?? 'v1'}:${f.fieldRef.fieldPath})\n`);
      else if (f.resourceFieldRef) w.push(`${L3}${e.name}:\t${f.resourceFieldRef.resource}\n`);
      else if (f.secretKeyRef)
        w.push(
          `${L3}${e.name}:\t<set to the key '${f.secretKeyRef.key}' in secret '${f.secretKeyRef.name}'>\tOptional: ${!!f.secretKeyRef.optional}\n`,
        );
      else if (f.configMapKeyRef)
        w.push(
          `${L3}${e.name}:\t<set to the key '${f.configMapKeyRef.key}' of config map '${f.configMapKeyRef.name}'>\tOptional: ${!!f.configMapKeyRef.optional}\n`,
        );
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
  if (s?.running) {
    w.push(`${L2}${name}:\tRunning\n`);
    w.push(`${L3}Started:\t${rfc1123z(s.running.startedAt)}\n`);
  } else if (s?.waiting) {
    w.push(`${L2}${name}:\tWaiting\n`);
    if (s.waiting.reason) w.push(`${L3}Reason:\t${s.waiting.reason}\n`);
  } else if (s?.terminated) {
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
  if (!volumes?.length) {
    w.push(`${space}Volumes:\t<none>\n`);
    return;
  }
  w.push(`${space}Volumes:\n`);
  for (const v of volumes) {
    w.push(`${L1}${space ? ' ' : ''}${v.name}:\n`);
    if (v.hostPath)
      w.push(
        `${L2}Type:\tHostPath (bare host directory volume)\n${L2}Path:\t${v.hostPath.path}\n${L2}HostPathType:\t${v.hostPath.type ?? ''}\n`,
      );
    else if (v.emptyDir)
      w.push(
        `${L2}Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n${L2}Medium:\t${v.emptyDir.medium ?? ''}\n${L2}SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`,
      );
    else if (v.persistentVolumeClaim)
      w.push(
        `${L2}Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n${L2}ClaimName:\t${v.persistentVolumeClaim.claimName}\n${L2}ReadOnly:\t${!!v.persistentVolumeClaim.readOnly}\n`,
      );
    else if (v.configMap)
      w.push(
        `${L2}Type:\tConfigMap (a volume populated by a ConfigMap)\n${L2}Name:\t${v.configMap.name}\n${L2}Optional:\t${!!v.configMap.optional}\n`,
      );
    else if (v.secret)
      w.push(
        `${L2}Type:\tSecret (a volume populated by a Secret)\n${L2}SecretName:\t${v.secret.secretName}\n${L2}Optional:\t${!!v.secret.optional}\n`,
      );
    else if (v.projected) {
      w.push(`${L2}Type:\tProjected (a volume that contains injected data from multiple sources)\n`);
      for (const s of v.projected.sources ?? []) {
        if (s.serviceAccountToken)
          w.push(`${L2}TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3600}\n`);
        else if (s.configMap)
          w.push(
            `${L2}ConfigMapName:\t${s.configMap.name}\n${L2}ConfigMapOptional:\t${s.configMap.optional ?? '<nil>'}\n`,
          );
        else if (s.downwardAPI) w.push(`${L2}DownwardAPI:\ttrue\n`);
        else if (s.secret)
          w.push(`${L2}SecretName:\t${s.secret.name}\n${L2}SecretOptionalName:\t${s.secret.optional ?? '<nil>'}\n`);
      }
    } else w.push(`${L2}<unknown>\n`);
  }
}

function qosClass(pod: KObject): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const cs: any[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const any = cs.some(
    (c) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length,
  );
  if (!any) return 'BestEffort';
  const guaranteed = cs.every((c) =>
    ['cpu', 'memory'].every(
      (r) =>
        c.resources?.limits?.[r] && (c.resources?.requests?.[r] ?? c.resources.limits[r]) === c.resources.limits[r],
    ),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function controlledBy(o: KObject): string | undefined {
  const c = o.metadata.ownerReferences?.find((r) => r.controller);
  return c ? `${c.kind}/${c.name}` : undefined;
}

export function describePod(ctx: Ctx, pod: KObject, w: string[]): void {
  const s = pod.spec ?? {},
    st = pod.status ?? {};
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
  else {
    w.push('IPs:\n');
    for (const ip of st.podIPs) w.push(`${L1}IP:\t${ip.ip}\n`);
  }
  const cb = controlledBy(pod);
  if (cb) w.push(`Controlled By:\t${cb}\n`);
  if (st.nominatedNodeName) w.push(`NominatedNodeName:\t${st.nominatedNodeName}\n`);
  if (s.initContainers?.length)
    describeContainers(w, 'Init Containers', s.initContainers, st.initContainerStatuses ?? [], '');
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

export function withoutHash(t: any): string {
  const c = JSON.parse(JSON.stringify(t ?? {}));
  if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
  return JSON.stringify(sortDeep(c));
}
function sortDeep(v: any): any {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortDeep(v[k])]),
    );
  return v;
}
