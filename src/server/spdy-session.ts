// The remote command and port-forward protocols over SPDY/3.1 (spdy.ts): what kubectl 1.27-1.29 use for exec and
// attach, and kubectl's port-forward (over a raw upgrade, or from 1.30 on tunnelled in a WebSocket). The client
// opens one stream per channel, named by its `streamtype` header: error, stdin, stdout, stderr (remotecommand
// v4.channel.k8s.io: the error stream carries the final Status as JSON); for port-forward a pair per connection,
// error and data, with the `port` and `requestid` headers (portforward.k8s.io).
import type { StreamSession } from './types';
import { SpdyConnection, type SpdyStream } from './spdy';
import { wallClock } from '../runtime/wall-clock';

export const SPDY_EXEC_PROTOCOL = 'v4.channel.k8s.io';
export const SPDY_PORTFORWARD_PROTOCOL = 'portforward.k8s.io';

/**
 * Serves a session over a SPDY connection whose bytes come through `feed` and go out through `send`; `end` closes
 * the transport. Returns the connection's input.
 */
export function spdySession(
  session: StreamSession,
  query: URLSearchParams,
  send: (b: Buffer) => void,
  end: () => void,
): { feed(data: Buffer): void; gone(): void } {
  let conn: SpdyConnection;
  const handler =
    session.kind === 'portforward'
      ? { onStream: forwarder(session), stop: () => {} }
      : remoteCommand(session, query, () => conn);
  conn = new SpdyConnection(send, handler.onStream, end);
  return {
    feed: (data) => conn.feed(data),
    gone: () => {
      conn.closed = true;
      handler.stop();
    },
  };
}

const bool = (v: string | null) => v === 'true' || v === '1';

/** exec and attach: once every stream the request asked for is open, the session runs over them. */
function remoteCommand(
  session: StreamSession,
  q: URLSearchParams,
  conn: () => SpdyConnection,
): { onStream: (s: SpdyStream) => void; stop(): void } {
  let stop = () => {};
  const tty = bool(q.get('tty'));
  const want = [
    'error',
    ...(bool(q.get('stdin')) ? ['stdin'] : []),
    ...(bool(q.get('stdout')) ? ['stdout'] : []),
    ...(bool(q.get('stderr')) && !tty ? ['stderr'] : []),
    ...(tty ? ['resize'] : []),
  ];
  const streams = new Map<string, SpdyStream>();
  let started = false;
  const finish = () => {
    for (const s of streams.values()) s.end();
    // the client closes the connection once it has read its streams; GOAWAY if it has not after a while
    wallClock.after(5000, () => conn().close()).unref();
  };
  const write = (channel: number, data: string) =>
    streams.get(channel === 1 ? 'stdout' : channel === 2 ? 'stderr' : channel === 3 ? 'error' : '')?.write(data);
  const start = () => {
    started = true;
    const stdin = streams.get('stdin');
    if (session.open) {
      let done = false;
      const live = session.open({
        write,
        close: (status) => {
          if (done) return;
          done = true;
          write(3, JSON.stringify(status));
          finish();
        },
      });
      stop = () => {
        done = true;
        live.stop();
      };
      if (stdin) {
        stdin.onData = (d) => live.input(d.toString('utf8'));
        stdin.onEnd = () => live.inputEnd();
      }
      return;
    }
    const input: Buffer[] = [];
    const go = () => {
      try {
        session.run!(Buffer.concat(input).toString('utf8'), write);
      } catch (e) {
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
      }
      finish();
    };
    if (!stdin) {
      go();
      return;
    }
    stdin.onData = (d) => input.push(d);
    stdin.onEnd = go;
  };
  return {
    onStream: (s) => {
      streams.set(s.headers.streamtype ?? '', s);
      if (!started && want.every((t) => streams.has(t))) start();
    },
    stop: () => stop(),
  };
}

/** port-forward: each connection is a pair of streams; the pod's answer goes back on the data stream. */
function forwarder(session: StreamSession): (s: SpdyStream) => void {
  const pairs = new Map<string, { error?: SpdyStream; data?: SpdyStream }>();
  return (s) => {
    const id = s.headers.requestid ?? '',
      pair = pairs.get(id) ?? {};
    pairs.set(id, pair);
    if (s.headers.streamtype === 'error') pair.error = s;
    else pair.data = s;
    if (!pair.error || !pair.data) return;
    pairs.delete(id);
    const { error, data } = pair;
    const close = () => {
      data.end();
      error.end();
    };
    const conn = session.forward!(Number(s.headers.port));
    if ('error' in conn) {
      error.write(conn.error);
      close();
      return;
    }
    let closed = false;
    data.onData = (d) => {
      if (closed) return;
      const r = conn.input(d.toString('utf8'));
      if (r.reply) data.write(Buffer.from(r.reply, 'utf8'));
      if (r.close) {
        closed = true;
        close();
      }
    };
    data.onEnd = () => {
      if (closed) return;
      closed = true;
      const r = conn.end();
      if (r.reply) data.write(Buffer.from(r.reply, 'utf8'));
      close();
    };
  };
}
