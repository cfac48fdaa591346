// controller.ComputeHash (pkg/controller/controller_utils.go): FNV-32a over the pod template, then the
// collisionCount as 8 little-endian bytes, rendered with rand.SafeEncodeString.
// Go hashes dump.ForHash(template), a rendering we cannot reproduce bit for bit; a canonical JSON (sorted keys)
// keeps the property that matters: the same template gives the same hash, any change gives another.

import { ALPHANUMS } from '../../runtime/random';
import { canonicalJSON } from '../../util/json';

export { canonicalJSON };

const FNV_OFFSET = 0x811c9dc5,
  FNV_PRIME = 0x01000193;

function fnv32a(h: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME) >>> 0;
  return h >>> 0;
}

/** rand.SafeEncodeString: each character c becomes alphanums[c % 27], so digits map into 4-9 and b,c,d,f. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

export function computeHash(template: unknown, collisionCount?: number | null): string {
  let h = fnv32a(FNV_OFFSET, Buffer.from(canonicalJSON(template, true), 'utf8'));
  if (collisionCount !== undefined && collisionCount !== null) {
    const buf = new Uint8Array(8);
    new DataView(buf.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(h, buf);
  }
  return safeEncodeString(String(h));
}
