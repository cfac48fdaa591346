// Files in pods and on the kubectl machine: what a container sees at a path (its volumes), what it writes,
// and files that `kubectl create configmap --from-file` reads. The model is in src/kubelet/volumes/.
import * as path from 'node:path';
import { Given, When, Then } from '@cucumber/cucumber';
import { KspecWorld } from './world';
import { readFile, listDir, writeFile, describeFileError, defaultContainer } from '../src/kubelet/volumes/files';
import { nodeHost } from '../src/kubelet/volumes/disks';

function pod(world: KspecWorld, name: string) {
  const p = world.cluster.tryGet('pods', name);
  if (!p) throw new Error(`Error from server (NotFound): pods "${name}" not found`);
  return p;
}

function read(world: KspecWorld, file: string, podName: string, container?: string): string {
  const p = pod(world, podName);
  const r = readFile(world.cluster, p, container ?? defaultContainer(p), file);
  if (!r.ok) throw new Error(describeFileError('cat', file, r.error));
  return r.content;
}

function assertContains(world: KspecWorld, file: string, podName: string, expected: string, container?: string): void {
  const content = read(world, file, podName, container);
  if (!content.includes(expected.trimEnd())) throw new Error(`the file ${file} in pod ${podName} does not contain:\n${expected}\nIt holds:\n${content}`);
}

function write(world: KspecWorld, file: string, podName: string, content: string, container?: string): void {
  const p = pod(world, podName);
  const r = writeFile(world.cluster, p, container ?? defaultContainer(p), file, content.endsWith('\n') ? content : content + '\n');
  if (!r.ok) throw new Error(describeFileError('sh: can\'t create', file, r.error));
  world.cluster.converge();
}

// A local file kubectl reads (-f, --from-file, --from-env-file), relative to the feature file; e.g. `Given a file "web.yaml" with:`
Given('a file {string} with:', function (this: KspecWorld, file: string, content: string) {
  this.cluster.localFiles.set(path.resolve(this.featureDir, file), content.endsWith('\n') ? content : content + '\n');
});

When('pod {string} writes the file {string} with:', function (this: KspecWorld, podName: string, file: string, content: string) {
  write(this, file, podName, content);
});
When('container {string} of pod {string} writes the file {string} with:', function (this: KspecWorld, c: string, podName: string, file: string, content: string) {
  write(this, file, podName, content, c);
});

Then('the file {string} in pod {string} contains:', function (this: KspecWorld, file: string, podName: string, expected: string) {
  assertContains(this, file, podName, expected);
});
Then('the file {string} in container {string} of pod {string} contains:', function (this: KspecWorld, file: string, c: string, podName: string, expected: string) {
  assertContains(this, file, podName, expected, c);
});
Then('the file {string} in pod {string} contains {string}', function (this: KspecWorld, file: string, podName: string, expected: string) {
  assertContains(this, file, podName, expected);
});

Then('the file {string} in pod {string} does not exist', function (this: KspecWorld, file: string, podName: string) {
  const p = pod(this, podName);
  const r = readFile(this.cluster, p, defaultContainer(p), file);
  if (r.ok || r.error !== 'ENOENT') throw new Error(`expected no file ${file} in pod ${podName}, but ${r.ok ? 'it holds:\n' + r.content : r.error}`);
});

Then('the directory {string} in pod {string} lists {string}', function (this: KspecWorld, dir: string, podName: string, names: string) {
  const p = pod(this, podName);
  const r = listDir(this.cluster, p, defaultContainer(p), dir);
  if (!r.ok) throw new Error(describeFileError('ls', dir, r.error));
  const want = names.split(',').map((s) => s.trim()).filter(Boolean);
  if (r.entries.join(',') !== want.join(',')) throw new Error(`ls ${dir} in pod ${podName}: expected ${want.join(' ')}, got ${r.entries.join(' ') || '(empty)'}`);
});

Then('the directory {string} in pod {string} has an entry matching {string}', function (this: KspecWorld, dir: string, podName: string, pattern: string) {
  const p = pod(this, podName);
  const r = listDir(this.cluster, p, defaultContainer(p), dir);
  if (!r.ok) throw new Error(describeFileError('ls', dir, r.error));
  if (!r.entries.some((e) => new RegExp(pattern).test(e))) throw new Error(`ls ${dir} in pod ${podName}: no entry matches /${pattern}/; it lists ${r.entries.join(' ') || '(nothing)'}`);
});

Given('node {string} has the file {string} with:', function (this: KspecWorld, node: string, file: string, content: string) {
  this.cluster.disks.write(nodeHost(node), file, content.endsWith('\n') ? content : content + '\n');
});
Given('node {string} has the directory {string}', function (this: KspecWorld, node: string, dir: string) {
  this.cluster.disks.mkdir(nodeHost(node), dir);
});
