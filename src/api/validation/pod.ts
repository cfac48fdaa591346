// Pod and PodTemplateSpec validation (pkg/apis/core/validation/validation.go: ValidatePodSpec,
// validateContainers, validateContainerCommon, ValidateVolumes, ValidateVolumeMounts, validateContainerPorts,
// ValidateEnv, ValidateResourceRequirements), in the order the source appends errors.

import { type FieldError, field } from '../errors';
import { canonicalQuantity, compareQuantity, parseQuantity } from '../quantity';
import { validateNodeAffinity } from './affinity';
import { dns1123Label, dns1123Subdomain, regexError, validateAnnotations, validateLabels } from './meta';
import { inclusiveRangeError, isValidPortName, isValidPortNum, nonNegative, PORT_PROTOCOLS } from './common';
import { validateTopologySpreadConstraints } from './topology-spread';

// in validateVolumeSource's order, so the second source of a volume is the one reported
const VOLUME_SOURCES = [
  'emptyDir',
  'hostPath',
  'gitRepo',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'flocker',
  'persistentVolumeClaim',
  'rbd',
  'cinder',
  'cephfs',
  'downwardAPI',
  'fc',
  'flexVolume',
  'configMap',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'projected',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
];

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const envVarNameMsg = regexError(
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
  '[-._a-zA-Z][-._a-zA-Z0-9]*',
  'my.env-name',
  'MY_ENV.NAME',
  'MyEnvName1',
);
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** ValidatePodTemplateSpec: labels, annotations, then the pod spec under `<f>.spec`. */
export function validatePodTemplateSpec(t: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateLabels(t?.metadata?.labels, `${f}.labels`));
  errs.push(...validateAnnotations(t?.metadata?.annotations, `${f}.annotations`));
  errs.push(...validatePodSpec(t?.spec ?? {}, `${f}.spec`));
  return errs;
}

export function validatePodSpec(spec: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  const volumes = validateVolumes(spec.volumes ?? [], `${f}.volumes`, errs);
  errs.push(...validateContainers(spec.containers ?? [], volumes, `${f}.containers`));
  errs.push(
    ...validateInitContainers(spec.initContainers ?? [], spec.containers ?? [], volumes, `${f}.initContainers`),
  );
  errs.push(...oneOf(spec.restartPolicy, RESTART_POLICIES, `${f}.restartPolicy`));
  errs.push(...oneOf(spec.dnsPolicy, DNS_POLICIES, `${f}.dnsPolicy`));
  errs.push(...validateLabels(spec.nodeSelector, `${f}.nodeSelector`));
  errs.push(...validateNodeAffinity(spec.affinity, `${f}.affinity`));
  if (spec.serviceAccountName) errs.push(...dns1123Subdomain(`${f}.serviceAccountName`, spec.serviceAccountName));
  if (spec.nodeName) errs.push(...dns1123Subdomain(`${f}.nodeName`, spec.nodeName));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    const v = spec.activeDeadlineSeconds;
    if (v < 1 || v > 2147483647)
      errs.push(field.invalid(`${f}.activeDeadlineSeconds`, v, inclusiveRangeError(1, 2147483647)));
  }
  if (spec.hostname) errs.push(...dns1123Label(`${f}.hostname`, spec.hostname));
  if (spec.subdomain) errs.push(...dns1123Label(`${f}.subdomain`, spec.subdomain));
  (spec.tolerations ?? []).forEach((t: any, i: number) =>
    errs.push(...validateToleration(t, `${f}.tolerations[${i}]`)),
  );
  errs.push(
    ...validateTopologySpreadConstraints(spec.topologySpreadConstraints ?? [], `${f}.topologySpreadConstraints`),
  );
  return errs;
}

function oneOf(v: unknown, allowed: string[], f: string): FieldError[] {
  if (v === undefined || v === null || v === '') return [field.required(f, '')];
  return allowed.includes(v as string) ? [] : [field.notSupported(f, v, allowed)];
}

/** ValidateVolumes: returns the valid volumes by name; a volume with errors is not usable by mounts. */
function validateVolumes(volumes: any[], f: string, errs: FieldError[]): Map<string, any> {
  const byName = new Map<string, any>();
  volumes.forEach((vol, i) => {
    const p = `${f}[${i}]`;
    const el: FieldError[] = validateVolumeSource(vol ?? {}, p);
    if (!vol?.name) el.push(field.required(`${p}.name`, ''));
    else el.push(...dns1123Label(`${p}.name`, vol.name));
    if (byName.has(vol?.name)) el.push(field.duplicate(`${p}.name`, vol.name));
    if (el.length === 0) byName.set(vol.name, vol);
    else errs.push(...el);
  });
  return byName;
}

function validateVolumeSource(vol: any, p: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const s of VOLUME_SOURCES) {
    if (vol[s] === undefined || vol[s] === null) continue;
    if (n++ > 0) {
      errs.push(field.forbidden(`${p}.${s}`, 'may not specify more than 1 volume type'));
      continue;
    }
    const src = vol[s];
    switch (s) {
      case 'persistentVolumeClaim':
        if (!src.claimName) errs.push(field.required(`${p}.persistentVolumeClaim.claimName`, ''));
        break;
      case 'configMap':
        if (!src.name) errs.push(field.required(`${p}.configMap.name`, ''));
        break;
      case 'secret':
        if (!src.secretName) errs.push(field.required(`${p}.secret.secretName`, ''));
        break;
      case 'hostPath':
        if (!src.path) errs.push(field.required(`${p}.hostPath.path`, ''));
        break;
      case 'nfs':
        if (!src.server) errs.push(field.required(`${p}.nfs.server`, ''));
        if (!src.path) errs.push(field.required(`${p}.nfs.path`, ''));
        else if (!String(src.path).startsWith('/'))
          errs.push(field.invalid(`${p}.nfs.path`, src.path, 'must be an absolute path'));
        break;
      case 'emptyDir':
        if (
          src.medium !== undefined &&
          !['', 'Memory', 'HugePages'].includes(src.medium) &&
          !String(src.medium).startsWith('HugePages-')
        )
          errs.push(field.notSupported(`${p}.emptyDir.medium`, src.medium, ['', 'Memory', 'HugePages']));
        break;
    }
  }
  if (n === 0) errs.push(field.required(p, 'must specify a volume type'));
  return errs;
}

function validateContainers(containers: any[], volumes: Map<string, any>, f: string): FieldError[] {
  if (!containers.length) return [field.required(f, '')];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = `${f}[${i}]`;
    errs.push(...validateContainerCommon(c ?? {}, volumes, p));
    if (names.has(c?.name)) errs.push(field.duplicate(`${p}.name`, c.name));
    else names.add(c?.name);
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'])
      if (c?.[probe]) errs.push(...validateProbe(c[probe], `${p}.${probe}`, probe));
    if (c?.restartPolicy !== undefined)
      errs.push(field.forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
  });
  errs.push(...hostPortConflicts(containers, f));
  return errs;
}

function validateInitContainers(inits: any[], containers: any[], volumes: Map<string, any>, f: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>(containers.map((c) => c?.name));
  inits.forEach((c, i) => {
    const p = `${f}[${i}]`;
    errs.push(...validateContainerCommon(c ?? {}, volumes, p));
    if (names.has(c?.name)) errs.push(field.duplicate(`${p}.name`, c.name));
    else names.add(c?.name);
    if (c?.restartPolicy !== undefined && c.restartPolicy !== 'Always')
      errs.push(field.notSupported(`${p}.restartPolicy`, c.restartPolicy, ['Always']));
    if (c?.restartPolicy !== 'Always') {
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'])
        if (c?.[probe])
          errs.push(
            field.forbidden(`${p}.${probe}`, 'may not be set for init containers without restartPolicy=Always'),
          );
    }
  });
  return errs;
}

function validateContainerCommon(c: any, volumes: Map<string, any>, p: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(field.required(`${p}.name`, ''));
  else errs.push(...dns1123Label(`${p}.name`, c.name));
  if (!c.image) errs.push(field.required(`${p}.image`, ''));
  if (!c.terminationMessagePolicy)
    errs.push(field.required(`${p}.terminationMessagePolicy`, "must be 'File' or 'FallbackToLogsOnError'"));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(c.terminationMessagePolicy))
    errs.push(
      field.notSupported(`${p}.terminationMessagePolicy`, c.terminationMessagePolicy, TERMINATION_MESSAGE_POLICIES),
    );
  errs.push(...validateContainerPorts(c.ports ?? [], `${p}.ports`));
  errs.push(...validateEnv(c.env ?? [], `${p}.env`));
  errs.push(...validateVolumeMounts(c.volumeMounts ?? [], volumes, `${p}.volumeMounts`));
  errs.push(...oneOf(c.imagePullPolicy, PULL_POLICIES, `${p}.imagePullPolicy`));
  errs.push(...validateResourceRequirements(c.resources ?? {}, `${p}.resources`));
  return errs;
}

function validateContainerPorts(ports: any[], f: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = `${f}[${i}]`;
    if (port?.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) for (const m of msgs) errs.push(field.invalid(`${p}.name`, port.name, m));
      else if (names.has(port.name)) errs.push(field.duplicate(`${p}.name`, port.name));
      else names.add(port.name);
    }
    if (!port?.containerPort) errs.push(field.required(`${p}.containerPort`, ''));
    else
      for (const m of isValidPortNum(port.containerPort))
        errs.push(field.invalid(`${p}.containerPort`, port.containerPort, m));
    if (port?.hostPort)
      for (const m of isValidPortNum(port.hostPort)) errs.push(field.invalid(`${p}.hostPort`, port.hostPort, m));
    if (!port?.protocol) errs.push(field.required(`${p}.protocol`, ''));
    else if (!PORT_PROTOCOLS.includes(port.protocol))
      errs.push(field.notSupported(`${p}.protocol`, port.protocol, PORT_PROTOCOLS));
  });
  return errs;
}

/** checkHostPortConflicts: the same hostPort/protocol/hostIP twice across containers. */
function hostPortConflicts(containers: any[], f: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) =>
    (c?.ports ?? []).forEach((port: any, pi: number) => {
      if (!port?.hostPort) return;
      const key = `${port.hostIP ?? ''}/${port.hostPort}/${port.protocol}`;
      if (seen.has(key)) errs.push(field.duplicate(`${f}[${ci}].ports[${pi}].hostPort`, key));
      seen.add(key);
    }),
  );
  return errs;
}

function validateEnv(env: any[], f: string): FieldError[] {
  const errs: FieldError[] = [];
  env.forEach((e, i) => {
    const p = `${f}[${i}]`;
    const name = e?.name;
    if (!name) errs.push(field.required(`${p}.name`, ''));
    else {
      if (!ENV_VAR_NAME.test(name)) errs.push(field.invalid(`${p}.name`, name, envVarNameMsg));
      if (name === '.') errs.push(field.invalid(`${p}.name`, name, "must not be '.'"));
      else if (name === '..') errs.push(field.invalid(`${p}.name`, name, "must not be '..'"));
      else if (name.startsWith('..')) errs.push(field.invalid(`${p}.name`, name, "must not start with '..'"));
    }
    if (e?.valueFrom) {
      const vf = e.valueFrom;
      const n = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => vf[k]).length;
      if (e.value) errs.push(field.invalid(`${p}.valueFrom`, '', 'may not be specified when `value` is not empty'));
      if (n === 0)
        errs.push(
          field.invalid(
            `${p}.valueFrom`,
            '',
            'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
          ),
        );
      else if (n > 1)
        errs.push(field.invalid(`${p}.valueFrom`, '', 'may not have more than one field specified at a time'));
      if (vf.configMapKeyRef && !vf.configMapKeyRef.key)
        errs.push(field.required(`${p}.valueFrom.configMapKeyRef.key`, ''));
      if (vf.secretKeyRef && !vf.secretKeyRef.key) errs.push(field.required(`${p}.valueFrom.secretKeyRef.key`, ''));
      if (vf.fieldRef && !vf.fieldRef.fieldPath) errs.push(field.required(`${p}.valueFrom.fieldRef.fieldPath`, ''));
    }
  });
  return errs;
}

function validateVolumeMounts(mounts: any[], volumes: Map<string, any>, f: string): FieldError[] {
  const errs: FieldError[] = [];
  const points = new Set<string>();
  mounts.forEach((m, i) => {
    const p = `${f}[${i}]`;
    if (!m?.name) errs.push(field.required(`${p}.name`, ''));
    if (!volumes.has(m?.name)) errs.push(field.notFound(`${p}.name`, m?.name ?? ''));
    if (!m?.mountPath) errs.push(field.required(`${p}.mountPath`, ''));
    if (points.has(m?.mountPath)) errs.push(field.invalid(`${p}.mountPath`, m.mountPath, 'must be unique'));
    points.add(m?.mountPath);
    if (m?.subPath) errs.push(...localDescendingPath(m.subPath, `${f}.subPath`));
  });
  return errs;
}

/** validateLocalDescendingPath: relative, no `..` element. */
function localDescendingPath(path: string, f: string): FieldError[] {
  const errs: FieldError[] = [];
  if (path.startsWith('/')) errs.push(field.invalid(f, path, 'must be a relative path'));
  if (path.split('/').includes('..')) errs.push(field.invalid(f, path, "must not contain '..'"));
  return errs;
}

/** ValidateResourceRequirements: names, non-negative quantities, requests <= limits (messages use canonical quantities). */
export function validateResourceRequirements(res: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  const limits: Record<string, any> = res.limits ?? {},
    requests: Record<string, any> = res.requests ?? {};
  for (const [name, q] of Object.entries(limits)) errs.push(...resourceNameAndValue(name, q, `${f}.limits[${name}]`));
  for (const [name, q] of Object.entries(requests)) {
    errs.push(...resourceNameAndValue(name, q, `${f}.requests[${name}]`));
    if (name in limits && compareQuantity(q, limits[name]) > 0) {
      errs.push(
        field.invalid(
          `${f}.requests`,
          canonicalQuantity(q),
          `must be less than or equal to ${name} limit of ${canonicalQuantity(limits[name])}`,
        ),
      );
    }
  }
  return errs;
}

function resourceNameAndValue(name: string, q: unknown, f: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-')) {
    errs.push(field.invalid(f, name, 'must be a standard resource for containers'));
  }
  // quantities were parsed when the body was decoded (apiserver decode)
  const v = parseQuantity(q as string);
  if (v < 0) errs.push(field.invalid(f, canonicalQuantity(q as string), isNegativeQuantity));
  // extended resources and hugepages take whole numbers (validateResourceQuantityValue)
  else if (name.includes('/') && !name.startsWith('kubernetes.io/') && !Number.isInteger(v))
    errs.push(field.invalid(f, canonicalQuantity(q as string), 'must be an integer'));
  return errs;
}
const isNegativeQuantity = 'must be greater than or equal to 0';

function validateProbe(probe: any, f: string, kind: string): FieldError[] {
  const errs: FieldError[] = [];
  const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((h) => probe[h]);
  if (handlers.length === 0) errs.push(field.required(f, 'must specify a handler type'));
  else if (handlers.length > 1)
    errs.push(field.forbidden(`${f}.${handlers[1]}`, 'may not specify more than 1 handler type'));
  for (const k of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
    'terminationGracePeriodSeconds',
  ]) {
    errs.push(...nonNegative(probe[k], `${f}.${k}`));
  }
  if (probe.httpGet) {
    const port = probe.httpGet.port;
    if (typeof port === 'number')
      for (const m of isValidPortNum(port)) errs.push(field.invalid(`${f}.httpGet.port`, port, m));
    else if (typeof port === 'string')
      for (const m of isValidPortName(port)) errs.push(field.invalid(`${f}.httpGet.port`, port, m));
    if (probe.httpGet.scheme && !['HTTP', 'HTTPS'].includes(probe.httpGet.scheme))
      errs.push(field.notSupported(`${f}.httpGet.scheme`, probe.httpGet.scheme, ['HTTP', 'HTTPS']));
  }
  if (probe.tcpSocket) {
    const port = probe.tcpSocket.port;
    if (typeof port === 'number')
      for (const m of isValidPortNum(port)) errs.push(field.invalid(`${f}.tcpSocket.port`, port, m));
    else if (typeof port === 'string')
      for (const m of isValidPortName(port)) errs.push(field.invalid(`${f}.tcpSocket.port`, port, m));
  }
  // liveness and startup probes must have successThreshold 1 (validateLivenessProbe, validateStartupProbe)
  if (
    (kind === 'livenessProbe' || kind === 'startupProbe') &&
    probe.successThreshold !== undefined &&
    probe.successThreshold !== 1
  ) {
    errs.push(field.invalid(`${f}.successThreshold`, probe.successThreshold, 'must be 1'));
  }
  return errs;
}

const TOLERATION_OPERATORS = ['Equal', 'Exists'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** ValidateTolerations, one toleration. */
function validateToleration(t: any, p: string): FieldError[] {
  const errs: FieldError[] = [];
  if (t?.key) for (const m of isQualifiedNameMsgs(t.key)) errs.push(field.invalid(`${p}.key`, t.key, m));
  if (!t?.key && t?.operator !== 'Exists')
    errs.push(
      field.invalid(
        `${p}.operator`,
        t?.operator ?? '',
        'operator must be Exists when `key` is empty, which means "match all values and all keys"',
      ),
    );
  if (t?.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
    errs.push(
      field.invalid(`${p}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"),
    );
  switch (t?.operator ?? '') {
    case '':
    case 'Equal':
      for (const m of labelValueMsgs(t?.value ?? '')) errs.push(field.invalid(`${p}.operator`, t.value, m));
      break;
    case 'Exists':
      if (t.value) errs.push(field.invalid(`${p}.operator`, t, "value must be empty when `operator` is 'Exists'"));
      break;
    default:
      errs.push(field.notSupported(`${p}.operator`, t.operator, TOLERATION_OPERATORS));
  }
  if (t?.effect && !TAINT_EFFECTS.includes(t.effect))
    errs.push(field.notSupported(`${p}.effect`, t.effect, TAINT_EFFECTS));
  return errs;
}

import { isQualifiedName as isQualifiedNameMsgs, isValidLabelValue as labelValueMsgs } from './meta';
