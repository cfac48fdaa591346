// Ingress and IngressClass validation (pkg/apis/networking/validation/validation.go: ValidateIngressCreate,
// ValidateIngressSpec, validateHTTPIngressPath, validateIngressBackend, ValidateIngressClass), in the source's order.

import { type FieldError, GoLiteral, field } from '../errors';
import { isDNS1035Label, isDNS1123Subdomain, regexError } from './meta';
import { immutable, isValidPortName, isValidPortNum } from './common';
import { ANNOTATION_INGRESS_CLASS } from '../well-known';

const SUPPORTED_PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
const WILDCARD_DNS1123_SUBDOMAIN = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const wildcardMsg = regexError(
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
  '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*',
  '*.example.com',
);
const HTTP_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;
const MAX_LEN_CONTROLLER = 250;

const isIP = (s: string): boolean =>
  /^\d{1,3}(\.\d{1,3}){3}$/.test(s) || (s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s));

function isWildcardDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push('must be no more than 253 characters');
  if (!WILDCARD_DNS1123_SUBDOMAIN.test(v)) errs.push(wildcardMsg);
  return errs;
}

function validateHost(host: string, f: string): FieldError[] {
  const check = host.includes('*') ? isWildcardDNS1123Subdomain : isDNS1123Subdomain;
  return check(host).map((m) => field.invalid(f, host, m));
}

export function validateIngress(obj: any, old: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  const rules: any[] = spec.rules ?? [];
  if (!rules.length && !spec.defaultBackend)
    errs.push(
      field.invalid(
        'spec',
        new GoLiteral('[]networking.IngressRule(nil)'),
        'either `defaultBackend` or `rules` must be specified',
      ),
    );
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  rules.forEach((rule, i) => {
    const f = `spec.rules[${i}]`;
    const host = rule?.host ?? '';
    if (host) {
      if (isIP(host)) errs.push(field.invalid(`${f}.host`, host, 'must be a DNS name, not an IP address'));
      errs.push(...validateHost(host, `${f}.host`));
    }
    if (rule?.http) {
      const paths: any[] = rule.http.paths ?? [];
      if (!paths.length) errs.push(field.required(`${f}.http.paths`, ''));
      paths.forEach((p, j) => errs.push(...validatePath(p ?? {}, `${f}.http.paths[${j}]`)));
    }
  });
  (spec.tls ?? []).forEach((tls: any, i: number) => {
    (tls?.hosts ?? []).forEach((h: string, j: number) => errs.push(...validateHost(h, `spec.tls[${i}].hosts[${j}]`)));
    if (tls?.secretName)
      errs.push(
        ...isDNS1123Subdomain(tls.secretName).map((m) => field.invalid(`spec.tls[${i}].secretName`, tls.secretName, m)),
      );
  });
  if (spec.ingressClassName !== undefined && spec.ingressClassName !== null) {
    errs.push(
      ...isDNS1123Subdomain(spec.ingressClassName).map((m) =>
        field.invalid('spec.ingressClassName', spec.ingressClassName, m),
      ),
    );
  }
  const annotation = obj.metadata?.annotations?.[ANNOTATION_INGRESS_CLASS];
  if (!old && annotation !== undefined && spec.ingressClassName && annotation !== spec.ingressClassName) {
    errs.push(
      field.invalid(
        `annotations.${ANNOTATION_INGRESS_CLASS}`,
        annotation,
        'must match `ingressClassName` when both are specified',
      ),
    );
  }
  return errs;
}

function validatePath(p: any, f: string): FieldError[] {
  if (!p.pathType) return [field.required(`${f}.pathType`, 'pathType must be specified')];
  const errs: FieldError[] = [];
  const path: string = p.path ?? '';
  switch (p.pathType) {
    case 'Exact':
    case 'Prefix':
      if (!path.startsWith('/')) errs.push(field.invalid(`${f}.path`, path, 'must be an absolute path'));
      if (path) {
        for (const seq of INVALID_PATH_SEQUENCES)
          if (path.includes(seq)) errs.push(field.invalid(`${f}.path`, path, `must not contain '${seq}'`));
        for (const suf of INVALID_PATH_SUFFIXES)
          if (path.endsWith(suf)) errs.push(field.invalid(`${f}.path`, path, `cannot end with '${suf}'`));
      }
      break;
    case 'ImplementationSpecific':
      if (path && !path.startsWith('/')) errs.push(field.invalid(`${f}.path`, path, 'must be an absolute path'));
      break;
    default:
      errs.push(field.notSupported(`${f}.pathType`, p.pathType, SUPPORTED_PATH_TYPES));
  }
  errs.push(...validateBackend(p.backend ?? {}, `${f}.backend`));
  return errs;
}

function validateBackend(b: any, f: string): FieldError[] {
  if (b.resource && b.service) return [field.invalid(f, '', 'cannot set both resource and service backends')];
  if (b.resource) {
    const errs: FieldError[] = [];
    if (!b.resource.kind) errs.push(field.required(`${f}.resource.kind`, ''));
    if (!b.resource.name) errs.push(field.required(`${f}.resource.name`, ''));
    return errs;
  }
  if (!b.service) return [field.invalid(f, '', 'resource or service backend is required')];
  const errs: FieldError[] = [];
  const name = b.service.name ?? '';
  if (!name) errs.push(field.required(`${f}.service.name`, ''));
  else errs.push(...isDNS1035Label(name).map((m) => field.invalid(`${f}.service.name`, name, m)));
  const port = b.service.port ?? {};
  const hasName = !!port.name,
    hasNumber = !!port.number;
  if (hasName && hasNumber) errs.push(field.invalid(f, '', 'cannot set both port name & port number'));
  else if (hasName)
    errs.push(...isValidPortName(port.name).map((m) => field.invalid(`${f}.service.port.name`, port.name, m)));
  else if (hasNumber)
    errs.push(...isValidPortNum(port.number).map((m) => field.invalid(`${f}.service.port.number`, port.number, m)));
  else errs.push(field.required(f, 'port name or number is required'));
  return errs;
}

export function validateIngressClass(obj: any, old: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  if (old) errs.push(...immutable(spec.controller, old.spec?.controller, 'spec.controller'));
  const controller: string = spec.controller ?? '';
  if (!controller) return [...errs, field.required('spec.controller', '')];
  if (controller.length > MAX_LEN_CONTROLLER) errs.push(field.tooLong('spec.controller', '', MAX_LEN_CONTROLLER));
  // IsDomainPrefixedPath
  const slash = controller.indexOf('/');
  const host = controller.slice(0, slash),
    path = controller.slice(slash + 1);
  if (slash <= 0 || !path)
    return [
      ...errs,
      field.invalid('spec.controller', controller, 'must be a domain-prefixed path (such as "acme.io/foo")'),
    ];
  errs.push(...isDNS1123Subdomain(host).map((m) => field.invalid('spec.controller', host, m)));
  if (!HTTP_PATH.test(path))
    errs.push(field.invalid('spec.controller', path, regexError('Invalid path', "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+")));
  return errs;
}
