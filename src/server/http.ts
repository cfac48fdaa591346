// The HTTP face of the handler: requests in (body capped at the apiserver's 3 MiB, bearer tokens authenticated),
// responses out (bodies, chunked streams, WebSocket upgrades for exec and attach). Nothing here knows REST.

import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { StatusError } from '../api/errors';
import type { UserInfo } from '../apiserver/authorization/rbac';
import type { ApiRequest, ApiResponse, StreamSession } from './types';
import { errorResponse, errs, statusOf } from './status';
import { MAX_BODY_BYTES, type ApiHandler } from './handler';
import { spdySession, SPDY_EXEC_PROTOCOL, SPDY_PORTFORWARD_PROTOCOL } from './spdy-session';

/** The remote command protocols served, preferred first (v5 adds the stdin close signal kubectl 1.30 uses). */
export const STREAM_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
/** port-forward's SPDY tunnelled in a WebSocket (kubectl 1.30 with KUBECTL_PORT_FORWARD_WEBSOCKETS, 1.31+). */
export const PORTFORWARD_TUNNEL = `SPDY/3.1+${SPDY_PORTFORWARD_PROTOCOL}`;
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

export function createHttpServer(
  handler: Pick<ApiHandler, 'handle'>,
  opts: HttpServerOptions,
): http.Server | https.Server {
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => [...STREAM_PROTOCOLS, PORTFORWARD_TUNNEL].find((p) => offered.has(p)) ?? false,
  });
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0,
      tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        return;
      }
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
  const server = opts.tls
    ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, onRequest)
    : http.createServer(onRequest);
  server.on('upgrade', (req: http.IncomingMessage, socket, head) => {
    const r = toApiRequest(req, Buffer.alloc(0), opts);
    const response = r instanceof StatusError ? errorResponse(r) : handler.handle(r);
    const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
    const refuse = (status: number, body: string) =>
      socket.end(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    if (response.type !== 'upgrade' || (upgrade !== 'websocket' && upgrade !== 'spdy/3.1')) {
      const refusal =
        response.type === 'upgrade'
          ? errorResponse(
              new StatusError(
                400,
                'BadRequest',
                `unable to upgrade: the protocol "${req.headers.upgrade ?? ''}" is not served (WebSocket, SPDY/3.1)`,
              ),
            )
          : response;
      refuse(refusal.type === 'body' ? refusal.status : 400, refusal.type === 'body' ? refusal.body : '');
      return;
    }
    const session = response.session;
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    if (upgrade === 'spdy/3.1') {
      // httpstream's handshake: the protocol both sides speak, named in X-Stream-Protocol-Version
      const protocol = session.kind === 'portforward' ? SPDY_PORTFORWARD_PROTOCOL : SPDY_EXEC_PROTOCOL;
      const offered = String(req.headers['x-stream-protocol-version'] ?? '')
        .split(',')
        .map((s) => s.trim());
      if (!offered.includes(protocol)) {
        refuse(
          403,
          JSON.stringify(
            statusOf(
              new StatusError(
                403,
                'Forbidden',
                `unable to upgrade: unable to negotiate protocol: client supports ${JSON.stringify(offered)}, server supports ["${protocol}"]`,
              ),
            ),
          ),
        );
        return;
      }
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${protocol}\r\n\r\n`,
      );
      const spdy = spdySession(
        session,
        query,
        (b) => {
          if (socket.writable) socket.write(b);
        },
        () => socket.end(),
      );
      socket.on('data', (d: Buffer) => spdy.feed(d));
      const endHere = () => socket.destroy();
      opts.streams?.add(endHere);
      socket.on('close', () => {
        opts.streams?.delete(endHere);
        spdy.gone();
      });
      socket.on('error', () => socket.destroy());
      if (head.length) spdy.feed(head);
      return;
    }
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((s) => s.trim());
    if (session.kind === 'portforward') {
      if (!offered.includes(PORTFORWARD_TUNNEL)) {
        refuse(
          400,
          JSON.stringify(
            statusOf(
              new StatusError(
                400,
                'BadRequest',
                `unable to upgrade: requested protocols ${JSON.stringify(offered)} not supported; supported: ${PORTFORWARD_TUNNEL}`,
              ),
            ),
          ),
        );
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        const spdy = spdySession(
          session,
          query,
          (b) => {
            if (ws.readyState === ws.OPEN) ws.send(b);
          },
          () => ws.close(1000),
        );
        ws.on('message', (d: Buffer) => spdy.feed(d));
        const endHere = () => ws.terminate();
        opts.streams?.add(endHere);
        ws.on('close', () => {
          opts.streams?.delete(endHere);
          spdy.gone();
        });
        ws.on('error', () => ws.terminate());
      });
      return;
    }
    if (!STREAM_PROTOCOLS.some((p) => offered.includes(p))) {
      const body = JSON.stringify(
        statusOf(
          new StatusError(
            400,
            'BadRequest',
            `unable to upgrade: requested protocols ${JSON.stringify(offered)} not supported; supported: ${STREAM_PROTOCOLS.join(', ')}`,
          ),
        ),
      );
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const endHere = () => ws.terminate();
      opts.streams?.add(endHere);
      ws.on('close', () => opts.streams?.delete(endHere));
      runSession(ws, session);
    });
  });
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  return server;
}

/**
 * A remote command session over the channel protocol. A batch one (exec) gathers stdin (until v5's close, or the
 * socket's) then runs; a live one (attach) streams both ways until it or the client ends it.
 */
function runSession(ws: WebSocket, session: StreamSession): void {
  const v5 = ws.protocol === 'v5.channel.k8s.io';
  const write = (channel: number, data: string) => {
    if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(data)]));
  };
  const fail = (e: unknown) =>
    write(
      3,
      JSON.stringify({
        metadata: {},
        status: 'Failure',
        message: `Internal error occurred: ${(e as Error).message}`,
        reason: 'InternalError',
        code: 500,
      }),
    );
  ws.on('error', () => ws.terminate());
  if (session.open) {
    let live: ReturnType<NonNullable<StreamSession['open']>> | undefined,
      closed = false;
    const close = (status: unknown) => {
      if (closed) return;
      closed = true;
      write(3, JSON.stringify(status));
      ws.close(1000);
    };
    ws.on('message', (data: Buffer) => {
      if (!data.length || closed) return;
      try {
        if (data[0] === 0 && data.length > 1) live?.input(data.subarray(1).toString('utf8'));
        else if (v5 && data[0] === CLOSE_CHANNEL && data[1] === 0) live?.inputEnd();
      } catch (e) {
        fail(e);
      }
    });
    ws.on('close', () => {
      closed = true;
      live?.stop();
    });
    try {
      live = session.open({ write, close });
    } catch (e) {
      fail(e);
      ws.close(1000);
    }
    return;
  }
  const stdin: Buffer[] = [];
  let ran = false;
  const go = () => {
    if (ran) return;
    ran = true;
    try {
      session.run!(Buffer.concat(stdin).toString('utf8'), write);
    } catch (e) {
      fail(e);
    }
    ws.close(1000);
  };
  ws.on('message', (data: Buffer) => {
    if (!data.length) return;
    if (data[0] === 0) stdin.push(data.subarray(1));
    else if (v5 && data[0] === CLOSE_CHANNEL && data[1] === 0) go();
  });
  ws.on('close', () => {
    if (!ran && session.stdin) ran = true;
  });
  if (!session.stdin) go();
}

function toApiRequest(req: http.IncomingMessage, body: Buffer, opts: HttpServerOptions): ApiRequest | StatusError {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const groups: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    if (req.rawHeaders[i].toLowerCase() === 'impersonate-group') groups.push(req.rawHeaders[i + 1]);
  let user: UserInfo | undefined;
  const auth = headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    user = m ? opts.tokens.get(m[1]) : undefined;
    if (!user) return errs.unauthorized();
  }
  return {
    method: req.method ?? 'GET',
    path: decodeURIComponent(url.pathname),
    query: url.searchParams,
    headers,
    impersonateGroups: groups,
    body,
    user,
  };
}

function send(res: http.ServerResponse, r: ApiResponse, req?: http.IncomingMessage, streams?: Set<() => void>): void {
  if (r.type === 'body') {
    res.writeHead(r.status, {
      ...r.headers,
      'content-length': Buffer.byteLength(r.body),
      'cache-control': r.headers['cache-control'] ?? 'no-cache, private',
    });
    res.end(req?.method === 'HEAD' ? undefined : r.body);
    return;
  }
  if (r.type !== 'stream') return;
  res.writeHead(r.status, { ...r.headers, 'cache-control': 'no-cache, private', 'transfer-encoding': 'chunked' });
  res.flushHeaders();
  let ended = false;
  const end = () => {
    if (!ended) {
      ended = true;
      res.end();
    }
  };
  const stop = r.open({
    write: (chunk) => {
      if (!ended) res.write(chunk);
    },
    end,
  });
  const endHere = () => {
    stop();
    end();
  };
  streams?.add(endHere);
  // a client that goes away mid-stream stops its watch
  res.on('close', () => {
    ended = true;
    streams?.delete(endHere);
    stop();
  });
}

export function listen(server: http.Server | https.Server, port = 0, host = '127.0.0.1'): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}
