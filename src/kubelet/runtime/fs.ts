// A container's file system as its processes see it: the files the kubelet itself mounts into every container
// (/etc/hosts, /etc/hostname, /etc/resolv.conf: kubelet_pods.go makeMounts, managedHostsFileContent;
// pkg/kubelet/network/dns), the pod's volumes and the container's own writable layer (ContainerFiles, served by
// src/kubelet/volumes/files.ts). The layer starts with the root's directories and what image-config.ts knows of
// the image; other image contents are not modelled. Paths are absolute or relative to the working directory.
import type { KObject } from '../../api/meta';
import { CLUSTER_DOMAIN } from '../../api/dns/names';
import { formatResolvConf, podResolvConf } from '../../api/dns/resolv-conf';

export type FsError =
  | 'ENOENT'
  | 'EISDIR'
  | 'ENOTDIR'
  | 'EROFS'
  | 'EEXIST'
  | 'ENOTEMPTY'
  | 'EBUSY'
  | 'ENOCONTAINER'
  | 'ENOTRUNNING';
export type FsRead = { ok: true; content: string } | { ok: false; error: FsError };
export type FsList = { ok: true; entries: string[] } | { ok: false; error: FsError };
export type FsResult = { ok: true } | { ok: false; error: FsError };

/** The pod's files (src/kubelet/volumes/files.ts containerFileOps, bound to the cluster's volumes). */
export interface ContainerFiles {
  read(pod: KObject, container: string, path: string): FsRead;
  list(pod: KObject, container: string, path: string): FsList;
  write(pod: KObject, container: string, path: string, content: string): FsResult;
  mkdir(pod: KObject, container: string, path: string): FsResult;
  remove(pod: KObject, container: string, path: string): FsResult;
  /** deletes everything under a directory of its volumes (`find <dir> -mindepth 1 -delete`) */
  empty(pod: KObject, container: string, path: string): FsResult;
  /** a new container's writable layer: these directories and files, nothing else */
  resetLayer(pod: KObject, container: string, dirs: string[], files?: Record<string, string>): void;
}

/** The directories of a Linux image's root. */
export const ROOT_DIRS = [
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/home',
  '/lib',
  '/lib64',
  '/media',
  '/mnt',
  '/opt',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/srv',
  '/sys',
  '/tmp',
  '/usr',
  '/usr/bin',
  '/usr/local/bin',
  '/var',
  '/var/log',
  '/var/run',
];

/** The pod's hostname (GeneratePodHostNameAndDomain): spec.hostname or the pod name, at most 63 characters. */
export function podHostname(pod: KObject): string {
  if (pod.spec?.hostNetwork) return pod.spec.nodeName ?? '';
  const h = pod.spec?.hostname || pod.metadata.name || '';
  return h.length > 63 ? h.slice(0, 63).replace(/[-.]+$/, '') : h;
}

/** managedHostsFileContent: localhost entries, the pod's own name, then the hostAliases. */
export function hostsFile(pod: KObject, podIP: string | undefined): string {
  let s =
    '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  const host = podHostname(pod);
  if (podIP) {
    s += pod.spec?.subdomain
      ? `${podIP}\t${host}.${pod.spec.subdomain}.${pod.metadata.namespace}.svc.${CLUSTER_DOMAIN}\t${host}\n`
      : `${podIP}\t${host}\n`;
  }
  const aliases: any[] = pod.spec?.hostAliases ?? [];
  if (aliases.length) {
    s += '\n# Entries added by HostAliases.\n';
    for (const a of aliases) s += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
  }
  return s;
}

/** The resolv.conf the kubelet writes for the pod's dnsPolicy and dnsConfig (src/api/dns/resolv-conf.ts). */
export function resolvConf(pod: KObject, clusterDNS?: string): string {
  return formatResolvConf(podResolvConf(pod, clusterDNS));
}

/** Joins a path to the working directory and removes `.`, `..` and doubled slashes. */
export function absPath(path: string, cwd = '/'): string {
  const out: string[] = [];
  for (const seg of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

const parentOf = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/';

/** A container's file system: reads, and the writes the shell's commands make. */
export class ContainerFS {
  constructor(
    readonly pod: KObject,
    readonly container: string,
    private podIP: string | undefined,
    private files?: ContainerFiles,
    private clusterDNS?: string,
  ) {}

  private managed(path: string): string | undefined {
    switch (path) {
      case '/etc/hosts':
        return hostsFile(this.pod, this.podIP);
      case '/etc/hostname':
        return podHostname(this.pod) + '\n';
      case '/etc/resolv.conf':
        return resolvConf(this.pod, this.clusterDNS);
    }
    return undefined;
  }

  read(path: string): FsRead {
    const p = absPath(path);
    const m = this.managed(p);
    if (m !== undefined) return { ok: true, content: m };
    if (this.files) {
      const r = this.files.read(this.pod, this.container, p);
      if (r.ok || r.error !== 'ENOENT') return r.ok ? { ok: true, content: r.content } : r;
    }
    if (p === '/' || ROOT_DIRS.includes(p)) return { ok: false, error: 'EISDIR' };
    return { ok: false, error: 'ENOENT' };
  }

  /** 'file', 'dir', or undefined when nothing is there. */
  kind(path: string): 'file' | 'dir' | undefined {
    const r = this.read(path);
    return r.ok ? 'file' : r.error === 'EISDIR' ? 'dir' : undefined;
  }

  list(path: string): FsList {
    const p = absPath(path);
    const names = new Set<string>();
    if (p === '/') ROOT_DIRS.filter((d) => d.lastIndexOf('/') === 0).forEach((d) => names.add(d.slice(1)));
    if (p === '/etc') ['hostname', 'hosts', 'resolv.conf'].forEach((f) => names.add(f));
    if (this.managed(p) !== undefined) return { ok: true, entries: [p.split('/').pop()!] };
    if (this.files) {
      const r = this.files.list(this.pod, this.container, p);
      if (r.ok) r.entries.forEach((e) => names.add(e));
      else if (!names.size && !ROOT_DIRS.includes(p)) return r;
    }
    if (!names.size && !ROOT_DIRS.includes(p) && p !== '/') return { ok: false, error: 'ENOENT' };
    return { ok: true, entries: [...names].sort() };
  }

  /** Creates or replaces a file; its directory must exist. */
  write(path: string, content: string): FsResult {
    const p = absPath(path);
    if (this.managed(p) !== undefined) return this.writeManaged();
    const parent = this.kind(parentOf(p));
    if (parent !== 'dir') return { ok: false, error: parent === 'file' ? 'ENOTDIR' : 'ENOENT' };
    if (this.kind(p) === 'dir') return { ok: false, error: 'EISDIR' };
    return this.files ? this.files.write(this.pod, this.container, p, content) : { ok: false, error: 'EROFS' };
  }

  append(path: string, text: string): FsResult {
    const old = this.read(path);
    return this.write(path, (old.ok ? old.content : '') + text);
  }

  /** The kubelet's own files are writable bind mounts, but a write does not change what the model serves. */
  private writeManaged(): FsResult {
    return { ok: true };
  }

  mkdir(path: string): FsResult {
    const p = absPath(path);
    const k = this.kind(p);
    if (k) return { ok: false, error: 'EEXIST' };
    const parent = this.kind(parentOf(p));
    if (parent !== 'dir') return { ok: false, error: parent === 'file' ? 'ENOTDIR' : 'ENOENT' };
    return this.files ? this.files.mkdir(this.pod, this.container, p) : { ok: false, error: 'EROFS' };
  }

  remove(path: string): FsResult {
    const p = absPath(path);
    if (!this.kind(p)) return { ok: false, error: 'ENOENT' };
    return this.files ? this.files.remove(this.pod, this.container, p) : { ok: false, error: 'EROFS' };
  }
}
