// ValidateObjectMeta (k8s.io/apimachinery/pkg/api/validation/objectmeta.go) and the name rules of each
// resource (pkg/apis/core/validation: DNS-1123 subdomain by default, label or DNS-1035 for some).

import type { KObject } from '../meta';
import type { ResourceInfo } from '../kinds';
import { FieldError, field } from '../errors';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export const dns1123LabelMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const dns1123SubdomainMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
export const dns1035LabelMsg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/** Errors for a DNS-1123 label (63 characters at most). */
export function dns1123Label(f: string, v: string): FieldError[] {
  const errs: FieldError[] = [];
  if (v.length > 63) errs.push(field.invalid(f, v, 'must be no more than 63 characters'));
  if (!DNS1123_LABEL.test(v)) errs.push(field.invalid(f, v, dns1123LabelMsg));
  return errs;
}

export function dns1123Subdomain(f: string, v: string): FieldError[] {
  const errs: FieldError[] = [];
  if (v.length > 253) errs.push(field.invalid(f, v, 'must be no more than 253 characters'));
  if (!DNS1123_SUBDOMAIN.test(v)) errs.push(field.invalid(f, v, dns1123SubdomainMsg));
  return errs;
}

export function dns1035Label(f: string, v: string): FieldError[] {
  const errs: FieldError[] = [];
  if (v.length > 63) errs.push(field.invalid(f, v, 'must be no more than 63 characters'));
  if (!DNS1035_LABEL.test(v)) errs.push(field.invalid(f, v, dns1035LabelMsg));
  return errs;
}

const NAME_RULE: Record<string, (f: string, v: string) => FieldError[]> = {
  namespaces: dns1123Label,
  services: dns1035Label,
};

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const qualifiedNameMsg = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const labelValueMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** ValidateLabels: keys are qualified names (an optional DNS subdomain prefix), values 63 characters at most. */
export function validateLabels(labels: Record<string, string> | undefined, f: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    const parts = k.split('/');
    const name = parts[parts.length - 1];
    if (parts.length > 2 || !QUALIFIED_NAME.test(name) || name.length > 63 || (parts.length === 2 && !DNS1123_SUBDOMAIN.test(parts[0]))) {
      errs.push(field.invalid(f, k, qualifiedNameMsg));
    }
    if (typeof v !== 'string') errs.push(field.invalid(`${f}`, v, 'label values must be strings'));
    else if (v.length > 63 || !LABEL_VALUE.test(v)) errs.push(field.invalid(f, v, labelValueMsg + (v.length > 63 ? '' : '')));
  }
  return errs;
}

export function validateObjectMeta(obj: KObject, r: ResourceInfo): FieldError[] {
  const m = obj.metadata;
  const errs: FieldError[] = [];
  if (!m.name) errs.push(field.required('metadata.name', 'name or generateName is required'));
  else errs.push(...(NAME_RULE[r.resource] ?? dns1123Subdomain)('metadata.name', m.name));
  if (r.namespaced && m.namespace) errs.push(...dns1123Label('metadata.namespace', m.namespace));
  errs.push(...validateLabels(m.labels, 'metadata.labels'));
  return errs;
}
