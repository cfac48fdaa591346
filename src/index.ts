// kspec as a library: drive the embedded cluster without Cucumber.
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
