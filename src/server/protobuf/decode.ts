// Kubernetes' protobuf encoding, decoded into the object its JSON would be (k8s.io/apimachinery/pkg/runtime/
// serializer/protobuf). kubectl 1.32+ and client-go 0.32+ send built-in objects that way: a 4-byte magic
// `k8s\0`, then a runtime.Unknown whose typeMeta names the kind and whose raw bytes are the object's message.
// Field numbers and types come from the v1.30 generated.proto files (schema.json, scripts/protobuf-schema.js);
// a zero value is written out only where Go's JSON encoding would write it (pointers, fields without omitempty).

import SCHEMA from './schema.json';
import { goDuration as goDurationOf } from '../../util/go/duration';

type Field = [name: string, type: string, flags?: string];
const schema = SCHEMA as unknown as Record<string, Record<string, Field>>;

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);
const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';
/** Go's zero time.Time as Unix seconds: an unset metav1.Time */
const ZERO_TIME = -62135596800n;

class Reader {
  pos = 0;
  constructor(
    readonly buf: Buffer,
    readonly end = buf.length,
  ) {}
  varint(): bigint {
    let result = 0n,
      shift = 0n;
    for (;;) {
      if (this.pos >= this.end) throw new Error('unexpected EOF');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      shift += 7n;
    }
  }
  bytes(): Buffer {
    const n = Number(this.varint());
    if (this.pos + n > this.end) throw new Error('unexpected EOF');
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
}

/** The runtime.Unknown envelope: the object's apiVersion, kind and message bytes. */
export function unwrap(body: Buffer): { apiVersion: string; kind: string; raw: Buffer } {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC))
    throw new Error('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  const u = decodeMessage('k8s.io.apimachinery.pkg.runtime.Unknown', body.subarray(4), true);
  return { apiVersion: u.typeMeta?.apiVersion ?? '', kind: u.typeMeta?.kind ?? '', raw: u.rawBytes ?? Buffer.alloc(0) };
}

/** The object a protobuf body carries, as JSON would carry it (apiVersion and kind from the envelope). */
export function decodeObject(body: Buffer): Record<string, unknown> {
  const { apiVersion, kind, raw } = unwrap(body);
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  const pkg = group === 'core' ? `k8s.io.api.core.${version}` : `k8s.io.api.${group.split('.')[0]}.${version}`;
  const type = `${pkg}.${kind}`;
  if (!schema[type])
    throw new Error(`no kind "${kind}" is registered for version "${apiVersion}" in the protobuf schema`);
  return { apiVersion, kind, ...decodeMessage(type, raw) };
}

function scalar(type: string, wire: number, r: Reader): unknown {
  if (wire === 0) {
    const v = r.varint();
    if (type === 'bool') return v !== 0n;
    if (type === 'int32') return Number(BigInt.asIntN(32, v));
    return Number(BigInt.asIntN(64, v));
  }
  if (wire === 1) {
    const v = r.buf.readDoubleLE(r.pos);
    r.pos += 8;
    return v;
  }
  if (wire === 5) {
    const v = r.buf.readFloatLE(r.pos);
    r.pos += 4;
    return v;
  }
  const b = r.bytes();
  return type === 'string' ? b.toString('utf8') : b.toString('base64');
}

/** Messages that JSON writes as a scalar. */
function special(type: string, b: Buffer): unknown {
  const m = decodeMessage(type, b, true);
  switch (type) {
    case `${META}.Time`:
    case `${META}.MicroTime`: {
      // a zero time is written as an empty message (metav1.Time's Marshal)
      if (m.seconds === undefined && !m.nanos) return undefined;
      const s = BigInt(m.seconds);
      if (s === ZERO_TIME && !m.nanos) return undefined;
      const iso = new Date(Number(s) * 1000 + Math.floor((m.nanos ?? 0) / 1e6)).toISOString();
      return type.endsWith('MicroTime')
        ? iso.replace(
            /\.(\d{3})Z$/,
            `.${String(m.nanos ?? 0)
              .padStart(9, '0')
              .slice(0, 6)}Z`,
          )
        : iso.replace(/\.\d{3}Z$/, 'Z');
    }
    case 'k8s.io.apimachinery.pkg.api.resource.Quantity':
      return m.string ?? '';
    case 'k8s.io.apimachinery.pkg.util.intstr.IntOrString':
      return Number(m.type ?? 0) === 1 ? (m.strVal ?? '') : (m.intVal ?? 0);
    case 'k8s.io.apimachinery.pkg.runtime.RawExtension':
    case `${META}.FieldsV1`:
      return m.rawBytes?.length ? JSON.parse(m.rawBytes.toString('utf8')) : undefined;
    case `${META}.Duration`:
      return goDuration(Number(m.duration ?? 0));
  }
  return NOT_SPECIAL;
}
const NOT_SPECIAL = Symbol('message');
const SPECIAL = new Set([
  `${META}.Time`,
  `${META}.MicroTime`,
  'k8s.io.apimachinery.pkg.api.resource.Quantity',
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString',
  'k8s.io.apimachinery.pkg.runtime.RawExtension',
  `${META}.FieldsV1`,
  `${META}.Duration`,
]);

function value(type: string, wire: number, r: Reader): unknown {
  if (!schema[type]) return scalar(type, wire, r);
  const b = r.bytes();
  return SPECIAL.has(type) ? special(type, b) : decodeMessage(type, b);
}

const isZero = (v: unknown) => v === '' || v === 0 || v === false;

/** One message: fields by number, repeated ones gathered, maps from their entries; `raw` keeps scalars as read. */
export function decodeMessage(type: string, buf: Buffer, raw = false): any {
  const fields = schema[type] ?? {};
  const out: Record<string, any> = {};
  const r = new Reader(buf);
  while (r.pos < r.end) {
    const tag = Number(r.varint());
    const num = tag >>> 3,
      wire = tag & 7;
    const f = fields[num];
    if (!f) {
      skip(r, wire);
      continue;
    }
    const [name, ftype, flags = ''] = f;
    if (raw && (name === 'raw' || name === 'Raw') && ftype === 'bytes') {
      out.rawBytes = r.bytes();
      continue;
    }
    if (ftype.startsWith('map:')) {
      const [kt, vt] = ftype.slice(4).split(',');
      const entry = new Reader(r.bytes());
      let k: unknown = '',
        v: unknown = vt === 'string' || vt === 'bytes' ? '' : undefined;
      while (entry.pos < entry.end) {
        const t = Number(entry.varint());
        if (t >>> 3 === 1) k = scalar(kt, t & 7, entry);
        else if (t >>> 3 === 2) v = value(vt, t & 7, entry);
        else skip(entry, t & 7);
      }
      (out[name] ??= {})[String(k)] = v;
    } else if (flags.includes('r')) {
      if (wire === 2 && !schema[ftype] && ftype !== 'string' && ftype !== 'bytes') {
        const packed = new Reader(r.bytes());
        while (packed.pos < packed.end)
          (out[name] ??= []).push(scalar(ftype, ftype === 'double' ? 1 : ftype === 'float' ? 5 : 0, packed));
      } else (out[name] ??= []).push(value(ftype, wire, r));
    } else {
      const v = value(ftype, wire, r);
      if (v === undefined || (!raw && isZero(v) && !flags.includes('z'))) continue;
      out[name] = v;
    }
  }
  return out;
}

function skip(r: Reader, wire: number): void {
  if (wire === 0) r.varint();
  else if (wire === 1) r.pos += 8;
  else if (wire === 2) r.bytes();
  else if (wire === 5) r.pos += 4;
  else throw new Error(`unsupported wire type ${wire}`);
}

/** time.Duration's String() of nanoseconds: 1h2m3s, 500ms */
const goDuration = (ns: number): string => goDurationOf(ns / 1e6);
