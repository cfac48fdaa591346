// The in-process request interface of the served API: one request in, one response out. The HTTP server
// (http.ts) is a thin layer over it, and any in-process client (kspec's own kubectl, next) can call the same
// handler without a socket.

import type { UserInfo } from '../apiserver/authorization/rbac';

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
  /** who sent it, as the authenticator found them; undefined is anonymous */
  user?: UserInfo;
}

/** Where a streamed response (a watch, a followed log) writes. */
export interface StreamSink {
  write(chunk: string): void;
  end(): void;
}

export type ApiResponse =
  | { type: 'body'; status: number; headers: Record<string, string>; body: string }
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
export interface ForwardedConnection { input(data: string): { reply?: string; close?: boolean }; end(): { reply?: string } }

export interface LiveIo { write(channel: number, data: string): void; close(status: unknown): void }
export interface LiveSession { input(data: string): void; inputEnd(): void; stop(): void }

export function json(status: number, body: unknown, contentType = 'application/json'): ApiResponse {
  return { type: 'body', status, headers: { 'content-type': contentType }, body: JSON.stringify(body) };
}
