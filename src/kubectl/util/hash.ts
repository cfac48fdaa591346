// staging/src/k8s.io/kubectl/pkg/util/hash/hash.go: the `--append-hash` suffix of create configmap and create
// secret generic. The object's kind, name and data (and a Secret's type) are encoded as Go's json.Marshal does
// (map keys sorted, <, > and & escaped), hashed with sha256, and the first 10 hex digits made safe for names
// (0->g, 1->h, 3->k, a->m, e->t).

import { createHash } from 'node:crypto';
import { sortKeys } from '../../util/json';

/** json.Marshal of maps: keys sorted at every level, HTML characters and U+2028/2029 escaped. */
export function goJson(v: unknown): string {
  return JSON.stringify(sortKeys(v) ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const SAFE: Record<string, string> = { 0: 'g', 1: 'h', 3: 'k', a: 'm', e: 't' };

/** encodeHash(hash(encoded)) */
export function encodeHash(encoded: string): string {
  return createHash('sha256')
    .update(encoded, 'utf8')
    .digest('hex')
    .slice(0, 10)
    .replace(/[013ae]/g, (c) => SAFE[c]);
}

/** ConfigMapHash: {"data":…,"kind":"ConfigMap","name":…}, with binaryData when there is some. */
export function configMapHash(cm: {
  metadata: { name?: string };
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}): string {
  const m: Record<string, unknown> = { kind: 'ConfigMap', name: cm.metadata.name ?? '', data: cm.data ?? null };
  if (cm.binaryData && Object.keys(cm.binaryData).length) m.binaryData = cm.binaryData;
  return encodeHash(goJson(m));
}

/** SecretHash: {"data":…,"kind":"Secret","name":…,"type":…}; data holds the base64 values, as []byte marshals. */
export function secretHash(s: { metadata: { name?: string }; type?: string; data?: Record<string, string> }): string {
  return encodeHash(goJson({ kind: 'Secret', type: s.type ?? '', name: s.metadata.name ?? '', data: s.data ?? null }));
}
