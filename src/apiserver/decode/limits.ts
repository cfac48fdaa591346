// What the API server refuses before it decodes a body, and what etcd refuses after: a body over 3 MiB
// (apiserver's MaxRequestBodyBytes: `Request entity too large: limit is 3145728`), JSON nested too deep,
// values JSON cannot carry (a client's json.Marshal fails on NaN and
// ±Inf), and a stored object over etcd's request limit (1.5 MiB, `etcdserver: request is too large`).
// One walk without recursion, so no input can exhaust the stack; stored (frozen) subtrees are measured once.

export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;
export const MAX_ETCD_REQUEST_BYTES = 1.5 * 1024 * 1024;
/**
 * encoding/json's scanner and go-yaml stop at 10000 levels; the model stops at 1000, below what its recursive
 * parts (js-yaml's parser, deep copies) can take on Node's stack (docs/fidelity.md).
 */
export const MAX_DEPTH = 1000;

export interface BodyFacts {
  /** the body's size as JSON, in bytes */
  bytes: number;
  /** the first value JSON cannot carry, as encoding/json names it (`json: unsupported value: NaN`) */
  unsupported?: string;
  /** nested deeper than the scanner allows */
  tooDeep?: boolean;
}

const frozenSizes = new WeakMap<object, number>();

function scalarBytes(v: unknown): number {
  if (typeof v === 'string') return Buffer.byteLength(v, 'utf8') + 2;
  if (typeof v === 'number') return String(v).length;
  if (typeof v === 'boolean') return v ? 4 : 5;
  return 4; // null
}

/** Measures a body as the JSON a client would send, without recursion. */
export function measure(body: unknown): BodyFacts {
  const facts: BodyFacts = { bytes: 0 };
  // each frame: a container, its keys (for objects), the next index, its depth, and its size so far
  type Frame = { o: any; keys?: string[]; i: number; depth: number; start: number; frozen: boolean };
  const stack: Frame[] = [];
  const enter = (v: unknown, depth: number): void => {
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'number' && !Number.isFinite(v))
        facts.unsupported ??= `json: unsupported value: ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'}`;
      else if (typeof v === 'bigint' || typeof v === 'function' || typeof v === 'symbol')
        facts.unsupported ??= `json: unsupported type: ${typeof v === 'bigint' ? 'big.Int' : 'func()'}`;
      facts.bytes += scalarBytes(v);
      return;
    }
    const known = frozenSizes.get(v);
    if (known !== undefined) {
      facts.bytes += known;
      return;
    }
    if (depth >= MAX_DEPTH) {
      facts.tooDeep = true;
      return;
    }
    stack.push({
      o: v,
      keys: Array.isArray(v) ? undefined : Object.keys(v),
      i: 0,
      depth,
      start: facts.bytes,
      frozen: Object.isFrozen(v),
    });
    facts.bytes += 2; // brackets
  };
  enter(body, 0);
  while (stack.length && !facts.tooDeep) {
    const f = stack[stack.length - 1];
    const n = f.keys ? f.keys.length : f.o.length;
    if (f.i >= n) {
      stack.pop();
      if (f.frozen) frozenSizes.set(f.o, facts.bytes - f.start);
      continue;
    }
    const i = f.i++;
    if (i > 0) facts.bytes += 1; // comma
    if (f.keys) {
      const k = f.keys[i];
      const v = f.o[k];
      if (v === undefined) continue;
      facts.bytes += Buffer.byteLength(k, 'utf8') + 3;
      enter(v, f.depth + 1);
    } else enter(f.o[i] === undefined ? null : f.o[i], f.depth + 1);
  }
  return facts;
}

/** How deep a YAML value nests, and how much of it an alias expanded, for go-yaml's two limits. */
export function yamlLimitError(doc: unknown): string | undefined {
  // go-yaml (v2, sigs.k8s.io/yaml) refuses a document whose decoding comes mostly from alias expansion
  // (decode.go allowedAliasRatio: "document contains excessive aliasing"). js-yaml shares an aliased node, so a node
  // met again is an alias; walking in document order, the count is checked as go-yaml checks it, at every node.
  const seen = new Set<object>();
  let decodes = 0,
    aliased = 0;
  type Frame = { items: unknown[]; i: number; alias: boolean };
  const stack: Frame[] = [];
  const visit = (v: unknown, inAlias: boolean): string | undefined => {
    decodes++;
    if (inAlias) aliased++;
    if (aliased > 100 && decodes > 1000 && aliased / decodes > allowedAliasRatio(decodes))
      return 'yaml: document contains excessive aliasing';
    if (v === null || typeof v !== 'object') return undefined;
    let alias = inAlias;
    if (seen.has(v)) alias = true;
    else seen.add(v);
    if (stack.length >= MAX_DEPTH) return `yaml: exceeded max depth of ${MAX_DEPTH}`;
    // a mapping decodes its keys too
    const items = Array.isArray(v) ? v : Object.entries(v).flatMap(([k, x]) => [k, x]);
    stack.push({ items, i: 0, alias });
    return undefined;
  };
  let err = visit(doc, false);
  while (!err && stack.length) {
    const f = stack[stack.length - 1];
    if (f.i >= f.items.length) {
      stack.pop();
      continue;
    }
    err = visit(f.items[f.i++], f.alias);
  }
  return err;
}

function allowedAliasRatio(decodes: number): number {
  if (decodes <= 400_000) return 0.99;
  if (decodes >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodes - 400_000) / 3_600_000);
}
