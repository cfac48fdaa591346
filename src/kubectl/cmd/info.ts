// kubectl version and cluster-info for the embedded cluster (v1.30, kubeadm's control plane endpoint).

import type { Command } from '../context';

export const version: Command = {
  path: 'kubectl version',
  flags: { client: { type: 'bool' }, output: { type: 'string', short: 'o' }, short: { type: 'bool' } },
  run(ctx) {
    ctx.out('Client Version: v1.30.0\nKustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3\n');
    if (!ctx.flag('client')) ctx.out('Server Version: v1.30.0\n');
  },
};

export const clusterInfo: Command = {
  path: 'kubectl cluster-info',
  flags: {},
  run(ctx) {
    ctx.out('\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://10.96.0.1:443\x1b[0m\n');
    ctx.out(
      '\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33mhttps://10.96.0.1:443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\x1b[0m\n',
    );
    ctx.out("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
  },
};
