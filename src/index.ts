// kspec as a library: drive the embedded cluster without Cucumber, and assert on it as the steps do.
export { createCluster, Cluster, KubectlError } from './cluster';
export type { ClusterOptions, NodeSpec, CommandResult } from './cluster';
export type { KObject } from './api/meta';
export { StatusError } from './api/errors';
export { parseDuration } from './runtime/duration';
export type { TimelineEntry } from './apiserver/timeline';
export { serveCluster } from './server/serve';
export type { ServeOptions, ServedCluster } from './server/serve';
export { createHandler } from './server/handler';
export type { ApiRequest, ApiResponse } from './server/types';

// assertions (src/assert) over a Cluster, or a Scene (a target, live or embedded, and its model)
export { objectKey, describeObject, EVENTUALLY } from './assert/scene';
export type { Scene, Within } from './assert/scene';
export type { ObjectKey, Target } from './target/target';
export { expectMatches, expectExists, expectGone, expectCount } from './assert/object';
export type { CountOptions } from './assert/object';
export { eventsAbout, expectEvent, expectNoEvent } from './assert/events';
export { expectCondition } from './assert/conditions';
export {
  expectSucceeded,
  expectFailed,
  expectOutput,
  expectOutputContains,
  expectOutputNotContains,
  expectOutputMatches,
  expectExitStatus,
  expectErrorOutput,
  expectErrorOutputContains,
} from './assert/output';
export { expectResolution } from './assert/dns';
export type { DnsExpectation } from './assert/dns';
export {
  expectConnection,
  expectHttpReaches,
  connectMany,
  expectSpreadTo,
  expectEachPodReceived,
  expectSamePod,
} from './assert/traffic';
export type { ConnectionWant, Spread } from './assert/traffic';
export { expectIngressRoute, expectHttpStatus } from './assert/ingress';
export {
  expectFileContains,
  expectNoFile,
  expectDirectoryLists,
  expectDirectoryEntryMatching,
  fileContent,
} from './assert/files';
export { expectRolloutBound, expectRolloutSteps, latestRollout } from './assert/rollout';
export { differences, matches } from './assert/match';

// scenario queries and actions (src/scenario)
export { podsOf, podBelongsTo, aPodOf } from './scenario/pods-of';
export { podsToDeleteFirstOf } from './scenario/owned-pods';
export { clientOf } from './scenario/clients';
export type { Source } from './scenario/clients';
export { installIngressNginx, INGRESS_NGINX_MANIFEST } from './scenario/ingress';
export { writeFileInPod, writeNodeFile, makeNodeDirectory } from './scenario/files';
export type { InPod } from './scenario/files';
