// The kubeconfig the real kubectl gets in a scenario: the user's context (its cluster and credentials, exec
// plugins included) as the only one, with the scenario's namespace, and file paths made absolute so the copy
// works from kspec's own folder. The user's kubeconfig is never written (`kubectl config ...` edits the copy).
import * as path from 'node:path';
import { load, dump } from 'js-yaml';

const PATH_FIELDS = ['certificate-authority', 'client-certificate', 'client-key', 'tokenFile'];

function absolute(entry: Record<string, any> | undefined, dir: string): Record<string, any> | undefined {
  if (!entry) return entry;
  const out = { ...entry };
  for (const f of PATH_FIELDS)
    if (typeof out[f] === 'string' && out[f] && !path.isAbsolute(out[f])) out[f] = path.resolve(dir, out[f]);
  // an exec plugin's command given as a relative path (`./bin/auth`) is resolved as kubectl does, from the kubeconfig's folder
  if (out.exec?.command && /^\.\.?\//.test(out.exec.command))
    out.exec = { ...out.exec, command: path.resolve(dir, out.exec.command) };
  return out;
}

/** One context, `kspec`, of the kubeconfig's `context` (default its current one), in `namespace` when given. */
export function scenarioKubeconfig(text: string, file: string, context?: string, namespace?: string): string {
  const doc = (load(text) ?? {}) as any;
  const name = context ?? doc['current-context'];
  const ctx = (doc.contexts ?? []).find((c: any) => c?.name === name)?.context;
  if (!ctx) throw new Error(`context "${name}" is not in the kubeconfig ${file}`);
  const dir = path.dirname(path.resolve(file));
  const cluster = (doc.clusters ?? []).find((c: any) => c?.name === ctx.cluster);
  const user = (doc.users ?? []).find((u: any) => u?.name === ctx.user);
  const context1 = {
    cluster: ctx.cluster,
    ...(ctx.user ? { user: ctx.user } : {}),
    ...((namespace ?? ctx.namespace) ? { namespace: namespace ?? ctx.namespace } : {}),
  };
  return dump(
    {
      apiVersion: 'v1',
      kind: 'Config',
      preferences: {},
      clusters: cluster ? [{ name: cluster.name, cluster: absolute(cluster.cluster, dir) }] : [],
      users: user ? [{ name: user.name, user: absolute(user.user, dir) }] : [],
      contexts: [{ name: 'kspec', context: context1 }],
      'current-context': 'kspec',
    },
    { lineWidth: -1 },
  );
}
