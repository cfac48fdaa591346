// Files in pods and on the kubectl machine: what a container sees at a path (its volumes), what it writes,
// and files that `kubectl create configmap --from-file` reads (src/assert/files.ts, src/scenario/files.ts).
import * as path from 'node:path';
import { Given, When, Then } from '@cucumber/cucumber';
import type { KspecWorld } from './world';
import {
  expectDirectoryEntryMatching,
  expectDirectoryLists,
  expectFileContains,
  expectNoFile,
} from '../src/assert/files';
import { makeNodeDirectory, writeFileInPod, writeNodeFile } from '../src/scenario/files';

// A local file kubectl reads (-f, --from-file, --from-env-file), relative to the feature file; e.g. `Given a file "web.yaml" with:`
Given('a file {string} with:', function (this: KspecWorld, file: string, content: string) {
  this.target.writeLocalFile(path.resolve(this.featureDir, file), content.endsWith('\n') ? content : content + '\n');
});

// Model-only (files in containers): the pod's first container writes the docstring to the file; e.g. `When pod "web" writes the file "/usr/share/nginx/html/index.html" with:`
When(
  'pod {string} writes the file {string} with:',
  function (this: KspecWorld, podName: string, file: string, content: string) {
    writeFileInPod(this.cluster, { pod: podName }, file, content);
  },
);
// Model-only (files in containers): …that container of the pod; e.g. `When container "install" of pod "web" writes the file "/work-dir/index.html" with:`
When(
  'container {string} of pod {string} writes the file {string} with:',
  function (this: KspecWorld, c: string, podName: string, file: string, content: string) {
    writeFileInPod(this.cluster, { pod: podName, container: c }, file, content);
  },
);

// Model-only (files in containers): the file, as the pod's first container sees it, contains the docstring; e.g. `Then the file "/redis-master/redis.conf" in pod "redis" contains:`
Then(
  'the file {string} in pod {string} contains:',
  function (this: KspecWorld, file: string, podName: string, expected: string) {
    expectFileContains(this.cluster, { pod: podName }, file, expected);
  },
);
// Model-only (files in containers): …as that container sees it; e.g. `Then the file "/usr/share/nginx/html/index.html" in container "nginx" of pod "web" contains:`
Then(
  'the file {string} in container {string} of pod {string} contains:',
  function (this: KspecWorld, file: string, c: string, podName: string, expected: string) {
    expectFileContains(this.cluster, { pod: podName, container: c }, file, expected);
  },
);
// Model-only (files in containers): the file contains the text; e.g. `Then the file "/config/application.yml" in pod "app" contains "name: fox"`
Then(
  'the file {string} in pod {string} contains {string}',
  function (this: KspecWorld, file: string, podName: string, expected: string) {
    expectFileContains(this.cluster, { pod: podName }, file, expected);
  },
);

// Model-only (files in containers): e.g. `Then the file "/cache/a.txt" in pod "cache" does not exist`
Then('the file {string} in pod {string} does not exist', function (this: KspecWorld, file: string, podName: string) {
  expectNoFile(this.cluster, { pod: podName }, file);
});

// Model-only (files in containers): `ls` of the directory is exactly these names, comma-separated, in order; e.g. `Then the directory "/etc/config" in pod "web" lists "game.properties,ui.properties"`
Then(
  'the directory {string} in pod {string} lists {string}',
  function (this: KspecWorld, dir: string, podName: string, names: string) {
    expectDirectoryLists(
      this.cluster,
      { pod: podName },
      dir,
      names
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  },
);

// Model-only (files in containers): some entry matches the regular expression; e.g. `Then the directory "/nfs" in pod "nfs-browser" has an entry matching "^archived-default-web-data-pvc-"`
Then(
  'the directory {string} in pod {string} has an entry matching {string}',
  function (this: KspecWorld, dir: string, podName: string, pattern: string) {
    expectDirectoryEntryMatching(this.cluster, { pod: podName }, dir, pattern);
  },
);

// Model-only (nodes' disks): a file on the node's disk (for hostPath and local volumes) holding the docstring; e.g. `Given node "node-1" has the file "/etc/app/app.conf" with:`
Given(
  'node {string} has the file {string} with:',
  function (this: KspecWorld, node: string, file: string, content: string) {
    writeNodeFile(this.cluster, node, file, content);
  },
);
// Model-only (nodes' disks): a directory on the node's disk; e.g. `Given node "node-1" has the directory "/mnt/disks/ssd1"`
Given('node {string} has the directory {string}', function (this: KspecWorld, node: string, dir: string) {
  makeNodeDirectory(this.cluster, node, dir);
});
