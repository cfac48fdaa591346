// Secret values never reach a report: Secret objects show each key with its size only (as `kubectl describe
// secret` does), and any text attached or failure message (command output, timelines, snapshots) has every value
// of every Secret the cluster held replaced, in every form a report carries it (base64, decoded, JSON- and
// YAML-escaped, line by line), and every service account token (a JWT) too.

import { dump } from 'js-yaml';

type Json = Record<string, any>;

export const REDACTED = '<redacted>';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function bytes(value: unknown, base64: boolean): number {
  const s = String(value ?? '');
  return base64 ? Buffer.from(s, 'base64').length : Buffer.byteLength(s);
}

/** A copy with Secret values replaced by `<redacted: N bytes>`; lists (`items`) are walked. */
export function redactObject<T>(obj: T): T {
  if (!obj || typeof obj !== 'object') return obj;
  const copy = JSON.parse(JSON.stringify(obj)) as Json;
  const walk = (o: Json) => {
    if (Array.isArray(o.items)) o.items.forEach((i: Json) => i && typeof i === 'object' && walk(i));
    if (o.kind !== 'Secret') return;
    for (const [field, base64] of [
      ['data', true],
      ['stringData', false],
    ] as const) {
      if (o[field] && typeof o[field] === 'object') {
        for (const k of Object.keys(o[field]))
          o[field][k] = `${REDACTED.slice(0, -1)}: ${bytes(o[field][k], base64)} bytes>`;
      }
    }
    if (o.metadata?.annotations?.[LAST_APPLIED]) o.metadata.annotations[LAST_APPLIED] = REDACTED;
  };
  walk(copy);
  return copy as T;
}

/** Shorter values are left, as replacing them would garble the text (documented in docs/reports.md). */
const MIN_LENGTH = 4;
const SA_TOKEN_TYPE = 'kubernetes.io/service-account-token';
/** Keys of a service account token Secret that are public: the namespace's name and the cluster's CA. */
const PUBLIC_TOKEN_KEYS = new Set(['namespace', 'ca.crt']);

/** The ways a report can carry a string: as written inside JSON (encoding/json also escapes <, > and &) and YAML. */
const ESCAPES: ((s: string) => string)[] = [
  (s) => JSON.stringify(s).slice(1, -1),
  (s) => JSON.stringify(s).slice(1, -1).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'),
  (s) => dump(s, { forceQuotes: true, quoteStyle: 'double', lineWidth: -1 }).trim().slice(1, -1),
  (s) => s.replace(/'/g, "''"),
];

/**
 * Every form of a value a report can carry: as is, base64, escaped once or twice (a stringData value inside the
 * last-applied annotation is JSON in a JSON or YAML string), and for a value of several lines each line (a YAML
 * block scalar indents them).
 */
export function encodings(value: string): string[] {
  const out = new Set<string>();
  for (const base of [value, Buffer.from(value).toString('base64')]) {
    out.add(base);
    for (const e1 of ESCAPES) {
      const once = e1(base);
      out.add(once);
      for (const e2 of ESCAPES) out.add(e2(once));
    }
  }
  if (value.includes('\n')) for (const line of value.split(/\r?\n/)) out.add(line.trim());
  return [...out].filter((v) => v.trim().length >= MIN_LENGTH);
}

/** Every value of these Secrets in every form, longest first; values under 4 characters are left. */
export function secretValues(secrets: Json[]): string[] {
  const out = new Set<string>();
  for (const s of secrets) {
    const skip = (k: string) => s.type === SA_TOKEN_TYPE && PUBLIC_TOKEN_KEYS.has(k);
    for (const [k, v] of Object.entries(s.data ?? {})) {
      if (skip(k)) continue;
      out.add(String(v));
      for (const e of encodings(Buffer.from(String(v), 'base64').toString('utf8'))) out.add(e);
    }
    for (const [k, v] of Object.entries(s.stringData ?? {}))
      if (!skip(k)) for (const e of encodings(String(v))) out.add(e);
  }
  return [...out]
    .filter((v) => v.trim().length >= MIN_LENGTH)
    .sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
}

/** A JSON Web Token: service account tokens, projected into pods or kept in token Secrets. */
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+/g;

/** The text with each of the values replaced by `<redacted>`. */
export function redactText(text: string, values: readonly string[]): string {
  let out = text.replace(JWT, REDACTED);
  for (const v of values) if (out.includes(v)) out = out.split(v).join(REDACTED);
  return out;
}
