// The in-process request interface of the served API: one request in, one response out. The HTTP server
// (http.ts) is a thin layer over it, and kspec's own kubectl calls the same handler without a socket, passing
// objects as they are (frozen) where the HTTP layer would encode them: a request's `object`, a response's `value`.

import type { UserInfo } from '../apiserver/authorization/rbac';
import type { ApiServer } from '../apiserver/apiserver';
import type { Store } from '../store/store';
import type { VirtualClock } from '../runtime/clock';
import type { Kubelets } from '../kubelet/kubelets';

/** What the handler serves: the model's API server, store and clock, converged after each write, and its kubelets. */
export interface ServedModel {
  readonly api: ApiServer;
  readonly store: Store;
  readonly clock: VirtualClock;
  readonly kubelets: Kubelets;
  converge(): void;
}

/** The request interface itself, as a client holds it: the handler's handle, or one over HTTP. */
export type Transport = (req: ApiRequest) => ApiResponse;

export interface ApiRequest {
  method: string;
  /** the URL path, without the query */
  path: string;
  query: URLSearchParams;
  /** lower-case header names; repeated headers joined with ', ' (Impersonate-Group may repeat: see groups) */
  headers: Record<string, string | undefined>;
  /** repeated Impersonate-Group headers, one entry each */
  impersonateGroups?: string[];
  body?: Buffer | string;
  /** the body as an object, from an in-process client: decoded as the body would be, without JSON */
  object?: unknown;
  /** who sent it, as the authenticator found them; undefined is anonymous */
  user?: UserInfo;
}

/** Where a streamed response (a watch, a followed log) writes. */
export interface StreamSink {
  write(chunk: string): void;
  end(): void;
  /** an in-process client's watch takes each event's object as it is, instead of its JSON line */
  event?(type: string, object: unknown): void;
}

export type ApiResponse =
  /** a body; `value` is what a JSON body encodes, for in-process clients (the text is made only when read) */
  | { type: 'body'; status: number; headers: Record<string, string>; body: string; value?: unknown }
  /** a chunked stream; open() starts it and returns the function that stops it (the client went away) */
  | { type: 'stream'; status: number; headers: Record<string, string>; open(sink: StreamSink): () => void }
  /** a streaming upgrade (exec, attach, port-forward) the transport carries over WebSocket */
  | { type: 'upgrade'; session: StreamSession };

/** Channels of the remote command protocol: 0 stdin, 1 stdout, 2 stderr, 3 error (a Status), 4 resize. */
export interface StreamSession {
  /** what the session serves, for the transport's protocol choice */
  kind: 'exec' | 'attach' | 'portforward';
  /** stdin was asked for: a batch session waits for its end before it runs */
  stdin: boolean;
  /** a batch session (exec): runs on the whole of stdin, writes its output through write(channel, data), then closes */
  run?(stdin: string, write: (channel: number, data: string) => void): void;
  /** a live session (attach): output as it comes; close(status) ends it with the error channel's last word */
  open?(io: LiveIo): LiveSession;
  /** port-forward: one connection to the pod's port, or the kubelet's error for it */
  forward?(port: number): ForwardedConnection | { error: string };
}

/** A forwarded connection: the client's bytes in, the pod's answer out (close: the pod closes the connection). */
export interface ForwardedConnection {
  input(data: string): { reply?: string; close?: boolean };
  end(): { reply?: string };
}

export interface LiveIo {
  write(channel: number, data: string): void;
  close(status: unknown): void;
}
export interface LiveSession {
  input(data: string): void;
  inputEnd(): void;
  stop(): void;
}

/** The JSON serializer's encoding: an object's kind and apiVersion first (Go's TypeMeta), and a final newline. */
export function encodeJson(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v) && 'kind' in v && 'apiVersion' in v) {
    const { kind, apiVersion, ...rest } = v as Record<string, unknown>;
    return JSON.stringify({ kind, apiVersion, ...rest }) + '\n';
  }
  return JSON.stringify(v) + '\n';
}

/**
 * A JSON answer. `value` is what a client decodes from it; `encode` writes the wire form when that differs (a
 * built-in list's items go without apiVersion and kind, which the client's decoder fills in from the list's).
 */
export function json(
  status: number,
  value: unknown,
  contentType = 'application/json',
  encode: (v: unknown) => string = encodeJson,
): ApiResponse {
  let text: string | undefined;
  return {
    type: 'body',
    status,
    headers: { 'content-type': contentType },
    value,
    get body() {
      return (text ??= encode(value));
    },
  };
}
