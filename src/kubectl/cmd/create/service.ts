// kubectl create service clusterip|nodeport|loadbalancer|externalname and create serviceaccount
// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_service.go, create_serviceaccount.go): a Service labelled and
// selecting app=<name>, one TCP port a --tcp pair named after it (`5678:8080` is `5678-8080`).

import type { Command, Ctx } from '../../context';
import { isDNS1123Subdomain } from '../../../api/validation/meta';
import { isValidPortName, isValidPortNum } from '../../../api/validation/common';
import { CmdError } from '../../errors';
import { COMMON, createObject, generatedMeta, oneName } from './create';

/** utilsnet.ParsePort(s, allowZero) as strconv.ParseUint(s, 10, 16) reports it */
function parsePort(s: string): number {
  if (!/^\d+$/.test(s)) throw new CmdError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n > 65535) throw new CmdError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

/** parsePorts: `port[:targetPort]`, the target a number or a port name. */
export function parsePorts(spec: string): { port: number; targetPort: number | string } {
  const [first, target] = spec.split(':');
  const port = parsePort(first);
  if (target === undefined) return { port, targetPort: port };
  if (/^[+-]?\d+$/.test(target)) {
    const errs = isValidPortNum(Number(target));
    if (errs.length) throw new CmdError(errs.join(','));
    return { port, targetPort: Number(target) };
  }
  const errs = isValidPortName(target);
  if (errs.length) throw new CmdError(errs.join(','));
  return { port, targetPort: target };
}

type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

function runService(ctx: Ctx, type: ServiceType): void {
  if (type === 'ExternalName' && !ctx.has('external-name'))
    throw new CmdError('required flag(s) "external-name" not set');
  const name = oneName(ctx, `kubectl create service ${type.toLowerCase()}`);
  const tcp = ctx.flag<string[]>('tcp'),
    clusterIP = ctx.flag<string>('clusterip') ?? '',
    externalName = ctx.flag<string>('external-name') ?? '';
  const nodePort = ctx.flag<number | undefined>('node-port') ?? 0;
  // Validate
  if (clusterIP === 'None' && type !== 'ClusterIP')
    throw new CmdError('ClusterIP=None can only be used with ClusterIP service type');
  if (clusterIP !== 'None' && !tcp.length && type !== 'ExternalName')
    throw new CmdError('at least one tcp port specifier must be provided');
  if (type === 'ExternalName' && isDNS1123Subdomain(externalName).length)
    throw new CmdError(`invalid service external name ${externalName}`);
  const ports = tcp.map((spec) => {
    const { port, targetPort } = parsePorts(spec);
    return { name: spec.replace(/:/g, '-'), port, protocol: 'TCP', targetPort, ...(nodePort ? { nodePort } : {}) };
  });
  const svc = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { ...generatedMeta(ctx, name), labels: { app: name } },
    spec: {
      type,
      selector: { app: name },
      ...(ports.length ? { ports } : {}),
      ...(externalName ? { externalName } : {}),
      ...(clusterIP ? { clusterIP } : {}),
    },
    status: { loadBalancer: {} },
  };
  createObject(ctx, svc, `failed to create ${type} service: `);
}

const serviceCommand = (type: ServiceType, flags: Command['flags'] = {}): Command => ({
  path: `kubectl create service ${type.toLowerCase()}`,
  flags: { ...COMMON, tcp: { type: 'strings' }, ...flags },
  run: (ctx) => runService(ctx, type),
});

export const createServiceClusterIP = serviceCommand('ClusterIP', { clusterip: { type: 'string' } });
export const createServiceNodePort = serviceCommand('NodePort', { 'node-port': { type: 'int' } });
export const createServiceLoadBalancer = serviceCommand('LoadBalancer');
export const createServiceExternalName = serviceCommand('ExternalName', { 'external-name': { type: 'string' } });

export const createServiceAccount: Command = {
  path: 'kubectl create serviceaccount',
  flags: COMMON,
  run(ctx) {
    createObject(
      ctx,
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: generatedMeta(ctx, oneName(ctx, 'kubectl create serviceaccount')),
      },
      'failed to create serviceaccount: ',
    );
  },
};
