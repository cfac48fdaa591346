// Service validation (pkg/apis/core/validation/validation.go: ValidateService, validateServicePort,
// validateServiceExternalTrafficPolicy, ValidateServiceUpdate), in the source's order.

import { type FieldError, GoLiteral, field } from '../errors';
import { dns1123Label, dns1123Subdomain, validateLabels } from './meta';
import { isValidPortName, isValidPortNum, PORT_PROTOCOLS } from './common';
import { parseIPv4 } from '../../util/net';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];

const isHeadless = (spec: any): boolean => spec.clusterIP === 'None';

/** Go's %#v of the core.ServicePort key used for duplicate detection (only protocol and port set). */
function goServicePortKey(protocol: string, port: number): GoLiteral {
  return new GoLiteral(
    `core.ServicePort{Name:"", Protocol:${JSON.stringify(protocol ?? '')}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
  );
}

export function validateService(obj: any, old: any): FieldError[] {
  const spec = obj.spec ?? {};
  const ports: any[] = spec.ports ?? [];
  const errs: FieldError[] = [];
  if (!ports.length && !isHeadless(spec) && spec.type !== 'ExternalName') errs.push(field.required('spec.ports', ''));
  switch (spec.type) {
    case 'LoadBalancer':
      if (isHeadless(spec))
        errs.push(field.invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for LoadBalancer services"));
      break;
    case 'NodePort':
      if (isHeadless(spec))
        errs.push(field.invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for NodePort services"));
      break;
    case 'ExternalName': {
      if (spec.clusterIP || spec.clusterIPs?.length)
        errs.push(field.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
      if (spec.ipFamilies?.length)
        errs.push(field.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
      if (spec.ipFamilyPolicy)
        errs.push(field.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
      const cname = String(spec.externalName ?? '').replace(/\.$/, '');
      if (cname) errs.push(...dns1123Subdomain('spec.externalName', cname));
      else errs.push(field.required('spec.externalName', ''));
      break;
    }
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p ?? {}, ports.length > 1, names, `spec.ports[${i}]`)));
  if (spec.selector) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  (spec.externalIPs ?? []).forEach((ip: string, i: number) =>
    errs.push(...validateExternalIP(String(ip), `spec.externalIPs[${i}]`)),
  );
  if (!spec.sessionAffinity) errs.push(field.required('spec.sessionAffinity', ''));
  else if (!AFFINITIES.includes(spec.sessionAffinity))
    errs.push(field.notSupported('spec.sessionAffinity', spec.sessionAffinity, AFFINITIES));
  if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig)
    errs.push(field.forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  if (spec.sessionAffinity === 'ClientIP') {
    const t = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (t === undefined || t === null)
      errs.push(field.required('spec.sessionAffinityConfig.clientIP.timeoutSeconds', ''));
    else if (t <= 0 || t > 86400)
      errs.push(
        field.invalid(
          'spec.sessionAffinityConfig.clientIP.timeoutSeconds',
          t,
          'must be greater than 0 and less than 86400',
        ),
      );
  }
  if (!spec.type) errs.push(field.required('spec.type', ''));
  else if (!SERVICE_TYPES.includes(spec.type)) errs.push(field.notSupported('spec.type', spec.type, SERVICE_TYPES));
  if (spec.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p?.nodePort)
        errs.push(field.forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p?.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(field.duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
    nodePorts.add(key);
  });
  const pairs = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p?.protocol}/${p?.port}`;
    if (pairs.has(key)) errs.push(field.duplicate(`spec.ports[${i}]`, goServicePortKey(p?.protocol, p?.port)));
    pairs.add(key);
  });
  const external = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  if (!external) {
    if (spec.externalTrafficPolicy && !(spec.type === 'ClusterIP' && spec.externalIPs?.length)) {
      errs.push(
        field.invalid(
          'spec.externalTrafficPolicy',
          spec.externalTrafficPolicy,
          'may only be set for externally-accessible services',
        ),
      );
    }
  } else if (!spec.externalTrafficPolicy) errs.push(field.required('spec.externalTrafficPolicy', ''));
  else if (!TRAFFIC_POLICIES.includes(spec.externalTrafficPolicy))
    errs.push(field.notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, TRAFFIC_POLICIES));
  const isLB = spec.type === 'LoadBalancer';
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null && !isLB) {
    errs.push(field.forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (spec.loadBalancerClass && !isLB)
    errs.push(field.forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  // the capital L is the apiserver's own (a historical accident kept for compatibility)
  if (spec.loadBalancerSourceRanges?.length) {
    if (!isLB)
      errs.push(field.forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    spec.loadBalancerSourceRanges.forEach((v: string, i: number) => {
      if (!isCIDR(String(v).trim()))
        errs.push(
          field.invalid(
            `spec.LoadBalancerSourceRanges[${i}]`,
            v,
            'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
          ),
        );
    });
  }
  if (spec.healthCheckNodePort && !(isLB && spec.externalTrafficPolicy === 'Local')) {
    errs.push(
      field.invalid(
        'spec.healthCheckNodePort',
        spec.healthCheckNodePort,
        "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
      ),
    );
  }
  if (spec.internalTrafficPolicy && !TRAFFIC_POLICIES.includes(spec.internalTrafficPolicy)) {
    errs.push(field.notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, TRAFFIC_POLICIES));
  }
  if (old) errs.push(...validateServiceUpdate(spec, old.spec ?? {}));
  return errs;
}

function validateServicePort(sp: any, requireName: boolean, names: Set<string>, f: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !sp.name) errs.push(field.required(`${f}.name`, ''));
  else if (sp.name) {
    errs.push(...dns1123Label(`${f}.name`, sp.name));
    if (names.has(sp.name)) errs.push(field.duplicate(`${f}.name`, sp.name));
    else names.add(sp.name);
  }
  for (const m of isValidPortNum(sp.port ?? 0)) errs.push(field.invalid(`${f}.port`, sp.port ?? 0, m));
  if (!sp.protocol) errs.push(field.required(`${f}.protocol`, ''));
  else if (!PORT_PROTOCOLS.includes(sp.protocol))
    errs.push(field.notSupported(`${f}.protocol`, sp.protocol, PORT_PROTOCOLS));
  // ValidatePortNumOrName
  const tp = sp.targetPort;
  if (typeof tp === 'string') for (const m of isValidPortName(tp)) errs.push(field.invalid(`${f}.targetPort`, tp, m));
  else for (const m of isValidPortNum(tp ?? 0)) errs.push(field.invalid(`${f}.targetPort`, tp ?? 0, m));
  return errs;
}

/** The primary cluster IP may not change once set (an update that omits it keeps the allocated one). */
function validateServiceUpdate(spec: any, old: any): FieldError[] {
  if (spec.type === 'ExternalName' || old.type === 'ExternalName') return [];
  const now = spec.clusterIPs?.[0] ?? spec.clusterIP,
    was = old.clusterIPs?.[0] ?? old.clusterIP;
  if (now && was && now !== was) {
    return [
      field.invalid(
        'spec.clusterIPs[0]',
        new GoLiteral(
          `[]string{${(spec.clusterIPs ?? [spec.clusterIP]).map((x: string) => JSON.stringify(x)).join(', ')}}`,
        ),
        'may not change once set',
      ),
    ];
  }
  return [];
}

/** IsValidIP, then ValidateNonSpecialIP: no unspecified, loopback or link-local addresses. */
function validateExternalIP(ip: string, f: string): FieldError[] {
  const n = parseIPv4(ip);
  if (n === undefined) return [field.invalid(f, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
  const a = n >>> 24,
    b = (n >>> 16) & 255,
    c = (n >>> 8) & 255;
  if (n === 0) return [field.invalid(f, ip, 'may not be unspecified (0.0.0.0, ::)')];
  if (a === 127) return [field.invalid(f, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)')];
  if (a === 169 && b === 254)
    return [field.invalid(f, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)')];
  if (a === 224 && b === 0 && c === 0)
    return [field.invalid(f, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)')];
  return [];
}

function isCIDR(v: string): boolean {
  const m = /^(.+)\/(\d{1,2})$/.exec(v);
  return !!m && parseIPv4(m[1]) !== undefined && Number(m[2]) <= 32;
}
