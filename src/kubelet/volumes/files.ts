// The files each container sees: its volumeMounts resolved against the pod's mounted volumes, the deepest
// mountPath winning, a subPath selecting a file or directory inside the volume. What `kubectl exec -- cat`
// and `ls` show, and what steps read and write. Paths outside every mount are the container's own writable
// layer (the image's files are not modelled). Projected volumes hide their `..data` links, as `ls` does.

import type { ApiServer } from '../../apiserver/apiserver';
import type { KObject } from '../../api/meta';
import { cleanPath } from './disks';
import type { MountSource } from './sources';
import type { PodMounts, VolumeManager } from './manager';

/** What reads and writes need: the API (for the pod) and the kubelet's volume manager. */
export interface VolumeView { api: ApiServer; volumes: VolumeManager }

export type FileError = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EROFS' | 'ENOCONTAINER' | 'ENOTRUNNING';
export type ReadResult = { ok: true; content: string; mode: number } | { ok: false; error: FileError };
export type ListResult = { ok: true; entries: string[] } | { ok: false; error: FileError };
export type WriteResult = { ok: true } | { ok: false; error: FileError };

/** coreutils' wording for an error on a path, e.g. `cat: /x: No such file or directory`. */
export function describeFileError(tool: string, path: string, error: FileError): string {
  const text: Record<FileError, string> = {
    ENOENT: 'No such file or directory', EISDIR: 'Is a directory', ENOTDIR: 'Not a directory', EROFS: 'Read-only file system',
    ENOCONTAINER: 'container not found', ENOTRUNNING: 'container not running',
  };
  return `${tool}: ${path}: ${text[error]}`;
}

interface Resolved { mount?: { source: MountSource; sub: string; readOnly: boolean }; mountPath: string; rel: string }

function containerSpec(pod: KObject, name: string): any {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c: any) => c.name === name);
}

/** The deepest mount holding the path, and the path inside the volume. */
function resolve(mounts: PodMounts, container: any, path: string): Resolved {
  const p = cleanPath(path);
  let best: any, bestPath = '';
  for (const vm of container.volumeMounts ?? []) {
    const mp = cleanPath(vm.mountPath);
    if ((p === mp || p.startsWith(mp === '/' ? '/' : mp + '/')) && mp.length >= bestPath.length) { best = vm; bestPath = mp; }
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

const layerKey = (pod: KObject, container: string) => `${pod.metadata.uid}/${container}`;

export function readFile(v: VolumeView, pod: KObject, containerName: string, path: string): ReadResult {
  const w = view(v, pod, containerName);
  if (typeof w === 'string') return { ok: false, error: w };
  const r = resolve(w.mounts, w.spec, path);
  if (!r.mount) {
    const content = v.volumes.rootfs.get(layerKey(pod, containerName))?.get(r.rel);
    if (content !== undefined) return { ok: true, content, mode: 0o644 };
    return { ok: false, error: isAncestorOfMount(w.spec, r.rel) ? 'EISDIR' : 'ENOENT' };
  }
  const src = r.mount.source;
  if (src.type === 'files') {
    const f = src.files.get(r.rel);
    if (f) return { ok: true, content: f.content, mode: f.mode };
    return { ok: false, error: r.rel === '' || [...src.files.keys()].some((k) => k.startsWith(r.rel + '/')) ? 'EISDIR' : 'ENOENT' };
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
    for (const k of v.volumes.rootfs.get(layerKey(pod, containerName))?.keys() ?? []) if (k.startsWith(p === '/' ? '/' : p + '/')) names.add(k.slice(p === '/' ? 1 : p.length + 1).split('/')[0]);
    if (!names.size && !isAncestorOfMount(w.spec, p)) {
      return { ok: false, error: v.volumes.rootfs.get(layerKey(pod, containerName))?.has(p) ? 'ENOTDIR' : 'ENOENT' };
    }
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
export function writeFile(v: VolumeView, pod: KObject, containerName: string, path: string, content: string): WriteResult {
  const w = view(v, pod, containerName);
  if (typeof w === 'string') return { ok: false, error: w };
  const r = resolve(w.mounts, w.spec, path);
  if (!r.mount) {
    const key = layerKey(pod, containerName);
    let layer = v.volumes.rootfs.get(key);
    if (!layer) v.volumes.rootfs.set(key, (layer = new Map()));
    layer.set(r.rel, content);
    return { ok: true };
  }
  if (r.mount.readOnly) return { ok: false, error: 'EROFS' };
  const src = r.mount.source;
  if (src.type !== 'disk') return { ok: false, error: 'EROFS' };
  v.volumes.disks.write(src.host, cleanPath(src.path, r.rel), content);
  return { ok: true };
}

/** A container empties a directory on a disk volume: its entries go, the directory stays. */
export function emptyDirectory(v: VolumeView, pod: KObject, containerName: string, path: string): WriteResult {
  const w = view(v, pod, containerName);
  if (typeof w === 'string') return { ok: false, error: w };
  const r = resolve(w.mounts, w.spec, path);
  if (!r.mount || r.mount.source.type !== 'disk') return { ok: false, error: 'EROFS' };
  if (r.mount.readOnly) return { ok: false, error: 'EROFS' };
  const src = r.mount.source, dir = cleanPath(src.path, r.rel);
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

function mountPaths(spec: any): string[] { return (spec.volumeMounts ?? []).map((m: any) => cleanPath(m.mountPath)); }

/** The next path segment of every mount point below dir (`ls /var/run/secrets` shows `kubernetes.io`). */
function mountPointsUnder(spec: any, dir: string): string[] {
  const prefix = dir === '/' ? '/' : dir + '/';
  return mountPaths(spec).filter((m) => m.startsWith(prefix)).map((m) => m.slice(prefix.length).split('/')[0]);
}

const isAncestorOfMount = (spec: any, dir: string): boolean => dir === '/' || mountPointsUnder(spec, dir).length > 0;

/** kubectl's default container: the `kubectl.kubernetes.io/default-container` annotation, else the first. */
export function defaultContainer(pod: KObject): string {
  return pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? pod.spec?.containers?.[0]?.name ?? '';
}

/** The volume files as `kubectl exec -- cat/ls` reads them (the kubelet's ContainerFiles hook). */
export function execFiles(v: VolumeView): { read: (pod: KObject, c: string, p: string) => ReadResult; list: (pod: KObject, c: string, p: string) => ListResult } {
  return { read: (pod, c, p) => readFile(v, pod, c, p), list: (pod, c, p) => listDir(v, pod, c, p) };
}
