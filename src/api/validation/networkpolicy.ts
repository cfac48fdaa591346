// NetworkPolicy validation (pkg/apis/networking/validation/validation.go: ValidateNetworkPolicySpec,
// ValidateNetworkPolicyPort, ValidateNetworkPolicyPeer, ValidateIPBlock), in the source's order.

import { type FieldError, field } from '../errors';
import { isValidPortName, isValidPortNum, validateLabelSelector } from './common';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];

export function validateNetworkPolicy(obj: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs = validateLabelSelector(spec.podSelector ?? {}, 'spec.podSelector');
  for (const [dir, peersKey] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    (spec[dir] ?? []).forEach((rule: any, i: number) => {
      const path = `spec.${dir}[${i}]`;
      (rule?.ports ?? []).forEach((p: any, j: number) => errs.push(...validatePort(p ?? {}, `${path}.ports[${j}]`)));
      (rule?.[peersKey] ?? []).forEach((p: any, j: number) =>
        errs.push(...validatePeer(p ?? {}, `${path}.${peersKey}[${j}]`)),
      );
    });
  }
  const types: string[] = spec.policyTypes ?? [];
  if (types.length > POLICY_TYPES.length) {
    errs.push(field.invalid('spec.policyTypes', types, 'may not specify more than two policyTypes'));
    return errs;
  }
  types.forEach((t, i) => {
    if (!POLICY_TYPES.includes(t)) errs.push(field.notSupported(`spec.policyTypes[${i}]`, t, POLICY_TYPES));
  });
  return errs;
}

function validatePort(p: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.protocol !== undefined && p.protocol !== null && !PROTOCOLS.includes(p.protocol))
    errs.push(field.notSupported(`${path}.protocol`, p.protocol, PROTOCOLS));
  const hasEnd = p.endPort !== undefined && p.endPort !== null;
  if (p.port === undefined || p.port === null) {
    if (hasEnd)
      errs.push(field.invalid(`${path}.endPort`, p.endPort, 'may not be specified when `port` is not specified'));
  } else if (typeof p.port === 'number') {
    for (const m of isValidPortNum(p.port)) errs.push(field.invalid(`${path}.port`, p.port, m));
    if (hasEnd) {
      if (p.endPort < p.port)
        errs.push(field.invalid(`${path}.endPort`, p.port, 'must be greater than or equal to `port`'));
      for (const m of isValidPortNum(p.endPort)) errs.push(field.invalid(`${path}.endPort`, p.endPort, m));
    }
  } else {
    if (hasEnd)
      errs.push(field.invalid(`${path}.endPort`, p.endPort, 'may not be specified when `port` is non-numeric'));
    for (const m of isValidPortName(String(p.port))) errs.push(field.invalid(`${path}.port`, p.port, m));
  }
  return errs;
}

function validatePeer(peer: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  if (peer.podSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.podSelector, `${path}.podSelector`));
  }
  if (peer.namespaceSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, `${path}.namespaceSelector`));
  }
  if (peer.ipBlock) {
    n++;
    errs.push(...validateIPBlock(peer.ipBlock, `${path}.ipBlock`));
  }
  if (n === 0) errs.push(field.required(path, 'must specify a peer'));
  else if (n > 1 && peer.ipBlock) errs.push(field.forbidden(path, 'may not specify both ipBlock and another peer'));
  return errs;
}

/** A CIDR as net.ParseCIDR reads it: [network, prefix], or undefined. */
function parseCIDR(s: string): [number, number] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(s);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number),
    bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const ip = ((octets[0] * 256 + octets[1]) * 256 + octets[2]) * 256 + octets[3];
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return [(ip & mask) >>> 0, bits];
}

function validateIPBlock(b: any, path: string): FieldError[] {
  if (!b.cidr) return [field.required(`${path}.cidr`, '')];
  const cidr = parseCIDR(b.cidr);
  if (!cidr) return [field.invalid(`${path}.cidr`, b.cidr, 'not a valid CIDR')];
  const errs: FieldError[] = [];
  for (const [i, ex] of (b.except ?? []).entries()) {
    const e = parseCIDR(ex);
    if (!e) {
      errs.push(field.invalid(`${path}.except[${i}]`, ex, 'not a valid CIDR'));
      return errs;
    }
    const mask = cidr[1] === 0 ? 0 : (~0 << (32 - cidr[1])) >>> 0;
    if ((e[0] & mask) >>> 0 !== cidr[0] || cidr[1] >= e[1])
      errs.push(field.invalid(`${path}.except[${i}]`, ex, 'must be a strict subset of `cidr`'));
  }
  return errs;
}
