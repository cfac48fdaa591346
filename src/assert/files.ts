// Files in pods, on the model: what a container sees at a path (its volumes, its own layer), as `cat` and `ls`
// in it would show it. A pod is named as src/scenario/files.ts names it (InPod).

import type { Cluster } from '../cluster';
import { readFile, listDir, describeFileError, defaultContainer } from '../kubelet/volumes/files';
import { type InPod, podNamed } from '../scenario/files';

export type { InPod } from '../scenario/files';

/** The file's content as the container sees it; a missing file is `cat`'s error. */
export function fileContent(cluster: Cluster, at: InPod, file: string): string {
  const p = podNamed(cluster, at);
  const r = readFile(cluster, p, at.container ?? defaultContainer(p), file);
  if (!r.ok) throw new Error(describeFileError('cat', file, r.error));
  return r.content;
}

/** The file contains the text (its trailing whitespace aside). */
export function expectFileContains(cluster: Cluster, at: InPod, file: string, expected: string): void {
  const content = fileContent(cluster, at, file);
  if (!content.includes(expected.trimEnd()))
    throw new Error(`the file ${file} in pod ${at.pod} does not contain:\n${expected}\nIt holds:\n${content}`);
}

/** There is no file at the path. */
export function expectNoFile(cluster: Cluster, at: InPod, file: string): void {
  const p = podNamed(cluster, at);
  const r = readFile(cluster, p, at.container ?? defaultContainer(p), file);
  if (r.ok || r.error !== 'ENOENT')
    throw new Error(`expected no file ${file} in pod ${at.pod}, but ${r.ok ? 'it holds:\n' + r.content : r.error}`);
}

function entries(cluster: Cluster, at: InPod, dir: string): string[] {
  const p = podNamed(cluster, at);
  const r = listDir(cluster, p, at.container ?? defaultContainer(p), dir);
  if (!r.ok) throw new Error(describeFileError('ls', dir, r.error));
  return r.entries;
}

/** `ls` of the directory is exactly these names, in order. */
export function expectDirectoryLists(cluster: Cluster, at: InPod, dir: string, want: string[]): void {
  const got = entries(cluster, at, dir);
  if (got.join(',') !== want.join(','))
    throw new Error(`ls ${dir} in pod ${at.pod}: expected ${want.join(' ')}, got ${got.join(' ') || '(empty)'}`);
}

/** Some entry of the directory matches the regular expression. */
export function expectDirectoryEntryMatching(cluster: Cluster, at: InPod, dir: string, pattern: string): void {
  const got = entries(cluster, at, dir);
  if (!got.some((e) => new RegExp(pattern).test(e)))
    throw new Error(
      `ls ${dir} in pod ${at.pod}: no entry matches /${pattern}/; it lists ${got.join(' ') || '(nothing)'}`,
    );
}
