// Seeded randomness: one generator per cluster, so names, IPs and tie-breaks repeat run after run.

export class Rng {
  private a: number; private b: number; private c: number; private d: number;

  constructor(seed: string | number = 'kspec') {
    const h = typeof seed === 'number' ? seed >>> 0 : fnv1a32(seed);
    this.a = h; this.b = 0x9e3779b9; this.c = 0x243f6a88; this.d = h ^ 0x85a308d3;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** sfc32: a float in [0, 1). */
  next(): number {
    this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number { return Math.floor(this.next() * n); }

  /** n characters drawn from the alphabet (k8s.io/apimachinery/pkg/util/rand.String uses bcdfghjklmnpqrstvwxz2456789). */
  string(n: number, alphabet = ALPHANUMS): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }

  /** Lower-case hex digits, for uids and event name suffixes. */
  hex(n: number): string { return this.string(n, '0123456789abcdef'); }

  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.int(4)]}${h.slice(17, 20)}-${h.slice(20)}`;
  }
}

/** The alphabet of k8s.io/apimachinery/pkg/util/rand: no vowels, no 0, 1 or 3. */
export const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
