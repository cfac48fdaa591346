// The apiextensions-apiserver inside the kube-apiserver: CustomResourceDefinitions are validated like any
// kind, and an established one makes its custom resource served (crdHandler), with the decoding (defaults,
// pruning) and validation its schema gives. A CRD that goes takes its resource with it.

import type { ApiServer } from '../apiserver';
import type { KObject } from '../../api/meta';
import { RESOURCES, type ResourceInfo } from '../../api/kinds';
import type { ResourceStrategy } from '../strategy';
import { StatusError } from '../../api/errors';
import { defaultCRD, validateCRD, condition, isEstablished } from './crd-strategy';
import { type Schema, applyDefaults, prune, unknownFields, validateSchema } from './schema';

export function registerApiExtensions(api: ApiServer): void {
  api.strategies.register('customresourcedefinitions', {
    default: defaultCRD,
    validate: (o, old) => validateCRD(o, old),
  });
  api.store.watch('customresourcedefinitions', (ev) => {
    const crd = ev.object;
    if (ev.type === 'DELETED') return stopServing(api, crd.metadata.name!);
    // discovery lists a CRD once it is Established; it keeps serving while its instances are deleted
    if (isEstablished(crd)) serve(api, crd);
  });
}

function stopServing(api: ApiServer, crd: string): void {
  const r = api.resources.remove(crd);
  if (r) api.strategies.unregister(r.resource);
}

function serve(api: ApiServer, crd: KObject): void {
  const info = resourceInfo(crd);
  const current = api.resources.customResources().find((r) => r.custom!.crd === info.custom!.crd);
  // the model keys a resource's objects and strategies by its plural and finds it by its kind without the group:
  // a CRD sharing either with a built-in or another group's resource is not served (Calico's networkpolicies)
  const clash = (r: ResourceInfo) =>
    r.custom?.crd !== info.custom!.crd && (r.resource === info.resource || r.kind === info.kind);
  if (RESOURCES.some(clash) || api.resources.customResources().some(clash)) return;
  if (current && JSON.stringify(current) === JSON.stringify(info)) return;
  if (current) api.strategies.unregister(current.resource);
  api.resources.add(info);
  api.strategies.register(info.resource, customResourceStrategy(info));
}

/** What a CRD serves: its accepted names and its preferred served version (the highest, kube-aware ordering). */
export function resourceInfo(crd: KObject): ResourceInfo {
  const spec = crd.spec,
    names = crd.status?.acceptedNames ?? spec.names;
  const served = (spec.versions as any[])
    .filter((v) => v.served)
    .sort((a, b) => compareKubeAwareVersions(b.name, a.name));
  const preferred = served[0] ?? spec.versions[0];
  return {
    kind: names.kind,
    resource: names.plural,
    singular: names.singular ?? String(names.kind).toLowerCase(),
    short: names.shortNames ?? [],
    group: spec.group,
    version: preferred.name,
    namespaced: spec.scope === 'Namespaced',
    custom: {
      crd: crd.metadata.name!,
      versions: served.map((v) => v.name),
      status: !!preferred.subresources?.status,
      schema: preferred.schema?.openAPIV3Schema,
      printerColumns: preferred.additionalPrinterColumns ?? [],
      categories: names.categories ?? [],
    },
  };
}

/** The custom resource's REST strategy: status dropped on create when it is a subresource, decoding, schema. */
function customResourceStrategy(r: ResourceInfo): ResourceStrategy {
  const schema = r.custom!.schema as Schema | undefined;
  return {
    unknownFields: (obj) => unknownFields(obj, schema),
    default(obj) {
      prune(obj, schema);
      applyDefaults(obj, schema);
    },
    admit(op, obj, _old, api) {
      if (op === 'CREATE' && r.custom!.status) delete obj.status;
      const crd = api.tryGet('customresourcedefinitions', undefined, r.custom!.crd);
      if (op === 'CREATE' && crd && condition(crd, 'Terminating')?.status === 'True') {
        throw new StatusError(
          405,
          'MethodNotAllowed',
          'create not allowed while custom resource definition is terminating',
          { kind: r.resource, group: r.group },
        );
      }
    },
    validate(obj) {
      return validateSchema(obj, schema);
    },
  };
}

/** version.CompareKubeAwareVersionStrings: v2 > v1 > v1beta2 > v1beta1 > v1alpha1 > anything else (by name). */
export function compareKubeAwareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] | undefined => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return undefined;
    return [m[2] ? (m[2] === 'beta' ? 1 : 0) : 2, Number(m[1]), m[3] ? Number(m[3]) : 0];
  };
  const ra = rank(a),
    rb = rank(b);
  if (!ra || !rb) return ra ? 1 : rb ? -1 : a < b ? 1 : a > b ? -1 : 0;
  if (ra[0] !== rb[0]) return ra[0] - rb[0];
  if (ra[1] !== rb[1]) return ra[1] - rb[1];
  return ra[2] - rb[2];
}
