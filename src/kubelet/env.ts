// The container's environment as the kubelet builds it (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables,
// podFieldSelectorRuntimeValue; pkg/api/v1/resource containerResourceRuntimeValue; third_party/forked/golang/expansion).
// envFrom first (prefix, invalid names skipped with an event), then env in order ($(VAR) expanded against what is
// defined so far and the service variables), then the service variables not already set.
// A missing ConfigMap, Secret or key fails the container with CreateContainerConfigError unless optional.
import type { ApiServer } from '../apiserver/apiserver';
import type { KObject } from '../api/meta';
import { isStatusError } from '../api/errors';
import { parseQuantity } from '../api/quantity';

export interface EnvVar {
  name: string;
  value: string;
}

/** What makeEnvironmentVariables needs besides the pod: reads through the API, the pod's IPs, the node. */
export interface EnvContext {
  api: ApiServer;
  podIP?: string;
  hostIP?: string;
  /** node allocatable, the default for resourceFieldRef without limits */
  allocatable?: Record<string, string>;
  /** kubelet events (InvalidEnvironmentVariableNames) */
  warn?: (reason: string, message: string) => void;
  /** the service variables (serviceEnvironment in service-env.ts), read when the container is created */
  serviceEnv?: Map<string, string>;
}

/** A config error: the container waits with CreateContainerConfigError and this message. */
export class ContainerConfigError extends Error {}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export function makeEnvironmentVariables(pod: KObject, container: any, ctx: EnvContext): EnvVar[] {
  const ns = pod.metadata.namespace ?? 'default';
  const serviceEnv = ctx.serviceEnv ?? new Map<string, string>();
  const cache = new Map<string, KObject | undefined>();
  const lookup = (resource: 'configmaps' | 'secrets', name: string, optional: boolean): KObject | undefined => {
    const k = `${resource}/${name}`;
    if (cache.has(k)) return cache.get(k);
    try {
      const o = ctx.api.get(resource, ns, name);
      cache.set(k, o);
      return o;
    } catch (e) {
      if (isStatusError(e) && e.reason === 'NotFound') {
        if (optional) return undefined;
        // the kubelet's watch-based manager names the resource in the singular
        throw new ContainerConfigError(`${resource === 'configmaps' ? 'configmap' : 'secret'} "${name}" not found`);
      }
      throw e;
    }
  };
  const env = new Map<string, string>();

  for (const from of container.envFrom ?? []) {
    const isCM = !!from.configMapRef;
    const ref = isCM ? from.configMapRef : from.secretRef;
    if (!ref) continue;
    const obj = lookup(isCM ? 'configmaps' : 'secrets', ref.name, ref.optional === true);
    if (!obj) continue;
    const data: Record<string, string> = isCM ? (obj.data ?? {}) : decodeAll(obj.data ?? {});
    const invalid: string[] = [];
    for (const [key, value] of Object.entries(data)) {
      const k = (from.prefix ?? '') + key;
      if (!ENV_NAME.test(k)) {
        invalid.push(k);
        continue;
      }
      env.set(k, value);
    }
    if (invalid.length) {
      invalid.sort();
      ctx.warn?.(
        'InvalidEnvironmentVariableNames',
        `Keys [${invalid.join(', ')}] from the EnvFrom ${isCM ? 'configMap' : 'secret'} ${ns}/${ref.name} were skipped since they are considered invalid environment variable names.`,
      );
    }
  }

  for (const e of container.env ?? []) {
    let value: string = e.value ?? '';
    if (value !== '') value = expand(value, (n) => env.get(n) ?? serviceEnv.get(n));
    else if (e.valueFrom) {
      const f = e.valueFrom;
      if (f.fieldRef) value = fieldValue(f.fieldRef.fieldPath, pod, ctx);
      else if (f.resourceFieldRef) value = resourceValue(f.resourceFieldRef, pod, container, ctx);
      else if (f.configMapKeyRef || f.secretKeyRef) {
        const isCM = !!f.configMapKeyRef;
        const ref = isCM ? f.configMapKeyRef : f.secretKeyRef;
        const optional = ref.optional === true;
        const obj = lookup(isCM ? 'configmaps' : 'secrets', ref.name, optional);
        if (!obj) continue;
        const raw = isCM
          ? obj.data?.[ref.key]
          : obj.data?.[ref.key] !== undefined
            ? decode(obj.data[ref.key])
            : undefined;
        if (raw === undefined) {
          if (optional) continue;
          throw new ContainerConfigError(
            `couldn't find key ${ref.key} in ${isCM ? 'ConfigMap' : 'Secret'} ${ns}/${ref.name}`,
          );
        }
        value = raw;
      }
    }
    env.set(e.name, value ?? '');
  }

  const out: EnvVar[] = [...env].map(([name, value]) => ({ name, value }));
  for (const [name, value] of serviceEnv) if (!env.has(name)) out.push({ name, value });
  return out;
}

/** expansion.Expand: `$(VAR)` from the mapping (left as is when unknown), `$$` escapes a `$`. */
export function expand(input: string, mapping: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c !== '$' || i + 1 >= input.length) {
      out += c;
      continue;
    }
    const n = input[i + 1];
    if (n === '$') {
      out += '$';
      i++;
      continue;
    }
    if (n === '(') {
      const end = input.indexOf(')', i + 2);
      if (end < 0) {
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, end);
      const v = mapping(name);
      out += v ?? `$(${name})`;
      i = end;
      continue;
    }
    out += c + n;
    i++;
  }
  return out;
}

/** podFieldSelectorRuntimeValue with the API's field labels (fieldpath.ExtractFieldPathAsString). */
export function fieldValue(path: string, pod: KObject, ctx: Pick<EnvContext, 'podIP' | 'hostIP'>): string {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return (pod.metadata as any)[m[1]]?.[m[2]] ?? '';
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'metadata.labels':
      return formatMap(pod.metadata.labels);
    case 'metadata.annotations':
      return formatMap(pod.metadata.annotations);
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return ctx.hostIP ?? pod.status?.hostIP ?? '';
    case 'status.podIP':
    case 'status.podIPs':
      return ctx.podIP ?? pod.status?.podIP ?? '';
  }
  return '';
}

/** fieldpath.FormatMap: sorted `k="v"` lines. */
function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(m![k])}`)
    .join('\n');
}

/** containerResourceRuntimeValue: limits default to the node's allocatable; rounded up to the divisor. */
export function resourceValue(ref: any, pod: KObject, container: any, ctx: Pick<EnvContext, 'allocatable'>): string {
  const target = ref.containerName
    ? ([...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find(
        (c: any) => c.name === ref.containerName,
      ) ?? container)
    : container;
  const [kind, res] = String(ref.resource).split(/\.(.*)/);
  const given = target.resources?.[kind]?.[res];
  const raw =
    given ??
    (kind === 'limits' ? ctx.allocatable?.[res] : kind === 'requests' && res === 'cpu' ? '0' : undefined) ??
    '0';
  const divisor = parseQuantity(ref.divisor ?? '1');
  return String(Math.ceil(parseQuantity(raw) / divisor - 1e-9));
}

function decode(b64: string): string {
  return Buffer.from(b64, 'base64').toString('utf8');
}
function decodeAll(data: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, decode(v)]));
}
