// kubectl describe ingress (staging/src/k8s.io/kubectl/pkg/describe/describe.go describeIngressV1,
// describeBackendV1, describeIngressTLSV1) and ingressclass (describeIngressClassV1).

import type { Ctx } from '../context';
import type { KObject } from '../../api/meta';
import { isStatusError } from '../../api/errors';
import { formatEndpoints, ingressAddress } from '../../api/format';
import { labels, annotations } from './format';

const L1 = '  ',
  L2 = '    ';

const errText = (e: unknown): string => (isStatusError(e) ? e.message : String(e));

/** serviceBackendStringer: `name:port`. */
function serviceBackend(s: any): string {
  return `${s.name}:${s.port?.number || s.port?.name || ''}`;
}

/** describeBackendV1: the backend and the Endpoints of its service port, or the error reading them. */
function describeBackend(ctx: Ctx, ns: string, b: any): string {
  if (b?.service) {
    const sb = serviceBackend(b.service);
    let ep: KObject, svc: KObject;
    try {
      ep = ctx.api.get('endpoints', ns, b.service.name);
    } catch (e) {
      return `${sb} (<error: ${errText(e)}>)`;
    }
    try {
      svc = ctx.api.get('services', ns, b.service.name);
    } catch (e) {
      return `${sb}(<error: ${errText(e)}>)`;
    }
    let spName = '';
    for (const sp of svc.spec?.ports ?? []) {
      if (
        (b.service.port?.number && b.service.port.number === sp.port) ||
        (b.service.port?.name && b.service.port.name === sp.name)
      )
        spName = sp.name ?? '';
    }
    if (!(ep.subsets ?? []).length) return `${sb} (<none>)`;
    const subsets = (ep.subsets ?? [])
      .map((ss: any) => ({ ...ss, ports: (ss.ports ?? []).filter((p: any) => (p.name ?? '') === spName) }))
      .filter((ss: any) => ss.ports.length);
    return `${sb} (${subsets.length ? formatEndpoints({ ...ep, subsets }) : ''})`;
  }
  if (b?.resource)
    return `APIGroup: ${b.resource.apiGroup ?? '<none>'}, Kind: ${b.resource.kind}, Name: ${b.resource.name}`;
  return '';
}

export function describeIngress(ctx: Ctx, ing: KObject, w: string[]): void {
  const spec = ing.spec ?? {},
    ns = ing.metadata.namespace!;
  w.push(`Name:\t${ing.metadata.name}\n`);
  labels(w, 'Labels', ing.metadata.labels);
  w.push(`Namespace:\t${ns}\n`);
  w.push(`Address:\t${ingressAddress(ing, true)}\n`);
  w.push(`Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
  w.push(`Default backend:\t${spec.defaultBackend ? describeBackend(ctx, ns, spec.defaultBackend) : '<default>'}\n`);
  if ((spec.tls ?? []).length) {
    w.push('TLS:\n');
    for (const t of spec.tls) {
      const hosts = (t.hosts ?? []).join(',');
      w.push(t.secretName ? `${L1}${t.secretName} terminates ${hosts}\n` : `${L1}SNI routes ${hosts}\n`);
    }
  }
  w.push('Rules:\n  Host\tPath\tBackends\n', `${L1}----\t----\t--------\n`);
  let count = 0;
  for (const rule of spec.rules ?? []) {
    if (!rule.http) continue;
    count++;
    w.push(`${L1}${rule.host || '*'}\t\n`);
    for (const p of rule.http.paths ?? []) w.push(`${L2}\t${p.path ?? ''} \t${describeBackend(ctx, ns, p.backend)}\n`);
  }
  if (!count) w.push(`${L1}*\t*\t${describeBackend(ctx, ns, spec.defaultBackend)}\n`);
  annotations(w, 'Annotations', ing.metadata.annotations);
}

export function describeIngressClass(ic: KObject, w: string[]): void {
  w.push(`Name:\t${ic.metadata.name}\n`);
  labels(w, 'Labels', ic.metadata.labels);
  annotations(w, 'Annotations', ic.metadata.annotations);
  w.push(`Controller:\t${ic.spec?.controller ?? ''}\n`);
  const p = ic.spec?.parameters;
  if (p) {
    w.push('Parameters:\n');
    if (p.apiGroup) w.push(`${L1}APIGroup:\t${p.apiGroup}\n`);
    w.push(`${L1}Kind:\t${p.kind}\n`, `${L1}Name:\t${p.name}\n`);
  }
}
