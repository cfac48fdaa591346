// The storage behind pod volumes, outside the API as real disks are: each node's filesystem (emptyDir,
// hostPath and local volumes, local-path provisioner directories) and each NFS server's export. A host is a
// set of files (absolute path -> content) and directories; mounting `server:/nfs/data` shows that subtree, so
// a provisioned subdirectory is visible through a mount of its parent, as on a real NFS server.

export interface Host {
  files: Map<string, string>;
  dirs: Set<string>;
}

export const nodeHost = (node: string): string => `node/${node}`;
export const nfsHost = (server: string): string => `nfs/${server}`;

/** Joins path segments and removes `.`, `..`, doubled and trailing slashes; the result is absolute. */
export function cleanPath(...parts: string[]): string {
  if (parts.length === 1 && isClean(parts[0])) return parts[0];
  const out: string[] = [];
  for (const seg of parts.join('/').split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

/** An absolute path cleanPath leaves as it is: no empty, `.` or `..` segment, no trailing slash (most paths asked for). */
export function isClean(p: string): boolean {
  const n = p.length;
  if (n === 0 || p.charCodeAt(0) !== 47) return false;
  if (n === 1) return true;
  if (p.charCodeAt(n - 1) === 47) return false;
  for (let i = 0; i < n; i++) {
    if (p.charCodeAt(i) !== 47) continue;
    // the segment after this slash: empty, `.` or `..`
    const a = i + 1 < n ? p.charCodeAt(i + 1) : 47;
    if (a === 47) return false;
    if (a !== 46) continue;
    const b = i + 2 < n ? p.charCodeAt(i + 2) : 47;
    if (b === 47) return false;
    if (b === 46 && (i + 3 >= n || p.charCodeAt(i + 3) === 47)) return false;
  }
  return true;
}

const parentOf = (p: string): string => (p === '/' ? '/' : p.slice(0, p.lastIndexOf('/')) || '/');
const under = (p: string, dir: string): boolean => (dir === '/' ? p !== '/' : p.startsWith(dir + '/'));

export class Disks {
  private hosts = new Map<string, Host>();

  private host(name: string): Host {
    let h = this.hosts.get(name);
    if (!h) this.hosts.set(name, (h = { files: new Map(), dirs: new Set(['/']) }));
    return h;
  }

  read(host: string, path: string): string | undefined {
    return this.hosts.get(host)?.files.get(cleanPath(path));
  }

  isDir(host: string, path: string): boolean {
    const h = this.hosts.get(host),
      p = cleanPath(path);
    return !!h && h.dirs.has(p);
  }

  /** mkdir -p */
  mkdir(host: string, path: string): void {
    const h = this.host(host);
    for (let p = cleanPath(path); !h.dirs.has(p); p = parentOf(p)) h.dirs.add(p);
  }

  write(host: string, path: string, content: string): void {
    const p = cleanPath(path);
    this.mkdir(host, parentOf(p));
    this.host(host).files.set(p, content);
  }

  /** The names directly inside a directory (files and subdirectories), sorted; undefined if it is not one. */
  list(host: string, dir: string): string[] | undefined {
    const h = this.hosts.get(host),
      d = cleanPath(dir);
    if (!h || !h.dirs.has(d)) return undefined;
    const names = new Set<string>();
    for (const p of [...h.files.keys(), ...h.dirs]) {
      if (!under(p, d)) continue;
      const rest = p.slice(d === '/' ? 1 : d.length + 1);
      names.add(rest.split('/')[0]);
    }
    return [...names].sort();
  }

  /** rm -rf */
  remove(host: string, path: string): void {
    const h = this.hosts.get(host),
      d = cleanPath(path);
    if (!h) return;
    for (const p of [...h.files.keys()]) if (p === d || under(p, d)) h.files.delete(p);
    for (const p of [...h.dirs]) if (p === d || under(p, d)) h.dirs.delete(p);
    h.dirs.add('/');
  }

  /** Forgets every host whose name starts with the prefix (the layers of a pod's containers). */
  dropHosts(prefix: string): void {
    for (const name of [...this.hosts.keys()]) if (name.startsWith(prefix)) this.hosts.delete(name);
  }

  /** mv: a directory and everything in it. */
  move(host: string, from: string, to: string): void {
    const h = this.hosts.get(host),
      f = cleanPath(from),
      t = cleanPath(to);
    if (!h) return;
    const rename = (p: string) => t + p.slice(f.length);
    for (const [p, c] of [...h.files])
      if (p === f || under(p, f)) {
        h.files.delete(p);
        h.files.set(rename(p), c);
      }
    for (const p of [...h.dirs])
      if (p === f || under(p, f)) {
        h.dirs.delete(p);
        h.dirs.add(rename(p));
      }
    this.mkdir(host, parentOf(t));
  }
}
