// The files each container sees: its volumeMounts resolved against the pod's mounted volumes, the deepest
// mountPath winning, a subPath selecting a file or directory inside the volume. What `kubectl exec -- cat`
// and `ls` show, and what steps read and write. Paths outside every mount are the container's own writable
// layer (the image's files are not modelled). Projected volumes hide their `..data` links, as `ls` does.

import type { ApiServer } from '../../apiserver/apiserver';
import type { KObject } from '../../api/meta';
import { cleanPath } from '../../world/disks';
import type { MountSource } from './sources';
import type { PodMounts, VolumeManager } from './manager';

/** What reads and writes need: the API (for the pod) and the kubelet's volume manager. */
export interface VolumeView {
  api: ApiServer;
  volumes: VolumeManager;
}

export type FileError = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EROFS' | 'EBUSY' | 'ENOCONTAINER' | 'ENOTRUNNING';
export type ReadResult = { ok: true; content: string; mode: number } | { ok: false; error: FileError };
export type ListResult = { ok: true; entries: string[] } | { ok: false; error: FileError };
export type WriteResult = { ok: true } | { ok: false; error: FileError };

/** coreutils' wording for an error on a path, e.g. `cat: /x: No such file or directory`. */
export function describeFileError(tool: string, path: string, error: FileError): string {
  const text: Record<FileError, string> = {
    ENOENT: 'No such file or directory',
    EISDIR: 'Is a directory',
    ENOTDIR: 'Not a directory',
    EROFS: 'Read-only file system',
    EBUSY: 'Resource busy',
    ENOCONTAINER: 'container not found',
    ENOTRUNNING: 'container not running',
  };
  return `${tool}: ${path}: ${text[error]}`;
}

interface Resolved {
  mount?: { source: MountSource; sub: string; readOnly: boolean };
  mountPath: string;
  rel: string;
}

function containerSpec(pod: KObject, name: string): any {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c: any) => c.name === name);
}

/** The deepest mount holding the path, and the path inside the volume. */
function resolve(mounts: PodMounts, container: any, path: string): Resolved {
  const p = cleanPath(path);
  let best: any,
    bestPath = '';
  for (const vm of container.volumeMounts ?? []) {
    const mp = cleanPath(vm.mountPath);
    if ((p === mp || p.startsWith(mp === '/' ? '/' : mp + '/')) && mp.length >= bestPath.length) {
      best = vm;
      bestPath = mp;
    }
  }
  if (!best) return { mountPath: '', rel: p };
  // subPath mounts are bind mounts made at start: they keep the content they had then
  const source = (best.subPath ? mounts.initial : mounts.sources).get(best.name);
  if (!source) return { mountPath: '', rel: p };
  const rel = cleanPath(best.subPath ?? '', p.slice(bestPath.length)).slice(1);
  const readOnly = !!best.readOnly || source.type === 'files' || (source.type === 'disk' && source.readOnly);
  return { mount: { source, sub: best.subPath ?? '', readOnly }, mountPath: bestPath, rel };
}

function view(v: VolumeView, pod: KObject, containerName: string): { mounts: PodMounts; spec: any } | FileError {
  const spec = containerSpec(pod, containerName);
  if (!spec) return 'ENOCONTAINER';
  if (!pod.spec?.nodeName) return 'ENOTRUNNING';
  const mounts = v.volumes.mountsOf(pod);
  if (!mounts) return 'ENOTRUNNING';
  return { mounts, spec };
}

/** The container's own writable layer: a host of the disks, made afresh at each start of the container. */
export const layerHost = (podUID: string, container: string): string => `layer/${podUID}/${container}`;
const layerOf = (pod: KObject, container: string) => layerHost(pod.metadata.uid!, container);

/**
 * A new container's writable layer: the directories and files of its image (the root's directories, and what
 * src/kubelet/runtime/image-config.ts knows of well-known images), nothing a previous instance wrote.
 */
export function resetLayer(
  v: VolumeView,
  pod: KObject,
  containerName: string,
  dirs: string[],
  files: Record<string, string> = {},
): void {
  const host = layerOf(pod, containerName);
  v.volumes.disks.remove(host, '/');
  for (const d of dirs) v.volumes.disks.mkdir(host, d);
  for (const [path, content] of Object.entries(files)) v.volumes.disks.write(host, path, content);
}

export function readFile(v: VolumeView, pod: KObject, containerName: string, path: string): ReadResult {
  const w = view(v, pod, containerName);
  if (typeof w === 'string') return { ok: false, error: w };
  const r = resolve(w.mounts, w.spec, path);
  if (!r.mount) {
    const host = layerOf(pod, containerName);
    const content = v.volumes.disks.read(host, r.rel);
    if (content !== undefined) return { ok: true, content, mode: 0o644 };
    return {
      ok: false,
      error: isAncestorOfMount(w.spec, r.rel) || v.volumes.disks.isDir(host, r.rel) ? 'EISDIR' : 'ENOENT',
    };
  }
  const src = r.mount.source;
  if (src.type === 'files') {
    const f = src.files.get(r.rel);
    if (f) return { ok: true, content: f.content, mode: f.mode };
    return {
      ok: false,
      error: r.rel === '' || [...src.files.keys()].some((k) => k.startsWith(r.rel + '/')) ? 'EISDIR' : 'ENOENT',
    };
  }
  const full = cleanPath(src.path, r.rel);
  const content = v.volumes.disks.read(src.host, full);
  if (content !== undefined) return { ok: true, content, mode: 0o644 };
  return { ok: false, error: v.volumes.disks.isDir(src.host, full) ? 'EISDIR' : 'ENOENT' };
}

export function listDir(v: VolumeView, pod: KObject, containerName: string, path: string): ListResult {
  const w = view(v, pod, containerName);
  if (typeof w === 'string') return { ok: false, error: w };
  const p = cleanPath(path);
  const r = resolve(w.mounts, w.spec, p);
  const names = new Set<string>(mountPointsUnder(w.spec, p));
  if (!r.mount) {
    const host = layerOf(pod, containerName);
    if (v.volumes.disks.read(host, p) !== undefined) return { ok: true, entries: [p.split('/').pop()!] };
    const listed = v.volumes.disks.list(host, p);
    for (const n of listed ?? []) names.add(n);
    if (!listed && !isAncestorOfMount(w.spec, p)) return { ok: false, error: 'ENOENT' };
    return { ok: true, entries: [...names].sort() };
  }
  const src = r.mount.source;
  if (src.type === 'files') {
    if (src.files.has(r.rel)) return { ok: true, entries: [p.split('/').pop()!] };
    const prefix = r.rel ? r.rel + '/' : '';
    for (const k of src.files.keys()) if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split('/')[0]);
    if (!names.size && r.rel) return { ok: false, error: 'ENOENT' };
    return { ok: true, entries: [...names].sort() };
  }
  const full = cleanPath(src.path, r.rel);
  if (v.volumes.disks.read(src.host, full) !== undefined) return { ok: true, entries: [p.split('/').pop()!] };
  const listed = v.volumes.disks.list(src.host, full);
  if (!listed) return { ok: false, error: 'ENOENT' };
  for (const n of listed) names.add(n);
  return { ok: true, entries: [...names].sort() };
}

/** A container writes a file: onto its volume, or into its own layer outside every mount. */
export function writeFile(
  v: VolumeView,
  pod: KObject,
  containerName: string,
  path: string,
  content: string,
): WriteResult {
  const w = view(v, pod, containerName);
  if (typeof w === 'string') return { ok: false, error: w };
  const at = writable({ ...w, layer: layerOf(pod, containerName) }, path);
  if ('error' in at) return at;
  v.volumes.disks.write(at.host, at.path, content);
  return { ok: true };
}

/** Where a write to the path lands: a host of the disks and the path on it; EROFS on a read-only mount. */
function writable(
  w: { mounts: PodMounts; spec: any; layer: string },
  path: string,
): { host: string; path: string } | { ok: false; error: FileError } {
  const r = resolve(w.mounts, w.spec, path);
  if (!r.mount) return { host: w.layer, path: r.rel };
  if (r.mount.readOnly || r.mount.source.type !== 'disk') return { ok: false, error: 'EROFS' };
  return { host: r.mount.source.host, path: cleanPath(r.mount.source.path, r.rel) };
}

/** mkdir (one level: the parent must exist) on a volume or in the container's layer. */
export function makeDirectory(v: VolumeView, pod: KObject, containerName: string, path: string): WriteResult {
  const w = view(v, pod, containerName);
  if (typeof w === 'string') return { ok: false, error: w };
  const at = writable({ ...w, layer: layerOf(pod, containerName) }, path);
  if ('error' in at) return at;
  v.volumes.disks.mkdir(at.host, at.path);
  return { ok: true };
}

/** rm -r of a file or directory on a volume or in the container's layer (a mount point itself stays). */
export function removePath(v: VolumeView, pod: KObject, containerName: string, path: string): WriteResult {
  const w = view(v, pod, containerName);
  if (typeof w === 'string') return { ok: false, error: w };
  const at = writable({ ...w, layer: layerOf(pod, containerName) }, path);
  if ('error' in at) return at;
  if (mountPaths(w.spec).includes(cleanPath(path))) {
    for (const name of v.volumes.disks.list(at.host, at.path) ?? [])
      v.volumes.disks.remove(at.host, cleanPath(at.path, name));
    return { ok: false, error: 'EBUSY' };
  }
  v.volumes.disks.remove(at.host, at.path);
  return { ok: true };
}

/** A container empties a directory on a disk volume: its entries go, the directory stays. */
export function emptyDirectory(v: VolumeView, pod: KObject, containerName: string, path: string): WriteResult {
  const w = view(v, pod, containerName);
  if (typeof w === 'string') return { ok: false, error: w };
  const r = resolve(w.mounts, w.spec, path);
  if (!r.mount || r.mount.source.type !== 'disk') return { ok: false, error: 'EROFS' };
  if (r.mount.readOnly) return { ok: false, error: 'EROFS' };
  const src = r.mount.source,
    dir = cleanPath(src.path, r.rel);
  for (const name of v.volumes.disks.list(src.host, dir) ?? []) v.volumes.disks.remove(src.host, cleanPath(dir, name));
  return { ok: true };
}

/** Every file the container sees under its mounts, by absolute path (volumes only, not its own layer). */
export function containerFiles(v: VolumeView, pod: KObject, containerName: string): Map<string, string> {
  const out = new Map<string, string>();
  const w = view(v, pod, containerName);
  if (typeof w === 'string') return out;
  const walk = (dir: string, depth: number) => {
    if (depth > 32) return;
    const l = listDir(v, pod, containerName, dir);
    if (!l.ok) return;
    for (const name of l.entries) {
      const p = cleanPath(dir, name);
      const f = readFile(v, pod, containerName, p);
      if (f.ok) out.set(p, f.content);
      else if (f.error === 'EISDIR' && p !== dir) walk(p, depth + 1);
    }
  };
  for (const vm of w.spec.volumeMounts ?? []) walk(cleanPath(vm.mountPath), 0);
  return out;
}

function mountPaths(spec: any): string[] {
  return (spec.volumeMounts ?? []).map((m: any) => cleanPath(m.mountPath));
}

/** The next path segment of every mount point below dir (`ls /var/run/secrets` shows `kubernetes.io`). */
function mountPointsUnder(spec: any, dir: string): string[] {
  const prefix = dir === '/' ? '/' : dir + '/';
  return mountPaths(spec)
    .filter((m) => m.startsWith(prefix))
    .map((m) => m.slice(prefix.length).split('/')[0]);
}

const isAncestorOfMount = (spec: any, dir: string): boolean => dir === '/' || mountPointsUnder(spec, dir).length > 0;

/** kubectl's default container: the `kubectl.kubernetes.io/default-container` annotation, else the first. */
export function defaultContainer(pod: KObject): string {
  return pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? pod.spec?.containers?.[0]?.name ?? '';
}

/** The files of containers as the kubelet's runtime reads and writes them (its ContainerFiles hook). */
export function containerFileOps(v: VolumeView) {
  return {
    read: (pod: KObject, c: string, p: string) => readFile(v, pod, c, p),
    list: (pod: KObject, c: string, p: string) => listDir(v, pod, c, p),
    write: (pod: KObject, c: string, p: string, content: string) => writeFile(v, pod, c, p, content),
    mkdir: (pod: KObject, c: string, p: string) => makeDirectory(v, pod, c, p),
    remove: (pod: KObject, c: string, p: string) => removePath(v, pod, c, p),
    empty: (pod: KObject, c: string, p: string) => emptyDirectory(v, pod, c, p),
    resetLayer: (pod: KObject, c: string, dirs: string[], files?: Record<string, string>) =>
      resetLayer(v, pod, c, dirs, files),
  };
}
