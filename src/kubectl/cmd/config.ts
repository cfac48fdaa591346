// kubectl config view / current-context / get-contexts and api-versions, for the embedded cluster's kubeconfig:
// kubeadm's admin.conf (cluster `kubernetes`, user `kubernetes-admin`, context `kubernetes-admin@kubernetes`),
// certificate data shown as `kubectl config view` shows it without --raw.

import type { Command } from '../context';
import { CmdError, KubectlFailure } from '../errors';
import { DiscoveryFailure } from '../client/discovery';

const CONTEXT = 'kubernetes-admin@kubernetes';

function kubeconfig(raw: boolean): string {
  const data = (what: string) =>
    raw ? `${what}-data: ${Buffer.from(`kspec ${what}`).toString('base64')}` : `${what}-data: DATA+OMITTED`;
  return `apiVersion: v1
clusters:
- cluster:
    ${data('certificate-authority')}
    server: https://10.96.0.1:443
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: ${CONTEXT}
current-context: ${CONTEXT}
kind: Config
preferences: {}
users:
- name: kubernetes-admin
  user:
    ${data('client-certificate')}
    ${data('client-key')}
`;
}

export const configView: Command = {
  path: 'kubectl config view',
  flags: {
    raw: { type: 'bool' },
    minify: { type: 'bool' },
    flatten: { type: 'bool' },
    output: { type: 'string', short: 'o' },
    merge: { type: 'string' },
  },
  run(ctx) {
    const output = ctx.flag<string>('output');
    if (output && output !== 'yaml')
      throw new KubectlFailure(`error: kspec prints the kubeconfig as YAML only (-o yaml), not "${output}"`);
    ctx.out(kubeconfig(ctx.flag('raw') || ctx.flag('flatten')));
  },
};

export const configCurrentContext: Command = {
  path: 'kubectl config current-context',
  flags: {},
  run(ctx) {
    ctx.out(`${CONTEXT}\n`);
  },
};

export const configGetContexts: Command = {
  path: 'kubectl config get-contexts',
  flags: { output: { type: 'string', short: 'o' }, 'no-headers': { type: 'bool' } },
  run(ctx) {
    if (ctx.flag('output') === 'name') {
      ctx.out(`${CONTEXT}\n`);
      return;
    }
    if (!ctx.flag('no-headers'))
      ctx.out('CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n');
    ctx.out(`*         ${CONTEXT}   kubernetes   kubernetes-admin   \n`);
  },
};

/** `kubectl api-versions`: every group/version the server serves, sorted, built-in and custom. */
export const apiVersions: Command = {
  path: 'kubectl api-versions',
  flags: {},
  run(ctx) {
    let resources;
    try {
      resources = ctx.resources.all();
    } catch (e) {
      // apiversions.go: `couldn't get available api versions from server: %v`
      if (e instanceof DiscoveryFailure)
        throw new CmdError(`couldn't get available api versions from server: ${e.message}`);
      throw e;
    }
    const versions = new Set(resources.map((r) => (r.group ? `${r.group}/${r.version}` : r.version)));
    ctx.out(
      [...versions]
        .sort()
        .map((v) => `${v}\n`)
        .join(''),
    );
  },
};
