// Manifests in features, checked before anything runs: valid YAML, kinds the cluster knows, objects that pass
// validation. Each is applied with `kubectl apply --dry-run=server`, so the messages are kubectl's own, to a
// cluster per scenario that holds the scenario's earlier manifests (a PriorityClass, then a pod naming it);
// the namespaces it names are created first, and NotFound errors (something a kubectl step creates) are left
// to the run.
import { loadAll } from 'js-yaml';
import { createCluster, type Cluster } from '../cluster';
import { runKubectl } from '../kubectl/kubectl';

function namespacesOf(docs: unknown[]): string[] {
  const out = new Set<string>();
  for (const d of docs) {
    const ns = (d as { metadata?: { namespace?: unknown } } | null)?.metadata?.namespace;
    if (typeof ns === 'string' && ns) out.add(ns);
  }
  return [...out];
}

/** A checker whose clusters live per scope (a scenario): `check(yaml, cwd, scope)`. */
export function manifestChecker(): (yaml: string, cwd: string, scope?: string) => string[] {
  const clusters = new Map<string, Cluster>();
  return (yaml, cwd, scope) => {
    let cluster = scope === undefined ? undefined : clusters.get(scope);
    if (!cluster) {
      cluster = createCluster({ nodes: 1, seed: 'kspec lint', timeline: false });
      if (scope !== undefined) clusters.set(scope, cluster);
    }
    return manifestProblems(yaml, cwd, cluster);
  };
}

export function manifestProblems(yaml: string, cwd: string, cluster = createCluster({ nodes: 1, seed: 'kspec lint', timeline: false })): string[] {
  let docs: unknown[];
  try {
    docs = loadAll(yaml);
  } catch (e) {
    return [`the manifest is not valid YAML: ${(e as Error).message.split('\n')[0]}`];
  }
  for (const ns of namespacesOf(docs)) if (!cluster.tryGet('namespaces', ns)) runKubectl(cluster, `create namespace ${ns}`, {});
  const r = runKubectl(cluster, 'apply --dry-run=server -f -', { stdin: yaml, cwd });
  cluster.kubectl('apply -f -', { stdin: yaml, cwd }); // what is valid stays (a CRD established), for the scenario's next manifests
  if (r.exitCode === 0) return [];
  return r.stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/\(NotFound\)|\bnot found$|ensure CRDs are installed first/.test(l));
}
