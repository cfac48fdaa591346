// ValidateObjectMeta (k8s.io/apimachinery/pkg/api/validation/objectmeta.go), the name rules of each resource
// (pkg/apis/*/validation: DNS-1123 subdomain by default, a label or a DNS-1035 label for some), and the
// string checks of k8s.io/apimachinery/pkg/util/validation/validation.go with their exact messages.

import type { KObject } from '../meta';
import type { ResourceInfo } from '../kinds';
import { type FieldError, GoLiteral, field } from '../errors';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** validation.RegexError: note Go's `', ` + ` or ` gives two spaces before "or". */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (!examples.length) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}
export const maxLenError = (n: number): string => `must be no more than ${n} characters`;

export const dns1123LabelMsg = regexError(
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
  '[a-z0-9]([-a-z0-9]*[a-z0-9])?',
  'my-name',
  '123-abc',
);
export const dns1123SubdomainMsg = regexError(
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
  '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*',
  'example.com',
);
export const dns1035LabelMsg = regexError(
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
  '[a-z]([-a-z0-9]*[a-z0-9])?',
  'my-name',
  'abc-123',
);
const qualifiedNameMsg = regexError(
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]',
  'MyName',
  'my.name',
  '123-abc',
);
const labelValueMsg = regexError(
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?',
  'MyValue',
  'my_value',
  '12345',
);

export function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!DNS1123_LABEL.test(v)) errs.push(dns1123LabelMsg);
  return errs;
}
export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN.test(v)) errs.push(dns1123SubdomainMsg);
  return errs;
}
export function isDNS1035Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!DNS1035_LABEL.test(v)) errs.push(dns1035LabelMsg);
  return errs;
}

/** IsQualifiedName: an optional DNS subdomain prefix and a name part. */
export function isQualifiedName(v: string): string[] {
  const errs: string[] = [];
  const parts = v.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    name = parts[1];
    if (!parts[0]) errs.push('prefix part must be non-empty');
    else for (const m of isDNS1123Subdomain(parts[0])) errs.push('prefix part ' + m);
  } else {
    return [
      `a qualified name ${qualifiedNameMsg} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (!name) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part ' + maxLenError(63));
  if (!QUALIFIED_NAME.test(name)) errs.push('name part ' + qualifiedNameMsg);
  return errs;
}

export function isValidLabelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE.test(v)) errs.push(labelValueMsg);
  return errs;
}

const each = (f: string, v: unknown, msgs: string[]): FieldError[] => msgs.map((m) => field.invalid(f, v, m));

export const dns1123Label = (f: string, v: string): FieldError[] => each(f, v, isDNS1123Label(v));
export const dns1123Subdomain = (f: string, v: string): FieldError[] => each(f, v, isDNS1123Subdomain(v));
export const dns1035Label = (f: string, v: string): FieldError[] => each(f, v, isDNS1035Label(v));
export const qualifiedName = (f: string, v: string): FieldError[] => each(f, v, isQualifiedName(v));

/** ValidateLabels; keys in sorted order, where Go's map order is random. */
export function validateLabels(labels: Record<string, string> | undefined | null, f: string): FieldError[] {
  if (!labels) return [];
  const errs: FieldError[] = [];
  for (const k of Object.keys(labels).sort()) {
    errs.push(...each(f, k, isQualifiedName(k)));
    const v = labels[k];
    errs.push(...each(f, v, isValidLabelValue(typeof v === 'string' ? v : String(v))));
  }
  return errs;
}

const TOTAL_ANNOTATION_SIZE = 256 * (1 << 10);

/** ValidateAnnotations: keys are qualified names (lower-cased first), total size 256 KiB. */
export function validateAnnotations(annotations: Record<string, string> | undefined | null, f: string): FieldError[] {
  if (!annotations) return [];
  const errs: FieldError[] = [];
  let size = 0;
  for (const k of Object.keys(annotations).sort()) {
    errs.push(...each(f, k, isQualifiedName(k.toLowerCase())));
    size += k.length + String(annotations[k] ?? '').length;
  }
  if (size > TOTAL_ANNOTATION_SIZE) errs.push(field.tooLong(f, '', TOTAL_ANNOTATION_SIZE));
  return errs;
}

/** Name rules that differ from the DNS-1123 subdomain default. */
const NAME_RULE: Record<string, (v: string) => string[]> = {
  namespaces: isDNS1123Label,
  services: isDNS1035Label,
  statefulsets: isDNS1123Label,
  // rbac ValidateRBACName: path.IsValidPathSegmentName (`system:masters`, `kubeadm:cluster-admins`)
  roles: isPathSegmentName,
  rolebindings: isPathSegmentName,
  clusterroles: isPathSegmentName,
  clusterrolebindings: isPathSegmentName,
};

/** path.IsValidPathSegmentName */
export function isPathSegmentName(v: string): string[] {
  if (v === '.' || v === '..') return [`may not be '${v}'`];
  const bad = ['/', '%'].find((c) => v.includes(c));
  return bad ? [`may not contain '${bad}'`] : [];
}

export function validateObjectMeta(obj: KObject, r: ResourceInfo): FieldError[] {
  const m = obj.metadata;
  const errs: FieldError[] = [];
  if (m.generateName) {
    // generated names are checked with a trailing dash allowed (NameIsDNSSubdomain(name, prefix=true))
    const rule = NAME_RULE[r.resource] ?? isDNS1123Subdomain;
    const g = m.generateName;
    const base = g.length > 1 && g.endsWith('-') ? g.slice(0, -2) + 'a' : g; // maskTrailingDash, quirk included
    errs.push(...each('metadata.generateName', m.generateName, rule(base)));
  }
  if (!m.name) errs.push(field.required('metadata.name', 'name or generateName is required'));
  else errs.push(...each('metadata.name', m.name, (NAME_RULE[r.resource] ?? isDNS1123Subdomain)(m.name)));
  if (r.namespaced) {
    if (!m.namespace) errs.push(field.required('metadata.namespace', ''));
    else errs.push(...dns1123Label('metadata.namespace', m.namespace));
  } else if (m.namespace) errs.push(field.forbidden('metadata.namespace', 'not allowed on this type'));
  errs.push(...validateLabels(m.labels, 'metadata.labels'));
  errs.push(...validateAnnotations(m.annotations, 'metadata.annotations'));
  errs.push(...validateOwnerReferences(m.ownerReferences));
  return errs;
}

/**
 * ValidateOwnerReferences (apimachinery/pkg/api/validation/objectmeta.go): each reference needs a version, kind,
 * name and uid (the path is not indexed), and only one may be the controller. Without it a reference to
 * nothing would have its object collected by the garbage collector at once.
 */
export function validateOwnerReferences(refs: unknown): FieldError[] {
  if (!Array.isArray(refs)) return [];
  const f = 'metadata.ownerReferences';
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs as any[]) {
    const apiVersion = String(ref?.apiVersion ?? '');
    const version = apiVersion.includes('/') ? apiVersion.split('/').slice(1).join('/') : apiVersion;
    if (!version) errs.push(field.invalid(`${f}.apiVersion`, apiVersion, 'version must not be empty'));
    if (!ref?.kind) errs.push(field.invalid(`${f}.kind`, String(ref?.kind ?? ''), 'kind must not be empty'));
    if (!ref?.name) errs.push(field.invalid(`${f}.name`, String(ref?.name ?? ''), 'name must not be empty'));
    if (!ref?.uid) errs.push(field.invalid(`${f}.uid`, String(ref?.uid ?? ''), 'uid must not be empty'));
    if (ref?.controller === true) {
      const name = `${ref.kind ?? ''}/${ref.name ?? ''}`;
      if (firstController) {
        errs.push(
          field.invalid(
            f,
            new GoLiteral('[]v1.OwnerReference{...}'),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${name}`,
          ),
        );
      } else firstController = name;
    }
  }
  return errs;
}
