// CustomResourceDefinitions (apiextensions.k8s.io/v1): SetDefaults (apis/apiextensions/v1/defaults.go) and
// validation (apis/apiextensions/validation/validation.go) with the apiserver's field paths and messages.

import type { KObject } from '../../api/meta';
import { type FieldError, GoLiteral, field } from '../../api/errors';
import { isDNS1035Label, isDNS1123Subdomain } from '../../api/validation/meta';
import { setStatusCondition } from '../../api/conditions';

export const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

export function defaultCRD(crd: KObject): void {
  const spec = crd.spec ?? (crd.spec = {});
  const names = spec.names ?? (spec.names = {});
  if (names.kind && !names.singular) names.singular = String(names.kind).toLowerCase();
  if (names.kind && !names.listKind) names.listKind = `${names.kind}List`;
  spec.conversion ??= { strategy: 'None' };
  for (const v of spec.versions ?? []) {
    for (const c of v.additionalPrinterColumns ?? []) c.priority ??= 0;
  }
}

/** The Go rendering of spec.versions in the errors that print it (pointers elided). */
function goVersions(versions: any[]): GoLiteral {
  const one = (v: any) =>
    `apiextensions.CustomResourceDefinitionVersion{Name:${JSON.stringify(v.name ?? '')}, Served:${!!v.served}, Storage:${!!v.storage}, Deprecated:${!!v.deprecated}}`;
  return new GoLiteral(
    versions.length
      ? `[]apiextensions.CustomResourceDefinitionVersion{${versions.map(one).join(', ')}}`
      : '[]apiextensions.CustomResourceDefinitionVersion(nil)',
  );
}

export function validateCRD(crd: KObject, old: KObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const spec = crd.spec ?? {};
  const names = spec.names ?? {};
  const required = `${names.plural ?? ''}.${spec.group ?? ''}`;
  if (crd.metadata.name && crd.metadata.name !== required)
    errs.push(field.invalid('metadata.name', crd.metadata.name, 'must be spec.names.plural+"."+spec.group'));
  if (!spec.group) errs.push(field.required('spec.group'));
  else if (isDNS1123Subdomain(spec.group).length)
    errs.push(field.invalid('spec.group', spec.group, isDNS1123Subdomain(spec.group).join(',')));
  else if (spec.group.split('.').length < 2)
    errs.push(field.invalid('spec.group', spec.group, 'should be a domain with at least one dot'));
  if (!spec.scope) errs.push(field.required('spec.scope'));
  else if (spec.scope !== 'Cluster' && spec.scope !== 'Namespaced')
    errs.push(field.notSupported('spec.scope', spec.scope, ['Cluster', 'Namespaced']));
  const versions: any[] = spec.versions ?? [];
  const seen = new Set<string>();
  let storage = 0,
    unique = true;
  versions.forEach((v, i) => {
    if (v.storage) storage++;
    if (seen.has(v.name)) unique = false;
    else seen.add(v.name);
    const p = `spec.versions[${i}]`;
    const bad = isDNS1035Label(v.name ?? '');
    if (bad.length) errs.push(field.invalid(`${p}.name`, v.name ?? '', bad.join(',')));
    errs.push(...validateVersionSchema(v.schema?.openAPIV3Schema, `${p}.schema.openAPIV3Schema`));
    (v.additionalPrinterColumns ?? []).forEach((c: any, j: number) => {
      const cp = `${p}.additionalPrinterColumns[${j}]`;
      if (!c.name) errs.push(field.required(`${cp}.name`));
      if (!c.type) errs.push(field.required(`${cp}.type`));
      else if (!PRINTER_TYPES.includes(c.type)) errs.push(field.notSupported(`${cp}.type`, c.type, PRINTER_TYPES));
      if (!c.jsonPath) errs.push(field.required(`${cp}.jsonPath`));
    });
  });
  if (!unique) errs.push(field.invalid('spec.versions', goVersions(versions), 'must contain unique version names'));
  if (storage !== 1)
    errs.push(
      field.invalid('spec.versions', goVersions(versions), 'must have exactly one version marked as storage version'),
    );
  if (versions.length && !versions.some((v) => v.served))
    errs.push(field.invalid('spec.versions', goVersions(versions), 'must have at least one version marked as served'));
  for (const k of ['plural', 'singular', 'kind', 'listKind'])
    if (!names[k]) errs.push(field.required(`spec.names.${k}`));
  for (const k of ['plural', 'singular']) {
    const bad = names[k] ? isDNS1035Label(names[k]) : [];
    if (bad.length) errs.push(field.invalid(`spec.names.${k}`, names[k], bad.join(',')));
  }
  for (const k of ['kind', 'listKind']) {
    const bad = names[k] ? isDNS1035Label(String(names[k]).toLowerCase()) : [];
    if (bad.length)
      errs.push(
        field.invalid(`spec.names.${k}`, names[k], `may have mixed case, but should otherwise match: ${bad.join(',')}`),
      );
  }
  (names.shortNames ?? []).forEach((s: string, i: number) => {
    const bad = isDNS1035Label(s);
    if (bad.length) errs.push(field.invalid(`spec.names.shortNames[${i}]`, s, bad.join(',')));
  });
  if (old) {
    // the resource's name and storage never change (ValidateCustomResourceDefinitionSpecUpdate)
    const immutable = (f: string, a: unknown, b: unknown) => {
      if (a !== b) errs.push(field.invalid(f, a, 'field is immutable'));
    };
    immutable('spec.group', spec.group, old.spec?.group);
    immutable('spec.names.plural', names.plural, old.spec?.names?.plural);
    if (isEstablished(old)) {
      immutable('spec.scope', spec.scope, old.spec?.scope);
      immutable('spec.names.kind', names.kind, old.spec?.names?.kind);
    }
  }
  return errs;
}

const PRINTER_TYPES = ['integer', 'number', 'string', 'boolean', 'date'];

/** A v1 schema is required and must be structural: a type at the root and on every specified field. */
function validateVersionSchema(s: any, path: string): FieldError[] {
  if (!s) return [field.required(path, 'schemas are required')];
  const errs: FieldError[] = [];
  if (!s.type) errs.push(field.required(`${path}.type`, 'must not be empty at the root'));
  else if (s.type !== 'object') errs.push(field.invalid(`${path}.type`, s.type, 'must be object at the root'));
  const walk = (node: any, p: string) => {
    for (const [k, child] of Object.entries<any>(node.properties ?? {})) {
      const cp = `${p}.properties[${k}]`;
      if (!child.type && !child['x-kubernetes-int-or-string'] && !child['x-kubernetes-preserve-unknown-fields']) {
        errs.push(field.required(`${cp}.type`, 'must not be empty for specified object fields'));
      }
      walk(child, cp);
    }
    if (node.items && typeof node.items === 'object') {
      if (
        !node.items.type &&
        !node.items['x-kubernetes-int-or-string'] &&
        !node.items['x-kubernetes-preserve-unknown-fields']
      ) {
        errs.push(field.required(`${p}.items.type`, 'must not be empty for specified array items'));
      }
      walk(node.items, `${p}.items`);
    }
  };
  walk(s, path);
  return errs;
}

export function condition(crd: KObject, type: string): any {
  return (crd.status?.conditions ?? []).find((c: any) => c.type === type);
}

export interface CRDCondition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
}

export const TERMINATION_PENDING: CRDCondition = {
  type: 'Terminating',
  status: 'True',
  reason: 'InstanceDeletionPending',
  message: 'CustomResourceDefinition marked for deletion; instance deletion pending',
};

/** SetCRDCondition: as SetStatusCondition (a CRD's conditions carry no observedGeneration). */
export function setCRDCondition(crd: KObject, c: CRDCondition, now: string): void {
  const status = crd.status ?? (crd.status = {});
  status.conditions = setStatusCondition(status.conditions ?? [], c, now);
}

export function isEstablished(crd: KObject): boolean {
  return condition(crd, 'Established')?.status === 'True';
}
