// The fields a list may select on, per kind (the AddFieldLabelConversionFunc registrations of pkg/apis/*/v1 and
// each registry's ToSelectableFields): metadata.name and metadata.namespace for every kind, and the kind's own.
// Any other field fails the list with `field label not supported: <label>`.

import type { KObject } from '../api/meta';
import { badRequest } from '../api/errors';
import { type FieldRequirement, SelectorError, matchesFieldSet, parseFieldSelector } from '../api/selectors';

const bool = (v: unknown) => String(v === true);
const int = (v: unknown) => String(v ?? 0);
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** Each kind's selectable fields beyond metadata.name/namespace, with the value each has for an object. */
const FIELDS: Record<string, Record<string, (o: any) => string>> = {
  pods: {
    'spec.nodeName': (o) => str(o.spec?.nodeName),
    'spec.restartPolicy': (o) => str(o.spec?.restartPolicy),
    'spec.schedulerName': (o) => str(o.spec?.schedulerName),
    'spec.serviceAccountName': (o) => str(o.spec?.serviceAccountName),
    'spec.hostNetwork': (o) => bool(o.spec?.hostNetwork),
    'status.phase': (o) => str(o.status?.phase),
    'status.podIP': (o) => str(o.status?.podIPs?.[0]?.ip ?? o.status?.podIP),
    'status.podIPs': (o) => (o.status?.podIPs ?? []).map((p: any) => p.ip).join(','),
    'status.nominatedNodeName': (o) => str(o.status?.nominatedNodeName),
  },
  nodes: { 'spec.unschedulable': (o) => bool(o.spec?.unschedulable) },
  replicationcontrollers: { 'status.replicas': (o) => int(o.status?.replicas) },
  replicasets: { 'status.replicas': (o) => int(o.status?.replicas) },
  jobs: { 'status.successful': (o) => int(o.status?.succeeded) },
  namespaces: { 'status.phase': (o) => str(o.status?.phase) },
  secrets: { type: (o) => str(o.type) },
  services: { 'spec.clusterIP': (o) => str(o.spec?.clusterIP), 'spec.type': (o) => str(o.spec?.type) },
  events: Object.fromEntries([
    ...['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'].map((k) => [
      `involvedObject.${k}`,
      (o: any) => str(o.involvedObject?.[k]),
    ]),
    ['reason', (o: any) => str(o.reason)],
    ['reportingComponent', (o: any) => str(o.reportingComponent)],
    ['source', (o: any) => str(o.source?.component)],
    ['type', (o: any) => str(o.type)],
  ]),
  certificatesigningrequests: { 'spec.signerName': (o) => str(o.spec?.signerName) },
};
const META: Record<string, (o: any) => string> = {
  'metadata.name': (o) => str(o.metadata?.name),
  'metadata.namespace': (o) => str(o.metadata?.namespace),
};

/**
 * A list's field selector for a resource: parsed, each field checked (a BadRequest otherwise), ready to match. A
 * custom resource's objects select on metadata.name and metadata.namespace only, refused in apiextensions' words.
 */
export function fieldSelectorFor(resource: string, text: string, custom = false): FieldRequirement[] {
  let reqs: FieldRequirement[];
  try {
    reqs = parseFieldSelector(text);
  } catch (e) {
    throw e instanceof SelectorError ? badRequest(e.message) : e;
  }
  for (const r of reqs) {
    // old v1 clients' spec.host is spec.nodeName
    if (resource === 'pods' && r.field === 'spec.host') r.field = 'spec.nodeName';
    if (META[r.field]) continue;
    if (custom)
      throw badRequest(`"${r.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
    if (!FIELDS[resource]?.[r.field]) throw badRequest(`field label not supported: ${r.field}`);
  }
  return reqs;
}

export function matchesFieldSelector(resource: string, reqs: FieldRequirement[], obj: KObject): boolean {
  return matchesFieldSet(reqs, (f) => (META[f] ?? FIELDS[resource]?.[f] ?? str)(obj));
}
