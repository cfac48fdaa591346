// Patches as the apiserver applies them: JSON merge patch (RFC 7386) and strategic merge patch, where lists
// with a patch merge key (containers by name, ports by containerPort, ...) merge item by item, and JSON patch.

import { clone, hasKey, setKey } from '../api/meta';

/** Lists merged by key in a strategic merge patch (from the `patchMergeKey` tags of k8s.io/api). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  tolerations: 'key',
  topologySpreadConstraints: 'topologyKey',
  conditions: 'type',
  ownerReferences: 'uid',
  finalizers: '',
  ports: '',
};

/** JSON merge patch: objects merge, null deletes, anything else replaces. */
export function mergePatch(target: any, patch: any): any {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return clone(patch);
  const out = target && typeof target === 'object' && !Array.isArray(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else setKey(out, k, mergePatch(hasKey(out, k) ? out[k] : undefined, v));
  }
  return out;
}

/** Strategic merge patch, for the list fields kubectl apply and kubectl patch touch. */
export function strategicMergePatch(target: any, patch: any, fieldName = ''): any {
  if (patch === null || typeof patch !== 'object') return clone(patch);
  if (Array.isArray(patch)) return mergeList(fieldName, Array.isArray(target) ? target : [], patch);
  const out = target && typeof target === 'object' && !Array.isArray(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k.startsWith('$setElementOrder') || k.startsWith('$deleteFromPrimitiveList')) continue;
    const order = (patch as any)[`$setElementOrder/${k}`];
    if (v === null) delete out[k];
    else if (v && typeof v === 'object' && !Array.isArray(v) && (v as any).$patch === 'replace') {
      const { $patch, ...rest } = v as any;
      void $patch;
      setKey(out, k, clone(rest));
    } else setKey(out, k, strategicMergePatch(hasKey(out, k) ? out[k] : undefined, v, k));
    if (Array.isArray(order) && Array.isArray(out[k])) out[k] = reorder(out[k], order);
  }
  // a list whose items only moved comes with its order alone
  for (const [k, order] of Object.entries(patch)) {
    if (!k.startsWith('$setElementOrder/') || !Array.isArray(order)) continue;
    const f = k.slice('$setElementOrder/'.length);
    if (!(f in patch) && Array.isArray(out[f])) out[f] = reorder(out[f], order);
  }
  return out;
}

/** $setElementOrder: the listed items first, in the given order; the server's own items after them. */
function reorder(list: any[], order: any[]): any[] {
  const key = Object.keys(order[0] ?? {})[0];
  if (!key) return list;
  const listed = order.map((o) => list.find((x) => x?.[key] === o[key])).filter((x) => x !== undefined);
  return [...listed, ...list.filter((x) => !order.some((o) => o[key] === x?.[key]))];
}

function mergeList(fieldName: string, target: any[], patch: any[]): any[] {
  const key = mergeKeyFor(fieldName, patch);
  if (!key) return clone(patch);
  const out = clone(target);
  for (const item of patch) {
    if (item && item.$patch === 'delete') {
      const i = out.findIndex((t: any) => t?.[key] === item[key]);
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    const i = out.findIndex((t: any) => t?.[key] === item?.[key]);
    if (i >= 0) out[i] = strategicMergePatch(out[i], item);
    else out.push(clone(item));
  }
  return out;
}

export function mergeKeyFor(fieldName: string, patch: any[]): string | undefined {
  const k = MERGE_KEYS[fieldName];
  if (k === undefined) return undefined;
  if (fieldName === 'ports') {
    // container ports merge by containerPort, service ports by port
    const sample = patch.find((p) => p && typeof p === 'object');
    return sample && 'containerPort' in sample ? 'containerPort' : sample && 'port' in sample ? 'port' : undefined;
  }
  return k || undefined;
}

/** `{}` or a patch holding only directives: nothing to send (kubectl apply prints `unchanged`). */
export function isEmptyPatch(p: unknown): boolean {
  return !p || (typeof p === 'object' && Object.keys(p as object).length === 0);
}

const isMap = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * CreateThreeWayMergePatch (k8s.io/apimachinery/pkg/util/strategicpatch/patch.go): changes and additions from
 * `current` to `modified`, plus deletions of what `original` (the last applied configuration) had and
 * `modified` no longer has. Fields only the server or controllers set (in `current` alone) are kept.
 */
export function threeWayMergePatch(
  original: any,
  modified: any,
  current: any,
  fieldName = '',
  strategic = true,
): Record<string, any> {
  const patch: Record<string, any> = {};
  const orig = isMap(original) ? original : {};
  const cur = isMap(current) ? current : {};
  for (const [k, mv] of Object.entries(modified ?? {})) {
    if (mv === undefined) continue;
    const cv = hasKey(cur, k) ? cur[k] : undefined,
      ov = hasKey(orig, k) ? orig[k] : undefined;
    if (isMap(mv) && isMap(cv)) {
      const sub = threeWayMergePatch(ov, mv, cv, k, strategic);
      if (!isEmptyPatch(sub)) setKey(patch, k, sub);
    } else if (strategic && Array.isArray(mv) && Array.isArray(cv) && listKey(k, mv, cv)) {
      const key = listKey(k, mv, cv)!;
      const items: any[] = [];
      const ovList: any[] = Array.isArray(ov) ? ov : [];
      for (const item of mv) {
        const c = cv.find((x: any) => x?.[key] === item?.[key]);
        if (!c) {
          items.push(clone(item));
          continue;
        }
        const sub = threeWayMergePatch(
          ovList.find((x: any) => x?.[key] === item?.[key]),
          item,
          c,
          k,
        );
        if (!isEmptyPatch(sub)) items.push({ ...sub, [key]: item[key] });
      }
      for (const o of ovList) {
        if (!mv.some((x: any) => x?.[key] === o?.[key]) && cv.some((x: any) => x?.[key] === o?.[key]))
          items.push({ $patch: 'delete', [key]: o[key] });
      }
      const order = mv.map((x: any) => x?.[key]);
      const curOrder = cv.map((x: any) => x?.[key]).filter((x: any) => order.includes(x));
      if (items.length || !deepEq(order, curOrder)) {
        patch[`$setElementOrder/${k}`] = mv.map((x: any) => ({ [key]: x[key] }));
        if (items.length) patch[k] = items;
      }
    } else if (!deepEq(mv, cv)) setKey(patch, k, clone(mv));
  }
  for (const k of Object.keys(orig)) {
    if (!(modified && hasKey(modified, k) && modified[k] !== undefined) && hasKey(cur, k) && cur[k] !== undefined)
      setKey(patch, k, null);
  }
  void fieldName;
  return patch;
}

function listKey(field: string, a: any[], b: any[]): string | undefined {
  const sample = [...a, ...b];
  return mergeKeyFor(field, sample);
}

function deepEq(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b) || deepEqualLoose(a, b);
}
function deepEqualLoose(a: any, b: any): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined),
    kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqualLoose(a[k], b[k]));
}

// JSON patch (RFC 6902) as kube-apiserver applies it with gopkg.in/evanphx/json-patch.v4: the six operations
// on a copy, so a failing operation (a `test` that does not hold, a missing path, an unknown op) leaves the
// object as it was. The library's quirks are kept: negative array indices count from the end, `replace` of a
// missing object member adds it, and `test` of a missing member against null passes. Its error texts are the
// JsonPatchError's message; the apiserver answers every apply error with the same 422 (handlers/patch.go
// applyJSPatch), and a body that is not a list of operations with a 400 (jsonpatch.DecodePatch).

export interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'test' | 'move' | 'copy';
  path: string;
  value?: unknown;
  from?: string;
}

/** An error of the json-patch library, worded as it words them (errors.Wrapf: `<context>: <cause>`). */
export class JsonPatchError extends Error {}
/** A body that does not decode as a patch (encoding/json's text). */
export class JsonPatchDecodeError extends Error {}

const MISSING = 'missing value',
  INVALID_INDEX = 'invalid index referenced',
  TEST_FAILED = 'test failed';

/** Go's name for a JSON value's type, as encoding/json's UnmarshalTypeError says it. */
function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'boolean' ? 'bool' : typeof v === 'object' ? 'object' : typeof v;
}

/** DecodePatch: a list of operation objects. */
export function decodeJsonPatch(body: unknown): JsonPatchOp[] {
  if (!Array.isArray(body))
    throw new JsonPatchDecodeError(`json: cannot unmarshal ${jsonType(body)} into Go value of type jsonpatch.Patch`);
  for (const op of body) {
    if (op !== null && (typeof op !== 'object' || Array.isArray(op)))
      throw new JsonPatchDecodeError(
        `json: cannot unmarshal ${jsonType(op)} into Go value of type jsonpatch.Operation`,
      );
  }
  return body as JsonPatchOp[];
}

type Container = Record<string, unknown> | unknown[];
const isContainer = (v: unknown): v is Container => !!v && typeof v === 'object';
const own = hasKey;
const setMember = setKey;

/** RFC 6901: `~1` is `/`, then `~0` is `~`. */
const decodeKey = (k: string): string => k.replace(/~1/g, '/').replace(/~0/g, '~');

/** findObject: the container that holds the path's last segment, and that segment; undefined if a parent is missing. */
function findObject(doc: Container, path: string): [Container, string] | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let at: unknown = doc;
  for (const part of split.slice(1, -1)) {
    const next = get(at as Container, decodeKey(part));
    if (next.error || !isContainer(next.value)) return undefined;
    at = next.value;
  }
  return [at as Container, decodeKey(split[split.length - 1])];
}

/** strconv.Atoi's text for a segment that is not an index. */
function atoi(key: string): number | string {
  if (/^[+-]?\d+$/.test(key)) {
    const n = Number(key);
    return Number.isSafeInteger(n) ? n : `strconv.Atoi: parsing ${JSON.stringify(key)}: value out of range`;
  }
  return `strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`;
}

/** get: a member (absent is undefined, no error) or an array item (an index error). */
function get(c: Container, key: string): { value?: unknown; error?: string } {
  if (!Array.isArray(c)) return { value: own(c, key) ? c[key] : undefined };
  const idx = atoi(key);
  if (typeof idx === 'string') return { error: idx };
  if (idx >= c.length) return { error: `Unable to access invalid index: ${idx}: ${INVALID_INDEX}` };
  const i = idx < 0 ? idx + c.length : idx;
  if (i < 0) return { error: `Unable to access invalid index: ${idx}: ${INVALID_INDEX}` };
  return { value: c[i] };
}
const has = (c: Container, key: string): boolean => (Array.isArray(c) ? get(c, key).error === undefined : own(c, key));

function add(c: Container, key: string, value: unknown, path: string, context: string): void {
  if (!Array.isArray(c)) {
    setMember(c, key, value);
    return;
  }
  if (key === '-') {
    c.push(value);
    return;
  }
  const idx = atoi(key);
  if (typeof idx === 'string')
    throw new JsonPatchError(`${context}: value was not a proper array index: '${key}': ${idx}`);
  const size = c.length + 1;
  if (idx >= size || idx < -size)
    throw new JsonPatchError(`${context}: Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
  c.splice(idx < 0 ? idx + size : idx, 0, value);
  void path;
}

function remove(c: Container, key: string): string | undefined {
  if (!Array.isArray(c)) {
    if (!own(c, key)) return `Unable to remove nonexistent key: ${key}: ${MISSING}`;
    delete c[key];
    return undefined;
  }
  const idx = atoi(key);
  if (typeof idx === 'string') return idx;
  if (idx >= c.length || idx < -c.length) return `Unable to access invalid index: ${idx}: ${INVALID_INDEX}`;
  c.splice(idx < 0 ? idx + c.length : idx, 1);
  return undefined;
}

/** A field of the operation that must be a string (`path`, `from`): undefined when absent or null. */
function str(op: any, field: 'path' | 'from'): string | undefined {
  const v = op?.[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string')
    throw new JsonPatchError(`json: cannot unmarshal ${jsonType(v)} into Go value of type string`);
  return v;
}

/** lazyNode.equal: JSON equality, member order aside. */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isContainer(a) || !isContainer(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => equal(x, (b as unknown[])[i]));
  const ka = Object.keys(a),
    kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => own(b, k) && equal((a as any)[k], (b as any)[k]));
}

/** A deep copy that keeps every key, `__proto__` and `constructor` included. */
export function jsonCopy<T>(v: T): T {
  if (!isContainer(v)) return v;
  if (Array.isArray(v)) return v.map(jsonCopy) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) setMember(out, k, jsonCopy((v as any)[k]));
  return out as T;
}

function applyOne(doc: Container, op: any): void {
  const kind = typeof op?.op === 'string' ? op.op : 'unknown';
  switch (kind) {
    case 'add': {
      const path = str(op, 'path');
      if (path === undefined) throw new JsonPatchError(`add operation failed to decode path: ${MISSING}`);
      const found = findObject(doc, path);
      if (!found) throw new JsonPatchError(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
      add(found[0], found[1], jsonCopy(op.value ?? null), path, `error in add for path: '${path}'`);
      return;
    }
    case 'remove': {
      const path = str(op, 'path');
      if (path === undefined) throw new JsonPatchError(`remove operation failed to decode path: ${MISSING}`);
      const found = findObject(doc, path);
      if (!found)
        throw new JsonPatchError(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
      const err = remove(found[0], found[1]);
      if (err) throw new JsonPatchError(`error in remove for path: '${path}': ${err}`);
      return;
    }
    case 'replace': {
      const path = str(op, 'path');
      if (path === undefined)
        throw new JsonPatchError(`replace operation failed to decode path: operation missing path field: ${MISSING}`);
      const found = findObject(doc, path);
      if (!found)
        throw new JsonPatchError(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
      const [c, key] = found;
      if (get(c, key).error)
        throw new JsonPatchError(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
      const value = jsonCopy(op.value ?? null);
      if (Array.isArray(c)) {
        const i = Number(key);
        c[i < 0 ? i + c.length : i] = value;
      } else setMember(c, key, value);
      return;
    }
    case 'move':
    case 'copy': {
      const from = str(op, 'from');
      if (from === undefined)
        throw new JsonPatchError(`${kind} operation failed to decode from: operation, missing from field: ${MISSING}`);
      const src = findObject(doc, from);
      if (!src)
        throw new JsonPatchError(`${kind} operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
      const got = get(src[0], src[1]);
      if (got.error)
        throw new JsonPatchError(
          kind === 'move'
            ? `error in move for path: '${src[1]}': ${got.error}`
            : `error in copy for from: '${from}': ${got.error}`,
        );
      if (kind === 'move') {
        const err = remove(src[0], src[1]);
        if (err) throw new JsonPatchError(`error in move for path: '${src[1]}': ${err}`);
      }
      const path = str(op, 'path');
      if (path === undefined)
        throw new JsonPatchError(
          kind === 'move'
            ? `move operation failed to decode path: operation missing path field: ${MISSING}`
            : `copy operation failed to decode path: ${MISSING}`,
        );
      const dst = findObject(doc, path);
      if (!dst)
        throw new JsonPatchError(
          `${kind} operation does not apply: doc is missing destination path: ${path}: ${MISSING}`,
        );
      add(
        dst[0],
        dst[1],
        kind === 'copy' ? jsonCopy(got.value ?? null) : (got.value ?? null),
        path,
        kind === 'move' ? `error in move for path: '${path}'` : 'error while adding value during copy',
      );
      return;
    }
    case 'test': {
      const path = str(op, 'path');
      if (path === undefined)
        throw new JsonPatchError(`test operation failed to decode path: operation missing path field: ${MISSING}`);
      const found = findObject(doc, path);
      if (!found) throw new JsonPatchError(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
      const got = get(found[0], found[1]);
      if (got.error) throw new JsonPatchError(`error in test for path: '${path}': ${got.error}`);
      const present = has(found[0], found[1]) && got.value !== null;
      const wanted = op && own(op, 'value') ? op.value : undefined;
      // a missing or null member equals only a null value; a value left out equals nothing
      const ok = !present ? wanted === null : wanted !== undefined && equal(got.value, wanted);
      if (!ok) throw new JsonPatchError(`testing value ${path} failed: ${TEST_FAILED}`);
      return;
    }
    default:
      throw new JsonPatchError(`Unexpected kind: ${kind}`);
  }
}

/** Applies the patch to a copy of the document: the patched copy, or a JsonPatchError and nothing changed. */
export function applyJsonPatch<T>(target: T, ops: unknown): T {
  const decoded = decodeJsonPatch(ops);
  const doc = jsonCopy(target) as unknown as Container;
  for (const op of decoded) applyOne(doc, op);
  return doc as unknown as T;
}
