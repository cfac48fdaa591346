// The kubeconfig `kspec serve` writes: one cluster (`kspec`), the admin's context `kspec`, and one context per
// extra user (`kspec-<user>`). Users authenticate with bearer tokens the server knows.

import * as yaml from 'js-yaml';
import type { UserInfo } from '../apiserver/authorization/rbac';

export interface KubeconfigUser {
  context: string;
  user: UserInfo;
  token: string;
}

export function kubeconfig(
  server: string,
  ca: string,
  users: KubeconfigUser[],
  current: string,
  namespace?: string,
): string {
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [
      { name: 'kspec', cluster: { server, 'certificate-authority-data': Buffer.from(ca).toString('base64') } },
    ],
    contexts: users.map((u) => ({
      name: u.context,
      context: { cluster: 'kspec', user: u.user.name, ...(namespace ? { namespace } : {}) },
    })),
    'current-context': current,
    users: users.map((u) => ({ name: u.user.name, user: { token: u.token } })),
  };
  return yaml.dump(doc, { lineWidth: -1 });
}

/** The server and token of a kubeconfig's current context (what `kspec time` uses to reach the server). */
export function currentCredentials(text: string, context?: string): { server: string; token?: string; ca?: string } {
  const doc = yaml.load(text) as any;
  const name = context ?? doc?.['current-context'];
  const ctx = (doc?.contexts ?? []).find((c: any) => c.name === name)?.context;
  if (!ctx) throw new Error(`context "${name}" not found in the kubeconfig`);
  const cluster = (doc.clusters ?? []).find((c: any) => c.name === ctx.cluster)?.cluster;
  const user = (doc.users ?? []).find((u: any) => u.name === ctx.user)?.user;
  if (!cluster?.server) throw new Error(`cluster "${ctx.cluster}" has no server in the kubeconfig`);
  const caData = cluster['certificate-authority-data'];
  return {
    server: cluster.server,
    token: user?.token,
    ca: caData ? Buffer.from(caData, 'base64').toString('utf8') : undefined,
  };
}
