// What the network asks an Ingress controller (Network.ingressRouter, which the Ingress model provides) about an
// HTTP request: whether its rules claim the request's host and path, and where it goes then.

import type { ApiServer } from '../apiserver/apiserver';

export interface HttpRequest {
  url: string;
  scheme: 'http' | 'https';
  host: string;
  port: number;
  path: string;
}

/** What the Ingress controller does with a request: a backend Service port, or its own answer (404, 503). */
export type IngressDecision =
  | { backend: { namespace: string; service: string; port: number | string } }
  | { status: number; reason: string };

/** Returns undefined when the request is not for the Ingress controller (its host is not an Ingress host). */
export type IngressRouter = (api: ApiServer, req: HttpRequest) => IngressDecision | undefined;
