// Images: what a container of an image does, over what its command would do; see docs/image-behaviours.md. A pod
// can give one of its containers other behaviours with the annotation `behaviour.kspec.io/<container>`.
import { Given } from '@cucumber/cucumber';
import type { KspecWorld } from './world';
import { imageSizeBytes } from '../src/world/images';

// Model-only (image behaviours): its containers exit 1 at once, each start; e.g. `Given the image "bad:1" crashes on start`
Given('the image {string} crashes on start', function (this: KspecWorld, image: string) {
  this.setImage(image, { exitCode: 1, exitAfterMs: 0 });
});
// Model-only (image behaviours): e.g. `Given the image "job:1" exits with code 0 after 30s`
Given(
  'the image {string} exits with code {int} after {duration}',
  function (this: KspecWorld, image: string, code: number, ms: number) {
    this.setImage(image, { exitCode: code, exitAfterMs: ms });
  },
);
// Model-only (image behaviours): its program runs until stopped, whatever the pod's command; e.g. `Given the image "geektime/tomcat:7.0" keeps running`
Given('the image {string} keeps running', function (this: KspecWorld, image: string) {
  this.setImage(image, { keepsRunning: true });
});
// Model-only (image behaviours): e.g. `Given the image "web:2" takes 10s to start`
Given('the image {string} takes {duration} to start', function (this: KspecWorld, image: string, ms: number) {
  this.setImage(image, { startDelayMs: ms });
});
// Model-only (image behaviours): ErrImagePull, then ImagePullBackOff; e.g. `Given the image "nginx:nope" cannot be pulled`
Given('the image {string} cannot be pulled', function (this: KspecWorld, image: string) {
  this.setImage(image, { pullable: false });
});
// Model-only (image behaviours): it pulls only with a matching imagePullSecret; e.g. `Given the image "registry.example.com/app:1" is private`
Given('the image {string} is private', function (this: KspecWorld, image: string) {
  this.setImage(image, { private: true });
});
// Model-only (image behaviours): e.g. `Given the image "web:2" fails its readiness probe`
Given('the image {string} fails its readiness probe', function (this: KspecWorld, image: string) {
  this.setImage(image, { failsReadiness: true });
});
// Model-only (image behaviours): e.g. `Given the image "web:2" fails its liveness probe`
Given('the image {string} fails its liveness probe', function (this: KspecWorld, image: string) {
  this.setImage(image, { failsLiveness: true });
});
// Model-only (image behaviours): e.g. `Given the image "legacy:1" fails its startup probe`
Given('the image {string} fails its startup probe', function (this: KspecWorld, image: string) {
  this.setImage(image, { failsStartup: true });
});
// Model-only (image behaviours): its containers exit 137, reason OOMKilled, that long after each start; e.g. `Given the image "hungry:1" is OOM killed after 30 seconds`
Given('the image {string} is OOM killed after {duration}', function (this: KspecWorld, image: string, ms: number) {
  this.setImage(image, { exitCode: 137, exitAfterMs: ms, oomKilled: true });
});
// Model-only (image behaviours): its size once pulled (node status.images, the Pulled event, ImageLocality); e.g. `Given the image "ml/trainer:2" has size 2Gi`
Given('the image {string} has size {word}', function (this: KspecWorld, image: string, size: string) {
  this.setImage(image, { sizeBytes: imageSizeBytes(size) });
});
// Model-only (image behaviours): the lines each start of a container of the image writes to its log (`kubectl logs`); e.g. `Given the image "api:1" logs:` and the lines
Given('the image {string} logs:', function (this: KspecWorld, image: string, text: string) {
  this.setImage(image, { logs: text.split('\n') });
});
// Model-only (image behaviours): an empty file a container of the image writes when it starts (an init container filling a shared emptyDir); e.g. `Given the image "geektime/sample:v2" writes the file "/app/sample.war"`
Given('the image {string} writes the file {string}', function (this: KspecWorld, image: string, path: string) {
  this.setImage(image, { writes: [{ path, content: '' }] });
});
// Model-only (image behaviours): …with the docstring as its content; e.g. `Given the image "busybox:1" writes the file "/work-dir/index.html" with:`
Given(
  'the image {string} writes the file {string} with:',
  function (this: KspecWorld, image: string, path: string, content: string) {
    this.setImage(image, { writes: [{ path, content: content.endsWith('\n') ? content : content + '\n' }] });
  },
);
// a file the image holds, in every container's own layer from its start (`cp /sample.war /app` copies it); e.g. `Given the image "geektime/sample:v2" contains the file "/sample.war"`
Given('the image {string} contains the file {string}', function (this: KspecWorld, image: string, path: string) {
  this.setImage(image, { contains: [{ path, content: '' }] });
});
// …with the docstring as its content (a script the image runs by path); e.g. `Given the image "shop/app:1" contains the file "/app/start.sh" with:`
Given(
  'the image {string} contains the file {string} with:',
  function (this: KspecWorld, image: string, path: string, content: string) {
    this.setImage(image, { contains: [{ path, content: content.endsWith('\n') ? content : content + '\n' }] });
  },
);
// Already on every node before any pod needs it (so `imagePullPolicy: Never` runs); e.g. `Given the image "geektime/app:1" is present on every node`
Given('the image {string} is present on every node', function (this: KspecWorld, image: string) {
  this.setImage(image, { presentOn: ['*'] });
});
// Already on that node (ErrImageNeverPull elsewhere under `imagePullPolicy: Never`); e.g. `Given the image "app:1" is present on node "node-2"`
Given('the image {string} is present on node {string}', function (this: KspecWorld, image: string, node: string) {
  this.setImage(image, { presentOn: [node] });
});
