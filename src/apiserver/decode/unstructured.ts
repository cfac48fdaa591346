// The conversion a strategic merge patch's result goes through: the API server applies the patch to the object
// as a map, then converts the map into the Go type with runtime.DefaultUnstructuredConverter.FromUnstructured
// (k8s.io/apimachinery/pkg/runtime/converter.go), which has its own errors (`unrecognized type: int32`, `cannot
// restore struct from: string`) and converts integers between widths as Go's reflect Convert does (an int64 too
// big for an int32 wraps around). Fields are visited in the struct's order; the first error ends it.

import type { GoType } from './types';
import { jsonKind, fitsInt, quantityError, type Decoded } from './json';
import { setKey } from '../../api/meta';
import { base64ErrorOffset, jsonNumber, timeParseError, durationError } from './go-text';

class ConvertError {
  constructor(readonly message: string) {}
}

/** The Go kind of a value of a map decoded from JSON with PreserveInts: int64 for integers, float64 otherwise. */
function sourceKind(v: unknown): string {
  switch (jsonKind(v)) {
    case 'bool':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return fitsInt(v as number, 64, false) ? 'int64' : 'float64';
    case 'array':
      return 'slice';
    case 'object':
      return 'map';
    default:
      return 'invalid';
  }
}

/** reflect.Kind of a scalar Go type. */
function targetKind(t: GoType): string {
  return t.k === 'int' ? `${t.unsigned ? 'u' : ''}int${t.bits}` : t.k === 'float' ? 'float64' : t.k;
}

/**
 * Go's integer conversion: an int64 wraps modulo 2^bits; a float64 out of the target's range becomes its minimum
 * (what amd64's conversion instruction gives).
 */
function wrap(n: number, bits: number, unsigned: boolean, fromFloat = false): number {
  const min = unsigned ? 0 : -(2 ** (bits - 1)),
    max = unsigned ? 2 ** bits : 2 ** (bits - 1);
  if (n >= min && n < max) return n;
  if (fromFloat || bits >= 53) return unsigned ? 0 : min;
  const m = 2 ** bits;
  let r = ((n % m) + m) % m;
  if (!unsigned && r >= m / 2) r -= m;
  return r;
}

class Converter {
  unknown: string[] = [];

  value(v: unknown, t: GoType, path: string): unknown {
    if (v === null || v === undefined) return undefined;
    const sk = sourceKind(v);
    switch (t.k) {
      case 'ptr':
        return this.value(v, t.of, path);
      case 'any':
        return v;
      case 'string':
        if (sk === 'string') return v;
        throw new ConvertError(sk === 'int64' ? `cannot convert int64 to ${t.name}` : `unrecognized type: string`);
      case 'bool':
        if (sk === 'bool') return v;
        throw new ConvertError('unrecognized type: bool');
      case 'int':
        if (sk === 'int64') return wrap(v as number, t.bits, t.unsigned);
        if (sk === 'float64') {
          if (Number.isInteger(v)) return wrap(v as number, t.bits, t.unsigned, true);
          throw new ConvertError(`cannot convert float64 to ${t.name}`);
        }
        throw new ConvertError(`unrecognized type: ${targetKind(t)}`);
      case 'float':
        if (sk === 'int64' || sk === 'float64') return v;
        throw new ConvertError(`unrecognized type: ${targetKind(t)}`);
      // types with UnmarshalJSON get the value as JSON (structured-merge-diff's reflect cache)
      case 'quantity': {
        const text =
          sk === 'string'
            ? (v as string).trim()
            : sk === 'int64' || sk === 'float64'
              ? jsonNumber(v as number)
              : JSON.stringify(v);
        const err = quantityError(text);
        if (err) throw new ConvertError(err);
        return sk === 'string' ? v : text;
      }
      case 'intstr':
        if (sk === 'string') return v;
        if (sk === 'int64' && fitsInt(v as number, 32, false)) return v;
        throw new ConvertError(
          `json: cannot unmarshal ${sk === 'int64' || sk === 'float64' ? `number ${jsonNumber(v as number)}` : jsonKind(v)} into Go value of type int32`,
        );
      case 'time':
      case 'microtime':
      case 'duration': {
        if (sk !== 'string')
          throw new ConvertError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type string`);
        const err = t.k === 'duration' ? durationError(v as string) : timeParseError(v as string, t.k === 'microtime');
        if (err) throw new ConvertError(err);
        return v;
      }
      case 'bytes':
        if (sk === 'string') {
          const at = base64ErrorOffset(v as string);
          if (at !== undefined)
            throw new ConvertError(`error decoding from json: illegal base64 data at input byte ${at}`);
          return v;
        }
        throw new ConvertError(`cannot restore slice from ${sk}`);
      case 'slice': {
        if (sk !== 'slice') throw new ConvertError(`cannot restore slice from ${sk}`);
        return (v as unknown[]).map((x, i) => this.value(x, t.of, `${path}[${i}]`) ?? null);
      }
      case 'map': {
        if (sk !== 'map') throw new ConvertError(`cannot restore map from ${sk}`);
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v as object))
          setKey(out, k, this.value(x, t.of, path ? `${path}.${k}` : k) ?? null);
        return out;
      }
      case 'struct': {
        if (sk !== 'map') throw new ConvertError(`cannot restore struct from: ${sk}`);
        const fields = t.fields();
        const out: Record<string, unknown> = {};
        for (const [k, f] of fields) {
          const x = Object.hasOwn(v, k) ? (v as any)[k] : undefined;
          if (x === undefined) continue;
          const d = this.value(x, f, path ? `${path}.${k}` : k);
          if (d !== undefined) setKey(out, k, d);
        }
        for (const k of Object.keys(v as object).sort())
          if (!fields.has(k)) this.unknown.push(path ? `${path}.${k}` : k);
        return out;
      }
    }
  }
}

/** FromUnstructuredWithValidation: the typed value of a patched map, the unknown fields, or the first error. */
export function fromUnstructured(map: unknown, t: GoType): Decoded {
  const c = new Converter();
  try {
    return { value: c.value(map, t, ''), unknown: c.unknown };
  } catch (e) {
    if (e instanceof ConvertError) return { value: undefined, unknown: c.unknown, error: e.message };
    throw e;
  }
}
