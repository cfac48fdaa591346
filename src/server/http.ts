// The HTTP face of the handler: requests in (body capped at the apiserver's 3 MiB, bearer tokens authenticated),
// responses out (bodies, chunked streams, WebSocket upgrades for exec and attach). Nothing here knows REST.

import * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';
import { WebSocketServer, type WebSocket } from 'ws';
import { StatusError } from '../api/errors';
import type { UserInfo } from '../apiserver/authorization/rbac';
import type { ApiRequest, ApiResponse, StreamSession } from './types';
import { errorResponse, errs, statusOf } from './status';
import { MAX_BODY_BYTES, type ApiHandler } from './handler';

/** The remote command protocols served, preferred first (v5 adds the stdin close signal kubectl 1.30 uses). */
export const STREAM_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
/** v5's CLOSE message: channel 255, then the channel closed. */
const CLOSE_CHANNEL = 255;

export interface HttpServerOptions {
  /** bearer token -> identity; a request without a token is anonymous, one with an unknown token is refused */
  tokens: Map<string, UserInfo>;
  /** serve TLS with this key and certificate (kubectl sends credentials over TLS only) */
  tls?: { key: string; cert: string };
  /** the open streams (watches, followed logs), each as the function that ends it: a fresh cluster ends them */
  streams?: Set<() => void>;
}

export function createHttpServer(handler: Pick<ApiHandler, 'handle'>, opts: HttpServerOptions): http.Server | https.Server {
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => STREAM_PROTOCOLS.find((p) => offered.has(p)) ?? false });
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0, tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) { tooLarge = true; return; }
      chunks.push(c);
    });
    req.on('end', () => {
      if (tooLarge) return send(res, errorResponse(errs.tooLarge(MAX_BODY_BYTES)));
      const r = toApiRequest(req, Buffer.concat(chunks), opts);
      if (r instanceof StatusError) return send(res, errorResponse(r));
      const response = handler.handle(r);
      if (response.type === 'upgrade') {
        // exec and attach come as WebSocket upgrades (kubectl 1.30+) or SPDY ones (older kubectl): neither reaches here
        return send(res, errorResponse(new StatusError(400, 'BadRequest', 'Upgrade request required')));
      }
      send(res, response, req, opts.streams);
    });
    req.on('error', () => res.destroy());
  };
  const server = opts.tls ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, onRequest) : http.createServer(onRequest);
  server.on('upgrade', (req: http.IncomingMessage, socket, head) => {
    const r = toApiRequest(req, Buffer.alloc(0), opts);
    const response = r instanceof StatusError ? errorResponse(r) : handler.handle(r);
    const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
    if (response.type !== 'upgrade' || upgrade !== 'websocket') {
      const refusal = response.type === 'upgrade'
        // SPDY/3.1, which kubectl 1.29 and older speak for exec, attach and port-forward, is not served
        ? errorResponse(new StatusError(400, 'BadRequest', 'kspec serve streams exec and attach over WebSocket only (the v5.channel.k8s.io and v4.channel.k8s.io protocols of kubectl 1.30 and later); SPDY is not served'))
        : response;
      const body = refusal.type === 'body' ? refusal.body : '';
      const status = refusal.type === 'body' ? refusal.status : 400;
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim());
    if (!STREAM_PROTOCOLS.some((p) => offered.includes(p))) {
      const body = JSON.stringify(statusOf(new StatusError(400, 'BadRequest', `unable to upgrade: requested protocols ${JSON.stringify(offered)} not supported; supported: ${STREAM_PROTOCOLS.join(', ')}`)));
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => runSession(ws, response.session));
  });
  server.on('clientError', (_e, socket) => { if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n'); });
  return server;
}

/** A remote command session over the channel protocol: stdin gathered (until v5's close, or the socket's), then run. */
function runSession(ws: WebSocket, session: StreamSession): void {
  const v5 = ws.protocol === 'v5.channel.k8s.io';
  const stdin: Buffer[] = [];
  let ran = false;
  const write = (channel: number, data: string) => { if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(data)])); };
  const go = () => {
    if (ran) return;
    ran = true;
    try { session.run(Buffer.concat(stdin).toString('utf8'), write); } catch (e) {
      write(3, JSON.stringify({ metadata: {}, status: 'Failure', message: `Internal error occurred: ${(e as Error).message}`, reason: 'InternalError', code: 500 }));
    }
    ws.close(1000);
  };
  ws.on('message', (data: Buffer) => {
    if (!data.length) return;
    if (data[0] === 0) stdin.push(data.subarray(1));
    else if (v5 && data[0] === CLOSE_CHANNEL && data[1] === 0) go();
  });
  ws.on('close', () => { if (!ran && session.stdin) ran = true; });
  ws.on('error', () => ws.terminate());
  if (!session.stdin) go();
}

function toApiRequest(req: http.IncomingMessage, body: Buffer, opts: HttpServerOptions): ApiRequest | StatusError {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const groups: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i].toLowerCase() === 'impersonate-group') groups.push(req.rawHeaders[i + 1]);
  let user: UserInfo | undefined;
  const auth = headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    user = m ? opts.tokens.get(m[1]) : undefined;
    if (!user) return errs.unauthorized();
  }
  return { method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), query: url.searchParams, headers, impersonateGroups: groups, body, user };
}

function send(res: http.ServerResponse, r: ApiResponse, req?: http.IncomingMessage, streams?: Set<() => void>): void {
  if (r.type === 'body') {
    res.writeHead(r.status, { ...r.headers, 'content-length': Buffer.byteLength(r.body), 'cache-control': r.headers['cache-control'] ?? 'no-cache, private' });
    res.end(req?.method === 'HEAD' ? undefined : r.body);
    return;
  }
  if (r.type !== 'stream') return;
  res.writeHead(r.status, { ...r.headers, 'cache-control': 'no-cache, private', 'transfer-encoding': 'chunked' });
  res.flushHeaders();
  let ended = false;
  const end = () => { if (!ended) { ended = true; res.end(); } };
  const stop = r.open({ write: (chunk) => { if (!ended) res.write(chunk); }, end });
  const endHere = () => { stop(); end(); };
  streams?.add(endHere);
  // a client that goes away mid-stream stops its watch
  res.on('close', () => { ended = true; streams?.delete(endHere); stop(); });
}

export function listen(server: http.Server | https.Server, port = 0, host = '127.0.0.1'): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(server.address() as AddressInfo); });
  });
}
