// Images: what a container of an image does (containers do not run); see docs/image-behaviours.md. A pod can
// give one of its containers other behaviours with the annotation `behaviour.kspec.io/<container>`.
import { Given } from '@cucumber/cucumber';
import { KspecWorld } from './world';

Given('the image {string} crashes on start', function (this: KspecWorld, image: string) {
  this.setImage(image, { exitCode: 1, exitAfterMs: 0 });
});
Given('the image {string} exits with code {int} after {duration}', function (this: KspecWorld, image: string, code: number, ms: number) {
  this.setImage(image, { exitCode: code, exitAfterMs: ms });
});
Given('the image {string} takes {duration} to start', function (this: KspecWorld, image: string, ms: number) {
  this.setImage(image, { startDelayMs: ms });
});
Given('the image {string} cannot be pulled', function (this: KspecWorld, image: string) {
  this.setImage(image, { pullable: false });
});
Given('the image {string} is private', function (this: KspecWorld, image: string) {
  this.setImage(image, { private: true });
});
Given('the image {string} fails its readiness probe', function (this: KspecWorld, image: string) {
  this.setImage(image, { failsReadiness: true });
});
Given('the image {string} fails its liveness probe', function (this: KspecWorld, image: string) {
  this.setImage(image, { failsLiveness: true });
});
Given('the image {string} fails its startup probe', function (this: KspecWorld, image: string) {
  this.setImage(image, { failsStartup: true });
});
Given('the image {string} is OOM killed after {duration}', function (this: KspecWorld, image: string, ms: number) {
  this.setImage(image, { exitCode: 137, exitAfterMs: ms, oomKilled: true });
});
// the lines each start of a container of the image writes to its log (`kubectl logs`)
Given('the image {string} logs:', function (this: KspecWorld, image: string, text: string) {
  this.setImage(image, { logs: text.split('\n') });
});
