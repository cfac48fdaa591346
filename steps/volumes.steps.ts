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
  this.target.writeLocalFile(path.resolve(this.featureDir, file), content.endsWith('\n') ? content : content + '\n');
});

// Model-only (files in containers): the pod's first container writes the docstring to the file; e.g. `When pod "web" writes the file "/usr/share/nginx/html/index.html" with:`
When('pod {string} writes the file {string} with:', function (this: KspecWorld, podName: string, file: string, content: string) {
  write(this, file, podName, content);
});
// Model-only (files in containers): …that container of the pod; e.g. `When container "install" of pod "web" writes the file "/work-dir/index.html" with:`
When('container {string} of pod {string} writes the file {string} with:', function (this: KspecWorld, c: string, podName: string, file: string, content: string) {
  write(this, file, podName, content, c);
});

// Model-only (files in containers): the file, as the pod's first container sees it, contains the docstring; e.g. `Then the file "/redis-master/redis.conf" in pod "redis" contains:`
Then('the file {string} in pod {string} contains:', function (this: KspecWorld, file: string, podName: string, expected: string) {
  assertContains(this, file, podName, expected);
});
// Model-only (files in containers): …as that container sees it; e.g. `Then the file "/usr/share/nginx/html/index.html" in container "nginx" of pod "web" contains:`
Then('the file {string} in container {string} of pod {string} contains:', function (this: KspecWorld, file: string, c: string, podName: string, expected: string) {
  assertContains(this, file, podName, expected, c);
});
// Model-only (files in containers): the file contains the text; e.g. `Then the file "/config/application.yml" in pod "app" contains "name: fox"`
Then('the file {string} in pod {string} contains {string}', function (this: KspecWorld, file: string, podName: string, expected: string) {
  assertContains(this, file, podName, expected);
});

// Model-only (files in containers): e.g. `Then the file "/cache/a.txt" in pod "cache" does not exist`
Then('the file {string} in pod {string} does not exist', function (this: KspecWorld, file: string, podName: string) {
  const p = pod(this, podName);
  const r = readFile(this.cluster, p, defaultContainer(p), file);
  if (r.ok || r.error !== 'ENOENT') throw new Error(`expected no file ${file} in pod ${podName}, but ${r.ok ? 'it holds:\n' + r.content : r.error}`);
});

// Model-only (files in containers): `ls` of the directory is exactly these names, comma-separated, in order; e.g. `Then the directory "/etc/config" in pod "web" lists "game.properties,ui.properties"`
Then('the directory {string} in pod {string} lists {string}', function (this: KspecWorld, dir: string, podName: string, names: string) {
  const p = pod(this, podName);
  const r = listDir(this.cluster, p, defaultContainer(p), dir);
  if (!r.ok) throw new Error(describeFileError('ls', dir, r.error));
  const want = names.split(',').map((s) => s.trim()).filter(Boolean);
  if (r.entries.join(',') !== want.join(',')) throw new Error(`ls ${dir} in pod ${podName}: expected ${want.join(' ')}, got ${r.entries.join(' ') || '(empty)'}`);
});

// Model-only (files in containers): some entry matches the regular expression; e.g. `Then the directory "/nfs" in pod "nfs-browser" has an entry matching "^archived-default-web-data-pvc-"`
Then('the directory {string} in pod {string} has an entry matching {string}', function (this: KspecWorld, dir: string, podName: string, pattern: string) {
  const p = pod(this, podName);
  const r = listDir(this.cluster, p, defaultContainer(p), dir);
  if (!r.ok) throw new Error(describeFileError('ls', dir, r.error));
  if (!r.entries.some((e) => new RegExp(pattern).test(e))) throw new Error(`ls ${dir} in pod ${podName}: no entry matches /${pattern}/; it lists ${r.entries.join(' ') || '(nothing)'}`);
});

// Model-only (nodes' disks): a file on the node's disk (for hostPath and local volumes) holding the docstring; e.g. `Given node "node-1" has the file "/etc/app/app.conf" with:`
Given('node {string} has the file {string} with:', function (this: KspecWorld, node: string, file: string, content: string) {
  this.cluster.disks.write(nodeHost(node), file, content.endsWith('\n') ? content : content + '\n');
});
// Model-only (nodes' disks): a directory on the node's disk; e.g. `Given node "node-1" has the directory "/mnt/disks/ssd1"`
Given('node {string} has the directory {string}', function (this: KspecWorld, node: string, dir: string) {
  this.cluster.disks.mkdir(nodeHost(node), dir);
});
