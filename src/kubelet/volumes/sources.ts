// What each pod volume shows a container (pkg/volume/*): a directory on a host's disk (emptyDir, hostPath,
// local, nfs, and claims through their PersistentVolume), or a set of files the kubelet writes from API objects
// (configMap, secret, downwardAPI, projected with serviceAccountToken). The payload rules and the SetUp errors
// are those of pkg/volume/{configmap,secret,downwardapi,projected}: every key unless `items` names some,
// `defaultMode` 0644, a missing object or key fails unless `optional`.

import type { ApiServer } from '../../apiserver/apiserver';
import type { KObject } from '../../api/meta';
import { fieldValue, resourceValue } from '../env';
import { fnv1a32 } from '../../runtime/random';
import { type Disks, cleanPath, nfsHost, nodeHost } from '../../world/disks';
import { uniqueVolumeName } from '../../api/storage/util';

export interface ProjectedFile {
  content: string;
  mode: number;
}
export type MountSource =
  | { type: 'disk'; host: string; path: string; readOnly: boolean; plugin: string; hostPathType?: string }
  | { type: 'files'; files: Map<string, ProjectedFile>; plugin: string };

export class SetUpError extends Error {}
/** The volume is not attached to the node yet: the kubelet waits (verifyControllerAttachedVolume). */
export class NotAttachedError extends SetUpError {}

export const DEFAULT_MODE = 0o644;

/** The emptyDir directory of a pod on its node (pkg/kubelet/kubelet_getters.go getPodVolumeDir). */
export const emptyDirPath = (podUID: string, volume: string): string =>
  `/var/lib/kubelet/pods/${podUID}/volumes/kubernetes.io~empty-dir/${volume}`;

export function volumeSource(api: ApiServer, pod: KObject, volume: any): MountSource {
  const node: string = pod.spec?.nodeName ?? '';
  const ns: string = pod.metadata.namespace ?? 'default';
  if (volume.emptyDir)
    return {
      type: 'disk',
      plugin: 'kubernetes.io/empty-dir',
      host: nodeHost(node),
      path: emptyDirPath(pod.metadata.uid!, volume.name),
      readOnly: false,
    };
  if (volume.hostPath) return hostPathSource(node, volume.hostPath);
  if (volume.nfs)
    return {
      type: 'disk',
      plugin: 'kubernetes.io/nfs',
      host: nfsHost(volume.nfs.server),
      path: cleanPath(volume.nfs.path ?? '/'),
      readOnly: !!volume.nfs.readOnly,
    };
  if (volume.persistentVolumeClaim) return claimSource(api, ns, node, volume.persistentVolumeClaim);
  if (volume.configMap)
    return {
      type: 'files',
      plugin: 'kubernetes.io/configmap',
      files: configMapFiles(api, ns, volume.configMap, volume.configMap.defaultMode ?? DEFAULT_MODE),
    };
  if (volume.secret)
    return {
      type: 'files',
      plugin: 'kubernetes.io/secret',
      files: secretFiles(api, ns, volume.secret, volume.secret.defaultMode ?? DEFAULT_MODE),
    };
  if (volume.downwardAPI)
    return {
      type: 'files',
      plugin: 'kubernetes.io/downward-api',
      files: downwardFiles(api, pod, volume.downwardAPI.items ?? [], volume.downwardAPI.defaultMode ?? DEFAULT_MODE),
    };
  if (volume.projected)
    return { type: 'files', plugin: 'kubernetes.io/projected', files: projectedFiles(api, pod, volume.projected) };
  const kind = Object.keys(volume).find((k) => k !== 'name') ?? 'unknown';
  throw new SetUpError(`volume type ${kind} is not modelled`);
}

function hostPathSource(node: string, hp: any): MountSource & { type: 'disk' } {
  return {
    type: 'disk',
    plugin: 'kubernetes.io/host-path',
    host: nodeHost(node),
    path: cleanPath(hp.path ?? '/'),
    readOnly: false,
    hostPathType: hp.type ?? '',
  };
}

/** A claim's volume: its PersistentVolume's source, with the node's disk for hostPath and local volumes. */
function claimSource(api: ApiServer, ns: string, node: string, ref: any): MountSource {
  const claim = api.tryGet('persistentvolumeclaims', ns, ref.claimName);
  if (!claim) throw new SetUpError(`persistentvolumeclaim ${JSON.stringify(ref.claimName)} not found`);
  const pvName = claim.spec?.volumeName;
  const pv = pvName ? api.tryGet('persistentvolumes', undefined, pvName) : undefined;
  if (!pv || claim.status?.phase !== 'Bound')
    throw new SetUpError(
      `PVC ${ns}/${ref.claimName} has non-bound phase ("${claim.status?.phase ?? 'Pending'}") or empty pvc.Spec.VolumeName ("${pvName ?? ''}")`,
    );
  const ro = !!ref.readOnly;
  const s = pv.spec ?? {};
  if (s.nfs)
    return {
      type: 'disk',
      plugin: 'kubernetes.io/nfs',
      host: nfsHost(s.nfs.server),
      path: cleanPath(s.nfs.path ?? '/'),
      readOnly: ro || !!s.nfs.readOnly,
    };
  if (s.hostPath) return { ...hostPathSource(node, s.hostPath), readOnly: ro };
  if (s.local)
    return {
      type: 'disk',
      plugin: 'kubernetes.io/local-volume',
      host: nodeHost(node),
      path: cleanPath(s.local.path),
      readOnly: ro,
    };
  // attachable and CSI volumes: one disk per volume, usable once attached to this node
  // verifyControllerAttachedVolume: the attach/detach controller lists it in the node's status.volumesAttached
  if (s.csi) {
    const attached = api.tryGet('nodes', undefined, node)?.status?.volumesAttached ?? [];
    if (!attached.some((a: any) => a.name === uniqueVolumeName(pv)))
      throw new NotAttachedError(`volume ${pv.metadata.name} is not attached to node ${node}`);
  }
  return {
    type: 'disk',
    plugin: s.csi ? `kubernetes.io/csi` : 'kubernetes.io/unknown',
    host: `pv/${pv.metadata.name}`,
    path: '/',
    readOnly: ro,
  };
}

/** makePayload: `items` (each key must exist unless optional) or every key; a path may hold subdirectories. */
function payload(
  data: Record<string, string>,
  items: any[] | undefined,
  defaultMode: number,
  missingKey: (k: string) => string,
  optional: boolean,
): Map<string, ProjectedFile> {
  const files = new Map<string, ProjectedFile>();
  if (!items?.length) {
    for (const k of Object.keys(data).sort()) files.set(k, { content: data[k], mode: defaultMode });
    return files;
  }
  for (const it of items) {
    if (!(it.key in data)) {
      if (optional) continue;
      throw new SetUpError(missingKey(it.key));
    }
    files.set(cleanPath(it.path).slice(1), { content: data[it.key], mode: it.mode ?? defaultMode });
  }
  return files;
}

const decode = (b64: string): string => Buffer.from(b64 ?? '', 'base64').toString('utf8');

function configMapData(cm: KObject): Record<string, string> {
  // a stored ConfigMap is frozen: its data is read once for every pod that mounts it (kube-root-ca.crt: all of them)
  const known = decoded.get(cm);
  if (known) return known;
  const out: Record<string, string> = { ...(cm.data ?? {}) };
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) out[k] = decode(v as string);
  if (Object.isFrozen(cm)) decoded.set(cm, out);
  return out;
}
const decoded = new WeakMap<KObject, Record<string, string>>();

function secretData(s: KObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.data ?? {})) out[k] = decode(v as string);
  return out;
}

function configMapFiles(api: ApiServer, ns: string, src: any, mode: number): Map<string, ProjectedFile> {
  const cm = api.tryGet('configmaps', ns, src.name);
  if (!cm) {
    if (src.optional) return new Map();
    throw new SetUpError(`configmap ${JSON.stringify(src.name)} not found`);
  }
  return payload(
    configMapData(cm),
    src.items,
    mode,
    (k) => `configmap references non-existent config key: ${k}`,
    !!src.optional,
  );
}

function secretFiles(api: ApiServer, ns: string, src: any, mode: number): Map<string, ProjectedFile> {
  const name = src.secretName ?? src.name;
  const s = api.tryGet('secrets', ns, name);
  if (!s) {
    if (src.optional) return new Map();
    throw new SetUpError(`secret ${JSON.stringify(name)} not found`);
  }
  return payload(secretData(s), src.items, mode, (k) => `references non-existent secret key: ${k}`, !!src.optional);
}

function downwardFiles(api: ApiServer, pod: KObject, items: any[], mode: number): Map<string, ProjectedFile> {
  const files = new Map<string, ProjectedFile>();
  for (const it of items) {
    const allocatable = api.tryGet('nodes', undefined, pod.spec?.nodeName ?? '')?.status?.allocatable;
    const content = it.fieldRef
      ? fieldValue(it.fieldRef.fieldPath, pod, {})
      : it.resourceFieldRef
        ? resourceValue(it.resourceFieldRef, pod, pod.spec?.containers?.[0] ?? {}, { allocatable })
        : '';
    files.set(cleanPath(it.path).slice(1), { content, mode: it.mode ?? mode });
  }
  return files;
}

const b64url = (s: string): string => Buffer.from(s).toString('base64url');

/**
 * A bound service account token as the TokenRequest API issues it: a JWT whose claims name the pod and the
 * account. The signature is a stand-in (the model has no keys); the claims are what a reader would inspect.
 */
export function serviceAccountToken(
  api: ApiServer,
  pod: KObject,
  expirationSeconds: number,
  audience?: string,
): string {
  return tokenWriter(api, pod, expirationSeconds, audience)();
}

/** The token's claims are read now (the time it is issued, the objects it names); its text is written when first read. */
/** the projected tokens' JWT header: the same signing key for every token */
const TOKEN_HEADER = { alg: 'RS256', kid: hex('kid', 43) };

function tokenWriter(api: ApiServer, pod: KObject, expirationSeconds: number, audience?: string): () => string {
  const ns = pod.metadata.namespace ?? 'default';
  const saName = pod.spec?.serviceAccountName ?? 'default';
  const sa = api.tryGet('serviceaccounts', ns, saName);
  const iat = Math.floor(api.clock.now() / 1000);
  const header = TOKEN_HEADER;
  const claims = {
    aud: [audience ?? 'https://kubernetes.default.svc.cluster.local'],
    exp: iat + (expirationSeconds === 3607 ? 31536000 : expirationSeconds),
    iat,
    iss: 'https://kubernetes.default.svc.cluster.local',
    'kubernetes.io': {
      namespace: ns,
      node: { name: pod.spec?.nodeName, uid: api.tryGet('nodes', undefined, pod.spec?.nodeName ?? '')?.metadata.uid },
      pod: { name: pod.metadata.name, uid: pod.metadata.uid },
      serviceaccount: { name: saName, uid: sa?.metadata.uid },
      warnafter: expirationSeconds === 3607 ? iat + 3607 : undefined,
    },
    nbf: iat,
    sub: `system:serviceaccount:${ns}:${saName}`,
  };
  let text: string | undefined;
  return () => {
    if (text === undefined) {
      const body = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
      text = `${body}.${b64url(hex(body, 256))}`;
    }
    return text;
  };
}

function hex(seed: string, n: number): string {
  let out = '',
    h = fnv1a32(seed);
  while (out.length < n) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, n);
}

/** A projected token file: its text written when first read (an object literal with a getter is slow to make) */
class TokenFile implements ProjectedFile {
  constructor(
    private readonly token: () => string,
    readonly mode: number,
  ) {}
  get content(): string {
    return this.token();
  }
}

function projectedFiles(api: ApiServer, pod: KObject, src: any): Map<string, ProjectedFile> {
  const mode = src.defaultMode ?? DEFAULT_MODE;
  const files = new Map<string, ProjectedFile>();
  const ns = pod.metadata.namespace ?? 'default';
  for (const s of src.sources ?? []) {
    let part = new Map<string, ProjectedFile>();
    if (s.configMap) part = configMapFiles(api, ns, s.configMap, mode);
    else if (s.secret) part = secretFiles(api, ns, s.secret, mode);
    else if (s.downwardAPI) part = downwardFiles(api, pod, s.downwardAPI.items ?? [], mode);
    else if (s.serviceAccountToken) {
      const t = s.serviceAccountToken;
      // every pod mounts a token; few ever read it: its text is written on first read
      const token = tokenWriter(api, pod, t.expirationSeconds ?? 3600, t.audience);
      part.set(cleanPath(t.path).slice(1), new TokenFile(token, mode));
    }
    for (const [k, v] of part) files.set(k, v);
  }
  return files;
}

/**
 * hostPath's type check (pkg/volume/hostpath checkType): Directory and File must exist as such; the ...OrCreate
 * types and the unset type make what is missing.
 */
export function checkHostPathType(disks: Disks, host: string, path: string, type: string | undefined): void {
  const isDir = disks.isDir(host, path),
    isFile = disks.read(host, path) !== undefined;
  switch (type) {
    case 'Directory':
      if (!isDir) throw new SetUpError(`hostPath type check failed: ${path} is not a directory`);
      return;
    case 'File':
      if (!isFile) throw new SetUpError(`hostPath type check failed: ${path} is not a file`);
      return;
    case 'FileOrCreate':
      if (!isFile && !isDir) disks.write(host, path, '');
      return;
    default:
      if (!isFile) disks.mkdir(host, path);
  }
}
