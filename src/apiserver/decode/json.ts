// The API server's JSON decoding of a request body into the kind's Go type, as sigs.k8s.io/json's UnmarshalStrict
// does it (a fork of encoding/json; internal/golang/encoding/json/decode.go): case-sensitive field names, unknown
// fields collected as strict errors, and a value of the wrong JSON type refused with the first
// UnmarshalTypeError (`json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type
// int32`). Type errors are saved and decoding goes on; an error from a type's own UnmarshalJSON (a Quantity, a
// Time) ends it at once and wins, as in decode.go's unmarshal.
//
// The result is the value Go would hold, written back as JSON: unknown fields dropped, null struct fields absent,
// null list and map items their type's zero value, quantities as strings. Keys are visited in sorted order, the
// order of the JSON kubectl sends (sigs.k8s.io/yaml sorts them).

import type { GoType } from './types';
import { base64ErrorOffset, durationError, jsonNumber, timeParseError } from './go-text';
import { QuantityError, parseQuantityExact } from '../../api/quantity';
import { setKey } from '../../api/meta';

export interface Decoded {
  value: unknown;
  unknown: string[];
  error?: string;
}

/** An error that ends decoding (returned by an UnmarshalJSON, or a syntax-level one). */
class Abort {
  constructor(readonly message: string) {}
}

interface Ctx {
  struct: string;
  stack: string[];
}

/** ParseQuantity's error for a quantity's text (ErrFormatWrong, ErrSuffix, ErrNumeric), or undefined. */
export function quantityError(text: string): string | undefined {
  try {
    parseQuantityExact(text);
    return undefined;
  } catch (e) {
    if (e instanceof QuantityError) return e.message;
    throw e;
  }
}

/** What JSON value a JS value is, as the decoder names it in an UnmarshalTypeError. */
export function jsonKind(v: unknown): 'null' | 'bool' | 'number' | 'string' | 'array' | 'object' {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  return Array.isArray(v) ? 'array' : 'object';
}

export function typeError(value: string, type: string, ctx: Ctx | undefined): string {
  return ctx && (ctx.struct || ctx.stack.length)
    ? `json: cannot unmarshal ${value} into Go struct field ${ctx.struct}.${ctx.stack.join('.')} of type ${type}`
    : `json: cannot unmarshal ${value} into Go value of type ${type}`;
}

/** Whether a number fits a Go integer type. */
export function fitsInt(n: number, bits: number, unsigned: boolean): boolean {
  if (!Number.isInteger(n)) return false;
  return unsigned ? n >= 0 && n < 2 ** bits : n >= -(2 ** (bits - 1)) && n < 2 ** (bits - 1);
}

class Decoder {
  saved?: string;
  unknown: string[] = [];
  /** keys in sorted order (the order of errors); the first pass takes them as they come, and builds no paths or
   *  contexts for messages (any error or unknown field has the sorted pass decode again and report), which is faster */
  constructor(
    private readonly shareFrozen: boolean,
    private readonly sorted: boolean,
  ) {}

  keys(o: object): string[] {
    return this.sorted ? sortedKeys(o) : Object.keys(o);
  }

  save(message: string): void {
    if (this.saved === undefined) this.saved = message;
  }

  /** Decodes v as t; undefined means the field is absent (a nil pointer, a null). */
  value(v: unknown, t: GoType, ctx: Ctx | undefined, path: string): unknown {
    if (t.k === 'ptr') return v === null || v === undefined ? undefined : this.value(v, t.of, ctx, path);
    if (v === null || v === undefined) return undefined;
    if (this.shareFrozen && typeof v === 'object' && Object.isFrozen(v)) return v; // a stored value: decoded when it was written
    const kind = jsonKind(v);
    switch (t.k) {
      case 'any':
        return v;
      case 'string':
        if (kind === 'string') return v;
        this.save(typeError(kind, t.name, ctx));
        return undefined;
      case 'bool':
        if (kind === 'bool') return v;
        this.save(typeError(kind, t.name, ctx));
        return undefined;
      case 'int':
        if (kind === 'number' && fitsInt(v as number, t.bits, t.unsigned)) return v;
        this.save(typeError(kind === 'number' ? `number ${jsonNumber(v as number)}` : kind, t.name, ctx));
        return undefined;
      case 'float':
        if (kind === 'number') return v;
        this.save(typeError(kind, t.name, ctx));
        return undefined;
      case 'bytes':
        if (kind === 'string') {
          const at = base64ErrorOffset(v as string);
          if (at !== undefined) this.save(`illegal base64 data at input byte ${at}`);
          return v;
        }
        if (kind === 'array') {
          const bytes = (v as unknown[]).map((b) =>
            this.value(b, { k: 'int', name: 'uint8', bits: 8, unsigned: true }, ctx, path),
          );
          return Buffer.from(bytes.map((b) => (typeof b === 'number' ? b : 0))).toString('base64');
        }
        this.save(typeError(kind, t.name, ctx));
        return undefined;
      case 'quantity': {
        // Quantity.UnmarshalJSON parses the JSON text itself: a number's digits, a string's contents
        const text =
          kind === 'string' ? (v as string).trim() : kind === 'number' ? jsonNumber(v as number) : JSON.stringify(v);
        const err = quantityError(text);
        if (err) throw new Abort(err);
        return kind === 'string' ? v : text;
      }
      case 'intstr':
        // IntOrString.UnmarshalJSON: a string, else json.Unmarshal into the int32; its error ends decoding
        if (kind === 'string') return v;
        if (kind === 'number' && fitsInt(v as number, 32, false)) return v;
        throw new Abort(typeError(kind === 'number' ? `number ${jsonNumber(v as number)}` : kind, 'int32', ctx));
      case 'time':
      case 'microtime': {
        if (kind !== 'string') throw new Abort(typeError(kind, 'string', ctx));
        const err = timeParseError(v as string, t.k === 'microtime');
        if (err) throw new Abort(err);
        return v;
      }
      case 'duration': {
        if (kind !== 'string') throw new Abort(typeError(kind, 'string', ctx));
        const err = durationError(v as string);
        if (err) throw new Abort(err);
        return v;
      }
      case 'slice': {
        if (kind !== 'array') {
          this.save(typeError(kind, t.name, ctx));
          return undefined;
        }
        const a = v as unknown[];
        const out = new Array(a.length);
        for (let i = 0; i < a.length; i++) {
          const x = this.value(a[i], t.of, ctx, this.sorted ? `${path}[${i}]` : '');
          out[i] = x === undefined ? zero(t.of) : x;
        }
        return out;
      }
      case 'map': {
        if (kind !== 'object') {
          this.save(typeError(kind, t.name, ctx));
          return undefined;
        }
        const out: Record<string, unknown> = {};
        for (const k of this.keys(v as object)) {
          const x = this.value((v as any)[k], t.of, ctx, this.sorted ? (path ? `${path}.${k}` : k) : '');
          setKey(out, k, x === undefined ? zero(t.of) : x);
        }
        return this.sorted ? inOrderOf(v as object, out) : out;
      }
      case 'struct': {
        if (kind !== 'object') {
          this.save(typeError(kind, t.name, ctx));
          return undefined;
        }
        const fields = t.fields();
        const out: Record<string, unknown> = {};
        for (const k of this.keys(v as object)) {
          // paths and contexts are for the messages, which only the sorted pass reports (decodeJSON)
          const p = this.sorted ? (path ? `${path}.${k}` : k) : '';
          const f = fields.get(k);
          if (!f) {
            this.unknown.push(p);
            continue;
          }
          const x = this.value(
            (v as any)[k],
            f,
            this.sorted
              ? { struct: t.name.slice(t.name.indexOf('.') + 1), stack: ctx ? [...ctx.stack, k] : [k] }
              : undefined,
            p,
          );
          if (x !== undefined) setKey(out, k, x);
          else if ((v as any)[k] === null && t.keepsNull(k) && isNilable(f)) setKey(out, k, null); // written back as null (no omitempty)
        }
        return this.sorted ? inOrderOf(v as object, out) : out;
      }
    }
  }
}

function isNilable(t: GoType): boolean {
  return (
    t.k === 'ptr' ||
    t.k === 'slice' ||
    t.k === 'map' ||
    t.k === 'any' ||
    t.k === 'bytes' ||
    t.k === 'time' ||
    t.k === 'microtime'
  );
}

/** The zero value Go gives a null list or map item. */
function zero(t: GoType): unknown {
  switch (t.k) {
    case 'string':
    case 'bytes':
      return '';
    case 'int':
    case 'float':
    case 'intstr':
      return 0;
    case 'bool':
      return false;
    case 'quantity':
      return '0';
    case 'struct':
      return {};
    default:
      return null;
  }
}

function sortedKeys(o: object): string[] {
  const keys = Object.keys(o);
  return keys.length > 1 ? keys.sort() : keys;
}

/** The decoded fields in the order the client wrote them (they were visited sorted, the order errors come in). */
function inOrderOf(input: object, out: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(out);
  let i = 0,
    sorted = true;
  for (const k of Object.keys(input)) {
    if (Object.hasOwn(out, k) && keys[i++] !== k) {
      sorted = false;
      break;
    }
  }
  if (sorted) return out;
  const ordered: Record<string, unknown> = {};
  for (const k of Object.keys(input)) if (Object.hasOwn(out, k)) setKey(ordered, k, out[k]);
  return ordered;
}

/**
 * Decodes a body (a JSON object as JS values) into a Go struct type. shareFrozen: stored (frozen) subtrees are kept
 * as they are, for writes built from a stored object.
 */
export function decodeJSON(body: unknown, t: GoType, opts: { shareFrozen?: boolean } = {}): Decoded {
  // most bodies are clean: decoded in their own key order; one with an error or an unknown field is decoded again in
  // sorted order, for the error (and the list) the server reports
  const first = run(new Decoder(!!opts.shareFrozen, false), body, t);
  return first.error === undefined && !first.unknown.length
    ? first
    : run(new Decoder(!!opts.shareFrozen, true), body, t);
}

function run(d: Decoder, body: unknown, t: GoType): Decoded {
  try {
    const value = d.value(body, t, undefined, '');
    return { value, unknown: d.unknown, error: d.saved };
  } catch (e) {
    if (e instanceof Abort) return { value: undefined, unknown: d.unknown, error: e.message };
    throw e;
  }
}

/**
 * What decodeJSON's first pass gives a body known to be well typed (a write the model's own code built from stored
 * objects), without its checks: unknown fields and null or undefined struct fields dropped (kept as null where the
 * Go field has no omitempty and can be nil), null list and map items their zero value, a quantity's number as its
 * text. Frozen subtrees are shared with shareFrozen. test/trusted-writes.test.ts compares the two.
 */
export function copyAsDecoded(v: unknown, t: GoType, shareFrozen: boolean): unknown {
  if (t.k === 'ptr') return v === null || v === undefined ? undefined : copyAsDecoded(v, t.of, shareFrozen);
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'object') return t.k === 'quantity' && typeof v === 'number' ? jsonNumber(v) : v;
  if (shareFrozen && Object.isFrozen(v)) return v;
  switch (t.k) {
    case 'struct': {
      const fields = t.fields();
      const out: Record<string, unknown> = {};
      for (const k in v) {
        const f = fields.get(k);
        if (!f) continue;
        const raw = (v as any)[k];
        const x = copyAsDecoded(raw, f, shareFrozen);
        if (x !== undefined) setKey(out, k, x);
        else if (raw === null && t.keepsNull(k) && isNilable(f)) setKey(out, k, null);
      }
      return out;
    }
    case 'slice': {
      const a = v as unknown[],
        out = new Array(a.length);
      for (let i = 0; i < a.length; i++) {
        const x = copyAsDecoded(a[i], t.of, shareFrozen);
        out[i] = x === undefined ? zero(t.of) : x;
      }
      return out;
    }
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const k in v) {
        const x = copyAsDecoded((v as any)[k], t.of, shareFrozen);
        setKey(out, k, x === undefined ? zero(t.of) : x);
      }
      return out;
    }
    default:
      return t.k === 'any' ? v : new Decoder(shareFrozen, false).value(v, t, undefined, ''); // bytes as a list
  }
}
