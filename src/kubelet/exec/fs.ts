// What `cat` and `ls` see in a container: the files the kubelet itself mounts into every container
// (/etc/hosts, /etc/hostname, /etc/resolv.conf: kubelet_pods.go makeMounts, managedHostsFileContent;
// pkg/kubelet/network/dns), the pod's volumes when the volume files are wired in (ContainerFiles, served by
// src/kubelet/volumes), and the directories of a Debian image's root. Image contents are not modelled.
import type { KObject } from '../../api/meta';
import { CLUSTER_DOMAIN } from '../../network/dns/names';
import { formatResolvConf, podResolvConf } from '../../network/dns/resolv-conf';

export type FsRead = { ok: true; content: string } | { ok: false; error: string };
export type FsList = { ok: true; entries: string[] } | { ok: false; error: string };

/** The pod's volume files (engineer G's src/kubelet/volumes/files.ts readFile and listDir, bound to a view). */
export interface ContainerFiles {
  read(pod: KObject, container: string, path: string): FsRead;
  list(pod: KObject, container: string, path: string): FsList;
  /** a container writes a file (what an image behaviour's `writes the file` does when it starts) */
  write?(pod: KObject, container: string, path: string, content: string): { ok: boolean };
  /** a container deletes everything under a directory of its volumes (`find <dir> -mindepth 1 -delete`) */
  empty?(pod: KObject, container: string, path: string): { ok: boolean };
}

const ROOT_DIRS = ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'];

/** The pod's hostname (GeneratePodHostNameAndDomain): spec.hostname or the pod name, at most 63 characters. */
export function podHostname(pod: KObject): string {
  if (pod.spec?.hostNetwork) return pod.spec.nodeName ?? '';
  const h = pod.spec?.hostname || pod.metadata.name || '';
  return h.length > 63 ? h.slice(0, 63).replace(/[-.]+$/, '') : h;
}

/** managedHostsFileContent: localhost entries, the pod's own name, then the hostAliases. */
export function hostsFile(pod: KObject, podIP: string | undefined): string {
  let s = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
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

/** The resolv.conf the kubelet writes for the pod's dnsPolicy and dnsConfig (src/network/dns/resolv-conf.ts). */
export function resolvConf(pod: KObject, clusterDNS?: string): string { return formatResolvConf(podResolvConf(pod, clusterDNS)); }

/** A container's file system as `cat` and `ls` see it. */
export class ContainerFS {
  constructor(private pod: KObject, private container: string, private podIP: string | undefined, private volumes?: ContainerFiles, private clusterDNS?: string) {}

  private managed(path: string): string | undefined {
    switch (path) {
      case '/etc/hosts': return hostsFile(this.pod, this.podIP);
      case '/etc/hostname': return podHostname(this.pod) + '\n';
      case '/etc/resolv.conf': return resolvConf(this.pod, this.clusterDNS);
    }
    return undefined;
  }

  read(path: string): FsRead {
    const p = normalize(path);
    const m = this.managed(p);
    if (m !== undefined) return { ok: true, content: m };
    if (this.volumes) {
      const r = this.volumes.read(this.pod, this.container, p);
      if (r.ok || r.error !== 'ENOENT') return r;
    }
    if (p === '/' || ROOT_DIRS.includes(p.slice(1))) return { ok: false, error: 'EISDIR' };
    return { ok: false, error: 'ENOENT' };
  }

  list(path: string): FsList {
    const p = normalize(path);
    const names = new Set<string>();
    if (p === '/') ROOT_DIRS.forEach((d) => names.add(d));
    if (p === '/etc') ['hostname', 'hosts', 'resolv.conf'].forEach((f) => names.add(f));
    if (this.managed(p) !== undefined) return { ok: true, entries: [p.split('/').pop()!] };
    if (this.volumes) {
      const r = this.volumes.list(this.pod, this.container, p);
      if (r.ok) r.entries.forEach((e) => names.add(e));
      else if (!names.size && !ROOT_DIRS.includes(p.slice(1))) return r;
    }
    if (!names.size && !ROOT_DIRS.includes(p.slice(1))) return { ok: false, error: 'ENOENT' };
    return { ok: true, entries: [...names].sort() };
  }
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) { if (!seg || seg === '.') continue; if (seg === '..') out.pop(); else out.push(seg); }
  return '/' + out.join('/');
}
