// SPDY/3.1 framing (src/server/spdy.ts) against a client framer written here from the draft-3 spec, as
// moby/spdystream frames it: SYN_STREAM with zlib header blocks (one context per direction, the SPDY/3
// dictionary), SYN_REPLY, DATA with FIN, PING echoed, GOAWAY. The real kubectl 1.27-1.31 runs over it in
// test/serve-kubectl.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { DICTIONARY, SpdyConnection, type SpdyStream } from '../src/server/spdy';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pako = require('pako');

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
const control = (type: number, flags: number, payload: Buffer) => {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(0x8003, 0);
  h.writeUInt16BE(type, 2);
  h.writeUInt32BE(payload.length, 4);
  h[4] = flags;
  return Buffer.concat([h, payload]);
};
const data = (id: number, flags: number, d: Buffer) => {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(id, 0);
  h.writeUInt32BE(d.length, 4);
  h[4] = flags;
  return Buffer.concat([h, d]);
};

/** The client's side: its own compression context. */
function client() {
  const deflate = new pako.Deflate({ level: 9, dictionary: DICTIONARY });
  const inflate = new pako.Inflate({ dictionary: DICTIONARY });
  const block = (h: Record<string, string>) => {
    const parts = [u32(Object.keys(h).length)];
    for (const [k, v] of Object.entries(h)) parts.push(u32(k.length), Buffer.from(k), u32(v.length), Buffer.from(v));
    const out: Uint8Array[] = [];
    deflate.onData = (c: Uint8Array) => out.push(c);
    deflate.push(Buffer.concat(parts), pako.constants.Z_SYNC_FLUSH);
    return Buffer.concat(out);
  };
  return {
    syn: (id: number, h: Record<string, string>, fin = false) =>
      control(1, fin ? 1 : 0, Buffer.concat([u32(id), u32(0), Buffer.from([0, 0]), block(h)])),
    /** a SYN_REPLY's headers, read in the client's context */
    replyHeaders(frame: Buffer): number {
      const out: Uint8Array[] = [];
      inflate.onData = (c: Uint8Array) => out.push(c);
      inflate.push(frame.subarray(12), pako.constants.Z_SYNC_FLUSH);
      const strm = inflate.strm;
      if (strm.next_out) {
        out.push(strm.output.slice(0, strm.next_out));
        strm.next_out = 0;
        strm.avail_out = strm.output.length;
      }
      return Buffer.concat(out).readUInt32BE(0);
    },
  };
}

/** The frames the server sent, as [kind, stream id or type, flags, payload]. */
function frames(sent: Buffer[]): [string, number, number, Buffer][] {
  const all = Buffer.concat(sent),
    out: [string, number, number, Buffer][] = [];
  for (let o = 0; o < all.length; ) {
    const len = all.readUInt32BE(o + 4) & 0xffffff,
      f = all.subarray(o, o + 8 + len);
    out.push(
      f[0] & 0x80
        ? ['control', f.readUInt16BE(2), f[4], f.subarray(8)]
        : ['data', f.readUInt32BE(0), f[4], f.subarray(8)],
    );
    o += 8 + len;
  }
  return out;
}

test("the SPDY/3 dictionary is the draft's 1423 bytes", () => {
  assert.equal(DICTIONARY.length, 1423);
  assert.equal(
    createHash('sha256').update(DICTIONARY).digest('hex'),
    '51d27341373f923f3cd88e1eb7162aeaa3723d7585ff2399201dc06498407f02',
  );
});

test('streams the client opens: headers, replies, data both ways, FIN, PING and GOAWAY', () => {
  const sent: Buffer[] = [],
    streams: SpdyStream[] = [],
    got: string[] = [];
  let closed = false;
  const conn = new SpdyConnection(
    (b) => sent.push(b),
    (s) => {
      streams.push(s);
      s.onData = (d) => got.push(`${s.headers.streamtype} ${d}`);
      s.onEnd = () => got.push(`${s.headers.streamtype} end`);
    },
    () => {
      closed = true;
    },
  );
  const c = client();
  // rows: what the client sends (split anywhere: frames may arrive in pieces) -> what the server saw
  const input = Buffer.concat([
    c.syn(1, { streamtype: 'error' }),
    c.syn(3, { streamtype: 'stdin' }),
    c.syn(5, { streamtype: 'stdout', Extra: 'Case' }),
    data(3, 0, Buffer.from('hello ')),
    data(3, 1, Buffer.from('world')),
    control(6, 0, u32(7)),
  ]);
  for (let o = 0; o < input.length; o += 7) conn.feed(input.subarray(o, o + 7));
  assert.deepEqual(
    streams.map((s) => [s.id, s.headers]),
    [
      [1, { streamtype: 'error' }],
      [3, { streamtype: 'stdin' }],
      [5, { streamtype: 'stdout', extra: 'Case' }],
    ],
  );
  assert.deepEqual(got, ['stdin hello ', 'stdin world', 'stdin end']);
  streams[2].write('out');
  streams[2].end();
  streams[0].write('{"status":"Success"}');
  const f = frames(sent);
  // a SYN_REPLY (type 2) per stream, its (empty) header block readable in the client's context, then the PING back
  assert.deepEqual(
    f
      .slice(0, 4)
      .map(([k, t, , p]) => [
        k,
        t,
        t === 2 ? [p.readUInt32BE(0), c.replyHeaders(Buffer.concat([Buffer.alloc(8), p]))] : p.readUInt32BE(0),
      ]),
    [
      ['control', 2, [1, 0]],
      ['control', 2, [3, 0]],
      ['control', 2, [5, 0]],
      ['control', 6, 7],
    ],
  );
  assert.deepEqual(
    f.slice(4).map(([k, id, flags, p]) => [k, id, flags, String(p)]),
    [
      ['data', 5, 0, 'out'],
      ['data', 5, 1, ''],
      ['data', 1, 0, '{"status":"Success"}'],
    ],
  );
  conn.feed(control(7, 0, Buffer.concat([u32(0), u32(0)])));
  assert.equal(closed, true);
});
