// Seeded randomness: one generator per cluster, so names, IPs and tie-breaks repeat run after run.

export class Rng {
  /** sfc32's state as unsigned 32-bit words (a typed array keeps them unboxed) */
  private readonly s = new Uint32Array(4);

  constructor(seed: string | number = 'kspec') {
    const h = typeof seed === 'number' ? seed >>> 0 : fnv1a32(seed);
    this.s[0] = h;
    this.s[1] = 0x9e3779b9;
    this.s[2] = 0x243f6a88;
    this.s[3] = h ^ 0x85a308d3;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** sfc32: a float in [0, 1). */
  next(): number {
    const s = this.s;
    let a = s[0],
      b = s[1],
      c = s[2],
      d = s[3];
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** n characters drawn from the alphabet (k8s.io/apimachinery/pkg/util/rand.String uses bcdfghjklmnpqrstvwxz2456789). */
  string(n: number, alphabet = ALPHANUMS): string {
    const codes = new Array<number>(n);
    for (let i = 0; i < n; i++) codes[i] = alphabet.charCodeAt(this.int(alphabet.length));
    return String.fromCharCode.apply(null, codes);
  }

  /** Lower-case hex digits, for uids and event name suffixes. */
  hex(n: number): string {
    return this.string(n, HEX);
  }

  /** A version-4 UUID: 32 hex draws, of which the version and variant nibbles are replaced (the variant drawn last). */
  uuid(): string {
    const u = UUID;
    for (let i = 0, j = 0; i < 32; i++, j++) {
      if (i === 8 || i === 12 || i === 16 || i === 20) j++; // the dashes
      u[j] = HEX_CODES[this.int(16)];
    }
    u[14] = 0x34; // '4'
    u[19] = VARIANT_CODES[this.int(4)];
    return String.fromCharCode.apply(null, u);
  }
}

const HEX = '0123456789abcdef';
const HEX_CODES = Array.from(HEX, (c) => c.charCodeAt(0));
const VARIANT_CODES = Array.from('89ab', (c) => c.charCodeAt(0));
/** a scratch buffer: the dashes of a uuid stay where they are */
const UUID: number[] = Array.from('xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', (c) => c.charCodeAt(0));

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
