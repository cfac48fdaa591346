// The service variables a container gets (pkg/kubelet/kubelet_pods.go getServiceEnvVarMap,
// pkg/kubelet/envvars/envvars.go FromServices): for each Service with a cluster IP in the pod's namespace (when
// enableServiceLinks, the default) and always the master service `kubernetes` from `default`,
//   NAME_SERVICE_HOST, NAME_SERVICE_PORT, NAME_SERVICE_PORT_<PORTNAME>, and Docker link variables
//   NAME_PORT, NAME_PORT_<port>_<PROTO>{,_PROTO,_PORT,_ADDR}
// where NAME is the service name upper-cased with dashes as underscores. They are read when the container starts,
// so a Service created later is not in a running container's environment.

import type { ApiServer } from '../apiserver/apiserver';
import type { KObject } from '../api/meta';

/** masterServices: the apiserver's own service, given to every pod. */
const MASTER_SERVICE = 'kubernetes';

/** makeEnvVariableName */
export function envVarName(service: string): string {
  return service.replace(/-/g, '_').toUpperCase();
}

/** IsServiceIPSet: headless and ExternalName services have no variables. */
const hasClusterIP = (svc: KObject): boolean => !!svc.spec?.clusterIP && svc.spec.clusterIP !== 'None';

/** FromServices for one service, in the source's order. */
export function serviceVariables(svc: KObject): [string, string][] {
  const prefix = envVarName(svc.metadata.name!);
  const ip: string = svc.spec.clusterIP;
  const ports: any[] = svc.spec.ports ?? [];
  if (!ports.length) return [];
  const out: [string, string][] = [
    [`${prefix}_SERVICE_HOST`, ip],
    [`${prefix}_SERVICE_PORT`, String(ports[0].port)],
  ];
  for (const p of ports) if (p.name) out.push([`${prefix}_SERVICE_PORT_${envVarName(p.name)}`, String(p.port)]);
  // makeLinkVariables: Docker special-cases the first port
  ports.forEach((p, i) => {
    const proto = String(p.protocol || 'TCP');
    const url = `${proto.toLowerCase()}://${ip.includes(':') ? `[${ip}]` : ip}:${p.port}`;
    if (i === 0) out.push([`${prefix}_PORT`, url]);
    const pp = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
    out.push([pp, url], [`${pp}_PROTO`, proto.toLowerCase()], [`${pp}_PORT`, String(p.port)], [`${pp}_ADDR`, ip]);
  });
  return out;
}

/** getServiceEnvVarMap: the variables of the services visible to the pod now, by name (a map, as the kubelet's). */
export function serviceEnvironment(api: ApiServer, pod: KObject): Map<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const links = pod.spec?.enableServiceLinks !== false;
  const services = new Map<string, KObject>();
  const master = api.tryGet('services', 'default', MASTER_SERVICE);
  if (master && hasClusterIP(master)) services.set(MASTER_SERVICE, master);
  // a service of the pod's own namespace named like the master service replaces it (outside `default`)
  if (links)
    for (const svc of api.select('services', { namespace: ns }))
      if (hasClusterIP(svc)) services.set(svc.metadata.name!, svc);
  const env = new Map<string, string>();
  for (const name of [...services.keys()].sort())
    for (const [k, v] of serviceVariables(services.get(name)!)) env.set(k, v);
  return env;
}
