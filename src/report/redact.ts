// Secret values never reach a report: Secret objects show each key with its size only (as `kubectl describe
// secret` does), and any text attached (command output, timelines, snapshots) has every value of every Secret
// in the cluster replaced, whether stored base64 or decoded.

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
    for (const [field, base64] of [['data', true], ['stringData', false]] as const) {
      if (o[field] && typeof o[field] === 'object') {
        for (const k of Object.keys(o[field])) o[field][k] = `${REDACTED.slice(0, -1)}: ${bytes(o[field][k], base64)} bytes>`;
      }
    }
    if (o.metadata?.annotations?.[LAST_APPLIED]) o.metadata.annotations[LAST_APPLIED] = REDACTED;
  };
  walk(copy);
  return copy as T;
}

/** Every value of these Secrets, base64 and decoded, longest first; values under 4 characters are left, as replacing them would garble the text. */
export function secretValues(secrets: Json[]): string[] {
  const out = new Set<string>();
  for (const s of secrets) {
    for (const v of Object.values(s.data ?? {})) {
      out.add(String(v));
      out.add(Buffer.from(String(v), 'base64').toString('utf8'));
    }
    for (const v of Object.values(s.stringData ?? {})) {
      out.add(String(v));
      out.add(Buffer.from(String(v)).toString('base64'));
    }
  }
  return [...out].filter((v) => v.trim().length >= 4).sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/** The text with each of the values replaced by `<redacted>`. */
export function redactText(text: string, values: readonly string[]): string {
  let out = text;
  for (const v of values) out = out.split(v).join(REDACTED);
  return out;
}
