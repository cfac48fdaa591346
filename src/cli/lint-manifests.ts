// Manifests in features, checked before anything runs: valid YAML, kinds the cluster knows, objects that pass
// validation. Each is applied with `kubectl apply --dry-run=server`, so the messages are kubectl's own, to a
// cluster per scenario that holds the scenario's earlier manifests (a PriorityClass, then a pod naming it);
// the namespaces it names are created first, and NotFound errors (something a kubectl step creates) are left
// to the run.
import { loadAll } from 'js-yaml';
import { createCluster, type Cluster } from '../cluster';
import { runKubectl, kubectlLineProblem } from '../kubectl/kubectl';
import { removedApiHints } from '../kubectl/removed-apis';

function namespacesOf(docs: unknown[]): string[] {
  const out = new Set<string>();
  for (const d of docs) {
    const ns = (d as { metadata?: { namespace?: unknown } } | null)?.metadata?.namespace;
    if (typeof ns === 'string' && ns) out.add(ns);
  }
  return [...out];
}

/** A cluster per scope (a scenario), holding what the scenario's manifests made so far. */
function lintClusters(): (scope?: string) => Cluster {
  const clusters = new Map<string, Cluster>();
  return (scope) => {
    let cluster = scope === undefined ? undefined : clusters.get(scope);
    if (!cluster) {
      cluster = createCluster({ nodes: 1, seed: 'kspec lint', timeline: false });
      if (scope !== undefined) clusters.set(scope, cluster);
    }
    return cluster;
  };
}

export interface LintCheckers {
  /** the problems of a manifest applied in the scope's cluster */
  manifest: (yaml: string, cwd: string, scope?: string) => string[];
  /** the problem of a kubectl line, parsed as the emulator parses it; resource types the scope's cluster serves */
  kubectl: (line: string, scope?: string) => string | undefined;
}

/** Checkers whose clusters live per scope (a scenario). */
export function lintCheckers(): LintCheckers {
  const clusterOf = lintClusters();
  // a kubectl line that applies files may install CRDs lint has not seen: resource types are not checked after one
  const fromFiles = new Set<string | undefined>();
  return {
    manifest: (yaml, cwd, scope) => manifestProblems(yaml, cwd, clusterOf(scope)),
    kubectl: (line, scope) => {
      const resources = clusterOf(scope).api.resources;
      if (/\s(-f|--filename|-k|--kustomize)[\s=]/.test(` ${line} `)) fromFiles.add(scope);
      const names = resources.all().map((r) => r.resource);
      return kubectlLineProblem(line, (t) => fromFiles.has(scope) || resources.resolve(t) !== undefined, names);
    },
  };
}

/** A manifest checker whose clusters live per scope (a scenario): `check(yaml, cwd, scope)`. */
export function manifestChecker(): (yaml: string, cwd: string, scope?: string) => string[] {
  return lintCheckers().manifest;
}

export function manifestProblems(
  yaml: string,
  cwd: string,
  cluster = createCluster({ nodes: 1, seed: 'kspec lint', timeline: false }),
): string[] {
  let docs: unknown[];
  try {
    docs = loadAll(yaml);
  } catch (e) {
    return [`the manifest is not valid YAML: ${(e as Error).message.split('\n')[0]}`];
  }
  for (const ns of namespacesOf(docs))
    if (!cluster.tryGet('namespaces', ns)) runKubectl(cluster.kubectlEnv, `create namespace ${ns}`, {});
  const r = runKubectl(cluster.kubectlEnv, 'apply --dry-run=server -f -', { stdin: yaml, cwd });
  cluster.kubectl('apply -f -', { stdin: yaml, cwd }); // what is valid stays (a CRD established), for the scenario's next manifests
  if (r.exitCode === 0) return [];
  return [
    ...r.stderr
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !/\(NotFound\)|\bnot found$|ensure CRDs are installed first/.test(l)),
    ...removedApiHints(r.stderr),
  ];
}
