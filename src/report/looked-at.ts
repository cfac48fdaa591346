// The objects a failing step looked at, read from its text: every `<kind> "<name>"` (with `in namespace "x"`)
// it names, and the objects a `there are N <kind> with labels "<selector>"` counted. Shown as YAML (Secrets
// redacted by objectYaml) so a report holds what the step saw.
import type { Cluster } from '../cluster';
import { ResourceRegistry } from '../api/kinds';
import { objectYaml } from '../assert/report';

export interface Reference {
  resource: string;
  name?: string;
  namespace?: string;
  selector?: string;
}

const NAMED = /\b([a-z][a-z0-9.-]*) "([^"]+)"(?: in namespace "([^"]+)")?/g;
const COUNTED = /^there are \d+ ([a-z]+) with labels "([^"]*)"/;

/** The references in a step's text, in order, without repeats. */
export function referencesIn(text: string, reg = new ResourceRegistry()): Reference[] {
  const out: Reference[] = [];
  const counted = text.match(COUNTED);
  if (counted) {
    const info = reg.resolve(counted[1]);
    if (info)
      out.push({ resource: info.resource, selector: counted[2], namespace: info.namespaced ? 'default' : undefined });
  }
  for (const m of text.matchAll(NAMED)) {
    const info = reg.resolve(m[1]);
    if (!info) continue;
    const ref = { resource: info.resource, name: m[2], namespace: info.namespaced ? (m[3] ?? 'default') : undefined };
    if (!out.some((r) => r.resource === ref.resource && r.name === ref.name && r.namespace === ref.namespace))
      out.push(ref);
  }
  return out;
}

/** The objects as one YAML stream (`---` between them); empty when the step names none that exist. */
export function objectsLookedAt(cluster: Cluster, text: string): string {
  const docs: string[] = [];
  for (const ref of referencesIn(text, cluster.api.resources)) {
    const objects =
      ref.name !== undefined
        ? [cluster.tryGet(ref.resource, ref.name, ref.namespace)].filter((o) => o !== undefined)
        : cluster.list(ref.resource, { namespace: ref.namespace, labelSelector: ref.selector });
    for (const o of objects) docs.push(objectYaml(o));
  }
  return docs.join('---\n');
}
