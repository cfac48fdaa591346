// ServiceDescriber (pkg/describe/describe.go): type, IPs, ports with their target ports, node ports and endpoints.

import type { Ctx } from '../context';
import type { KObject } from '../../api/meta';
import { labels, annotations, related } from './format';
import { formatEndpoints } from '../../api/format';

export function describeService(ctx: Ctx, svc: KObject, w: string[]): void {
  const s = svc.spec ?? {};
  w.push(`Name:\t${svc.metadata.name}\n`, `Namespace:\t${svc.metadata.namespace}\n`);
  labels(w, 'Labels', svc.metadata.labels);
  annotations(w, 'Annotations', svc.metadata.annotations);
  labels(w, 'Selector', s.selector);
  w.push(`Type:\t${s.type}\n`);
  if (s.ipFamilyPolicy) w.push(`IP Family Policy:\t${s.ipFamilyPolicy}\n`);
  if (s.ipFamilies?.length) w.push(`IP Families:\t${s.ipFamilies.join(',')}\n`);
  if (s.type === 'ExternalName') w.push(`External Name:\t${s.externalName}\n`);
  else {
    w.push(`IP:\t${s.clusterIP ?? ''}\n`);
    if (s.clusterIPs?.length) w.push(`IPs:\t${s.clusterIPs.join(',')}\n`);
  }
  if (s.externalIPs?.length) w.push(`External IPs:\t${s.externalIPs.join(',')}\n`);
  if (s.loadBalancerIP) w.push(`IP:\t${s.loadBalancerIP}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) w.push(`LoadBalancer Ingress:\t${ingress.map((i: any) => i.ip || i.hostname).join(', ')}\n`);
  const ep = related(() => ctx.api.tryGet('endpoints', svc.metadata.namespace, svc.metadata.name!));
  for (const p of s.ports ?? []) {
    const name = p.name || '<unset>';
    w.push(`Port:\t${name}\t${p.port}/${p.protocol}\n`);
    w.push(`TargetPort:\t${p.targetPort}/${p.protocol}\n`);
    if (p.nodePort) w.push(`NodePort:\t${name}\t${p.nodePort}/${p.protocol}\n`);
    w.push(`Endpoints:\t${endpointsFor(ep, p.name)}\n`);
  }
  w.push(`Session Affinity:\t${s.sessionAffinity}\n`);
  if (s.externalTrafficPolicy) w.push(`External Traffic Policy:\t${s.externalTrafficPolicy}\n`);
  if (s.internalTrafficPolicy) w.push(`Internal Traffic Policy:\t${s.internalTrafficPolicy}\n`);
  if (s.healthCheckNodePort) w.push(`HealthCheck NodePort:\t${s.healthCheckNodePort}\n`);
}

function endpointsFor(ep: KObject | undefined, portName: string | undefined): string {
  if (!ep) return '<none>';
  const subsets = (ep.subsets ?? []).map((ss: any) => ({
    ...ss,
    ports: (ss.ports ?? []).filter((p: any) => (p.name ?? '') === (portName ?? '')),
  }));
  const text = formatEndpoints({ ...ep, subsets: subsets.filter((ss: any) => ss.ports.length) });
  return text === '<none>' ? '' : text;
}
