// Manifests in features, checked before anything runs: valid YAML, kinds the cluster knows, objects that pass
// validation. Each is applied with `kubectl apply --dry-run=server` to a fresh cluster, so the messages are
// kubectl's own; the namespaces it names are created first, and NotFound errors (something another step
// creates) are left to the run.
import { loadAll } from 'js-yaml';
import { createCluster } from '../cluster';
import { runKubectl } from '../kubectl/kubectl';

function namespacesOf(docs: unknown[]): string[] {
  const out = new Set<string>();
  for (const d of docs) {
    const ns = (d as { metadata?: { namespace?: unknown } } | null)?.metadata?.namespace;
    if (typeof ns === 'string' && ns) out.add(ns);
  }
  return [...out];
}

export function manifestProblems(yaml: string, cwd: string): string[] {
  let docs: unknown[];
  try {
    docs = loadAll(yaml);
  } catch (e) {
    return [`the manifest is not valid YAML: ${(e as Error).message.split('\n')[0]}`];
  }
  const cluster = createCluster({ nodes: 1, seed: 'kspec lint', timeline: false });
  for (const ns of namespacesOf(docs)) if (!cluster.tryGet('namespaces', ns)) runKubectl(cluster, `create namespace ${ns}`, {});
  const r = runKubectl(cluster, 'apply --dry-run=server -f -', { stdin: yaml, cwd });
  if (r.exitCode === 0) return [];
  return r.stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/\(NotFound\)|\bnot found$|ensure CRDs are installed first/.test(l));
}
