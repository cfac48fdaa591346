// Images: what a container of an image does (containers do not run). The kubelet throws `not supported yet`
// for behaviours it does not model yet; that error fails the step.
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
