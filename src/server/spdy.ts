// SPDY/3.1 framing, the server's side, as kubectl 1.27-1.29 speak it for exec, attach and port-forward (and
// kubectl 1.30+ for port-forward, directly or tunnelled in a WebSocket): moby/spdystream's SPDY/3 frames, header
// blocks compressed with zlib and the SPDY/3 dictionary (one compression context per direction for the whole
// connection, each block ended with a sync flush: pako does that synchronously). The client opens the streams
// (SYN_STREAM, odd ids); the server answers each with SYN_REPLY and writes DATA frames; FIN half-closes a stream.
// Flow control (WINDOW_UPDATE) is ignored, as spdystream does. http://www.chromium.org/spdy/spdy-protocol/spdy-protocol-draft3
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pako = require('pako') as { Inflate: any; Deflate: any; constants: { Z_SYNC_FLUSH: number } };

const VERSION = 3;
const SYN_STREAM = 1,
  SYN_REPLY = 2,
  RST_STREAM = 3,
  PING = 6,
  GOAWAY = 7;
const FLAG_FIN = 1;

/** The SPDY/3 header compression dictionary (draft 3, 2.6.10.1): these words, each after its 32-bit length, then the tail. */
const DICT_WORDS = [
  'options',
  'head',
  'post',
  'put',
  'delete',
  'trace',
  'accept',
  'accept-charset',
  'accept-encoding',
  'accept-language',
  'accept-ranges',
  'age',
  'allow',
  'authorization',
  'cache-control',
  'connection',
  'content-base',
  'content-encoding',
  'content-language',
  'content-length',
  'content-location',
  'content-md5',
  'content-range',
  'content-type',
  'date',
  'etag',
  'expect',
  'expires',
  'from',
  'host',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'if-range',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'pragma',
  'proxy-authenticate',
  'proxy-authorization',
  'range',
  'referer',
  'retry-after',
  'server',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'vary',
  'via',
  'warning',
  'www-authenticate',
  'method',
  'get',
  'status',
  '200 OK',
  'version',
  'HTTP/1.1',
  'url',
  'public',
  'set-cookie',
  'keep-alive',
  'origin',
];
const DICT_TAIL =
  '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505203 Non-Authoritative ' +
  'Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized403 Forbidden404 Not Found500 Internal Server Error501 ' +
  'Not Implemented503 Service UnavailableJan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, ' +
  'GMTchunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,text/javascript,publicprivate' +
  'max-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.';

export const DICTIONARY: Buffer = Buffer.concat([
  ...DICT_WORDS.map((w) => {
    const b = Buffer.alloc(4 + w.length);
    b.writeUInt32BE(w.length);
    b.write(w, 4, 'latin1');
    return b;
  }),
  Buffer.from(DICT_TAIL, 'latin1'),
]);

/** A stream the client opened. */
export interface SpdyStream {
  id: number;
  headers: Record<string, string>;
  /** the client's data, and its end (FIN) */
  onData?: (data: Buffer) => void;
  onEnd?: () => void;
  write(data: Buffer | string): void;
  end(): void;
}

export class SpdyConnection {
  private buf: Buffer = Buffer.alloc(0);
  private readonly inflate = new pako.Inflate({ dictionary: DICTIONARY });
  private readonly deflate = new pako.Deflate({ level: 9, dictionary: DICTIONARY });
  private readonly streams = new Map<number, SpdyStream & { ended: boolean }>();
  private lastId = 0;
  closed = false;

  constructor(
    private readonly send: (b: Buffer) => void,
    private readonly onStream: (s: SpdyStream) => void,
    private readonly onClose: () => void = () => {},
  ) {}

  /** Bytes from the client: every whole frame in them is handled. */
  feed(data: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, data]) : data;
    while (this.buf.length >= 8 && !this.closed) {
      const length = this.buf.readUInt32BE(4) & 0xffffff;
      if (this.buf.length < 8 + length) return;
      const frame = this.buf.subarray(0, 8 + length);
      this.buf = this.buf.subarray(8 + length);
      this.frame(frame);
    }
  }

  private frame(f: Buffer): void {
    const flags = f[4];
    const payload = f.subarray(8);
    if (!(f[0] & 0x80)) {
      const s = this.streams.get(f.readUInt32BE(0) & 0x7fffffff);
      if (!s) return;
      if (payload.length) s.onData?.(Buffer.from(payload));
      if (flags & FLAG_FIN) s.onEnd?.();
      return;
    }
    const type = f.readUInt16BE(2);
    if (type === SYN_STREAM) {
      const id = payload.readUInt32BE(0) & 0x7fffffff;
      const headers = this.readHeaders(payload.subarray(10));
      this.lastId = id;
      const conn = this;
      const s: SpdyStream & { ended: boolean } = {
        id,
        headers,
        ended: false,
        write(data: Buffer | string) {
          if (!this.ended) conn.data(id, Buffer.isBuffer(data) ? data : Buffer.from(data), false);
        },
        end() {
          if (!this.ended) {
            this.ended = true;
            conn.data(id, Buffer.alloc(0), true);
          }
        },
      };
      this.streams.set(id, s);
      this.reply(id);
      this.onStream(s);
      if (flags & FLAG_FIN) s.onEnd?.();
    } else if (type === PING) this.control(PING, 0, payload);
    else if (type === RST_STREAM) this.streams.get(payload.readUInt32BE(0) & 0x7fffffff)?.onEnd?.();
    else if (type === GOAWAY) this.close();
    // SETTINGS, WINDOW_UPDATE, HEADERS: nothing to do
  }

  /** A header block: the pairs, each name and value after their 32-bit lengths, compressed in the connection's context. */
  private readHeaders(block: Buffer): Record<string, string> {
    const chunks: Uint8Array[] = [];
    this.inflate.onData = (c: Uint8Array) => chunks.push(c.slice());
    this.inflate.push(block, pako.constants.Z_SYNC_FLUSH);
    // pako's Inflate hands out only full output chunks: what a sync flush left is taken here
    const strm = this.inflate.strm;
    if (strm.next_out) {
      chunks.push(strm.output.slice(0, strm.next_out));
      strm.next_out = 0;
      strm.avail_out = strm.output.length;
    }
    const b = Buffer.concat(chunks);
    const out: Record<string, string> = {};
    let o = 4;
    for (let n = b.length >= 4 ? b.readUInt32BE(0) : 0; n > 0; n--) {
      const kl = b.readUInt32BE(o);
      const k = b.toString('utf8', o + 4, o + 4 + kl);
      o += 4 + kl;
      const vl = b.readUInt32BE(o);
      const v = b.toString('utf8', o + 4, o + 4 + vl);
      o += 4 + vl;
      out[k.toLowerCase()] = v;
    }
    return out;
  }

  private writeHeaders(h: Record<string, string>): Buffer {
    const parts: Buffer[] = [u32(Object.keys(h).length)];
    for (const [k, v] of Object.entries(h))
      parts.push(u32(Buffer.byteLength(k)), Buffer.from(k), u32(Buffer.byteLength(v)), Buffer.from(v));
    const chunks: Uint8Array[] = [];
    this.deflate.onData = (c: Uint8Array) => chunks.push(c);
    this.deflate.push(Buffer.concat(parts), pako.constants.Z_SYNC_FLUSH);
    return Buffer.concat(chunks);
  }

  private reply(id: number): void {
    this.control(SYN_REPLY, 0, Buffer.concat([u32(id), this.writeHeaders({})]));
  }

  private control(type: number, flags: number, payload: Buffer): void {
    if (this.closed) return;
    const h = Buffer.alloc(8);
    h.writeUInt16BE(0x8000 | VERSION, 0);
    h.writeUInt16BE(type, 2);
    h.writeUInt32BE(payload.length, 4);
    h[4] = flags;
    this.send(Buffer.concat([h, payload]));
  }

  private data(id: number, data: Buffer, fin: boolean): void {
    if (this.closed) return;
    for (let off = 0; off < data.length || (off === 0 && fin); off += 0xffffff) {
      const part = data.subarray(off, off + 0xffffff);
      const h = Buffer.alloc(8);
      h.writeUInt32BE(id & 0x7fffffff, 0);
      h.writeUInt32BE(part.length, 4);
      h[4] = fin && off + 0xffffff >= data.length ? FLAG_FIN : 0;
      this.send(Buffer.concat([h, part]));
      if (!data.length) break;
    }
  }

  /** GOAWAY, then the end. */
  close(): void {
    if (this.closed) return;
    this.control(GOAWAY, 0, Buffer.concat([u32(this.lastId), u32(0)]));
    this.closed = true;
    this.onClose();
  }
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}
