// Files a feature gives kubectl (`Given a file "redis.conf" with:`), for the real kubectl: the model reads them
// from memory, the real kubectl from disk. They are written into a folder of the scenario's own that mirrors
// the feature's folder (its other entries as symbolic links), never into the feature's folder itself; kubectl
// runs from there, so `--from-file=redis.conf` and `-f manifests/web.yaml` both resolve.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Fills `into` (empty or absent) with `from`'s entries as links, and the files (relative path -> content) written over them. */
export function overlay(into: string, from: string, files: ReadonlyMap<string, string>): void {
  fs.mkdirSync(into, { recursive: true });
  const here = new Map<string, string>();
  const below = new Map<string, Map<string, string>>();
  for (const [rel, content] of files) {
    const [first, ...rest] = rel.split('/');
    if (!rest.length) here.set(first, content);
    else below.set(first, new Map([...(below.get(first) ?? []), [rest.join('/'), content]]));
  }
  const existing = fs.existsSync(from) && fs.statSync(from).isDirectory() ? fs.readdirSync(from) : [];
  for (const name of existing) {
    if (here.has(name) || below.has(name)) continue;
    fs.symlinkSync(path.join(from, name), path.join(into, name));
  }
  for (const [name, content] of here) fs.writeFileSync(path.join(into, name), content);
  for (const [name, inner] of below) overlay(path.join(into, name), path.join(from, name), inner);
}

/** The files under `dir`, as paths relative to it with forward slashes; files outside it are left out. */
export function relativeTo(dir: string, files: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [file, content] of files) {
    const rel = path.relative(dir, file);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) out.set(rel.split(path.sep).join('/'), content);
  }
  return out;
}
