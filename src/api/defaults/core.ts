// Namespace, Node, Secret, Endpoints defaults (pkg/apis/core/v1/defaults.go, conversion.go) and the namespace
// strategy's spec.finalizers (pkg/registry/core/namespace/strategy.go PrepareForCreate).
import { badRequest } from '../errors';

export function defaultNamespace(ns: any, create: boolean): void {
  const name = ns.metadata?.name;
  // SetDefaults_Namespace: the immutable name label (NamespaceDefaultLabelName)
  if (name) ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
  if (create) ns.spec = { ...(ns.spec ?? {}), finalizers: ['kubernetes'] };
  const status = ns.status ?? (ns.status = {});
  if (!status.phase) status.phase = 'Active';
}

export function defaultNode(node: any): void {
  const status = node.status;
  if (status?.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
}

export function defaultEndpoints(ep: any): void {
  for (const ss of ep.subsets ?? []) for (const p of ss?.ports ?? []) if (p && !p.protocol) p.protocol = 'TCP';
}

/**
 * SetDefaults_Secret (type Opaque) and the v1 conversion: stringData is merged into data (base64) and
 * dropped; data that is not base64 fails decoding as the apiserver's JSON decoder does.
 */
export function defaultSecret(s: any): void {
  if (!s.type) s.type = 'Opaque';
  for (const [k, v] of Object.entries(s.data ?? {})) {
    const at = base64Error(String(v ?? ''));
    if (at >= 0)
      throw badRequest(`Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte ${at}`);
    void k;
  }
  if (s.stringData) {
    s.data = { ...(s.data ?? {}) };
    for (const [k, v] of Object.entries(s.stringData)) s.data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    delete s.stringData;
  }
}

const B64 = /[A-Za-z0-9+/]/;

/** Go's base64.StdEncoding: the offset of the first bad byte (CorruptInputError), or -1. */
export function base64Error(s: string): number {
  let i = 0;
  const n = s.length;
  for (; i < n; i++) {
    const ch = s[i];
    if (ch === '\r' || ch === '\n') continue;
    if (ch === '=') break;
    if (!B64.test(ch)) return i;
  }
  const data = s.replace(/[\r\n]/g, '');
  const body = data.replace(/=+$/, '');
  if (/=/.test(body)) return body.indexOf('=');
  const pad = data.length - body.length;
  if (body.length % 4 === 1) return Math.floor(body.length / 4) * 4;
  if (pad === 0 && body.length % 4 !== 0) return data.length;
  if (pad > 0 && (body.length + pad) % 4 !== 0) return data.length;
  return -1;
}
