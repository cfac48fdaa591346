// kubectl expose (staging/src/k8s.io/kubectl/pkg/cmd/expose/expose.go, generate/versioned/service.go):
// a Service selecting what the object selects, labelled as the object, ports from --port or the containers.

import type { Command } from '../context';
import type { KObject } from '../../api/meta';
import { CmdError, KubectlFailure } from '../errors';
import { parseTargets } from '../resources';
import { printResult } from './output';
import { TEMPLATE_FLAGS } from '../printers/template-printer';

function selectorOf(o: KObject): Record<string, string> {
  switch (o.kind) {
    case 'Pod': {
      if (!Object.keys(o.metadata.labels ?? {}).length)
        throw new CmdError(`the pod has no labels and cannot be exposed`);
      return { ...o.metadata.labels };
    }
    case 'Service': {
      if (!o.spec?.selector) throw new CmdError(`the service has no pod selector set`);
      return { ...o.spec.selector };
    }
    case 'ReplicationController':
      return { ...o.spec?.selector };
    case 'Deployment':
    case 'ReplicaSet': {
      const s = o.spec?.selector;
      if (s?.matchExpressions?.length)
        throw new CmdError(
          `couldn't convert expressions - "${JSON.stringify(s.matchExpressions)}" to map-based selector format`,
        );
      return { ...(s?.matchLabels ?? {}) };
    }
  }
  throw new CmdError(`cannot expose a ${o.kind}`);
}

function portsOf(o: KObject): { port: number; protocol: string }[] {
  const podSpec = o.kind === 'Pod' ? o.spec : o.spec?.template?.spec;
  if (o.kind === 'Service')
    return (o.spec?.ports ?? []).map((p: any) => ({ port: p.port, protocol: p.protocol ?? 'TCP' }));
  const out: { port: number; protocol: string }[] = [];
  for (const c of podSpec?.containers ?? [])
    for (const p of c.ports ?? []) out.push({ port: p.containerPort, protocol: p.protocol ?? 'TCP' });
  return out;
}

export const expose: Command = {
  path: 'kubectl expose',
  flags: {
    port: { type: 'string' },
    'target-port': { type: 'string' },
    type: { type: 'string' },
    name: { type: 'string' },
    protocol: { type: 'string' },
    labels: { type: 'string', short: 'l' },
    selector: { type: 'string' },
    'external-ip': { type: 'string' },
    'cluster-ip': { type: 'string' },
    'session-affinity': { type: 'string' },
    'load-balancer-ip': { type: 'string' },
    output: { type: 'string', short: 'o' },
    ...TEMPLATE_FLAGS,
    'dry-run': { type: 'string' },
    filename: { type: 'strings', short: 'f' },
    'override-type': { type: 'string' },
    overrides: { type: 'string' },
    'save-config': { type: 'bool' },
    'field-manager': { type: 'string' },
    recursive: { type: 'bool', short: 'R' },
  },
  run(ctx) {
    if (!ctx.args.length)
      throw new KubectlFailure(
        `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
      );
    for (const t of parseTargets(ctx.resources, ctx.args)) {
      if (!t.names.length) throw new CmdError(`resource(s) were provided, but no name was specified`);
      for (const n of t.names) {
        try {
          const o = ctx.api.get(t.r.resource, ctx.namespace, n);
          let selector: Record<string, string>;
          const sel = ctx.flag<string>('selector');
          if (sel) selector = Object.fromEntries(sel.split(',').map((kv) => kv.split('=') as [string, string]));
          else selector = selectorOf(o);
          const protocol = ctx.flag<string>('protocol');
          let ports: { port: number; protocol: string }[];
          if (ctx.flag('port'))
            ports = ctx
              .flag<string>('port')
              .split(',')
              .map((p) => ({ port: Number(p), protocol: protocol || 'TCP' }));
          else {
            ports = portsOf(o);
            if (!ports.length)
              throw new CmdError(
                `couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples`,
              );
            if (protocol) ports = ports.map((p) => ({ ...p, protocol }));
          }
          const targetPort = ctx.flag<string>('target-port');
          const spec: any = {
            ports: ports.map((p, i) => ({
              ...(ports.length > 1 ? { name: `port-${i + 1}` } : {}),
              port: p.port,
              protocol: p.protocol,
              targetPort: targetPort ? (/^\d+$/.test(targetPort) ? Number(targetPort) : targetPort) : p.port,
            })),
            selector,
          };
          if (ctx.flag('type')) spec.type = ctx.flag('type');
          if (ctx.flag('cluster-ip')) spec.clusterIP = ctx.flag('cluster-ip');
          if (ctx.flag('external-ip')) spec.externalIPs = ctx.flag<string>('external-ip').split(',');
          if (ctx.flag('session-affinity')) spec.sessionAffinity = ctx.flag('session-affinity');
          if (ctx.flag('load-balancer-ip')) spec.loadBalancerIP = ctx.flag('load-balancer-ip');
          let labels: Record<string, string> | undefined = o.metadata.labels ? { ...o.metadata.labels } : undefined;
          if (ctx.flag('labels'))
            labels = Object.fromEntries(
              ctx
                .flag<string>('labels')
                .split(',')
                .map((kv) => kv.split('=') as [string, string]),
            );
          const svc: KObject = {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: {
              name: ctx.flag<string>('name') || o.metadata.name,
              namespace: ctx.namespace,
              ...(labels ? { labels } : {}),
            },
            spec,
          };
          const dryRun = ctx.flag<string>('dry-run');
          if (dryRun === 'client') {
            printResult(ctx, svc, 'exposed (dry run)');
            continue;
          }
          printResult(ctx, ctx.api.create(svc, { dryRun: dryRun === 'server' }), 'exposed');
        } catch (e) {
          ctx.errors.push(e);
        }
      }
    }
  },
};
