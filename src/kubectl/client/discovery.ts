// kubectl's RESTMapper, from discovery (client-go discovery and restmapper): the aggregated documents of /api
// and /apis (apidiscovery.k8s.io/v2, what kubectl 1.26+ asks for), read when a command first needs a resource.
// Built-in kinds are kubectl's own scheme's (src/api/kinds.ts); every other resource the server lists (custom
// resources, the authorization reviews) is learnt from the documents: its names, scope, versions, categories.

import { ResourceRegistry, resolveResource, type ResourceInfo } from '../../api/kinds';
import { StatusError, type StatusReason } from '../../api/errors';
import type { RestClient } from './rest';

/** HTTP status codes as client-go's newUnstructuredResponseError names them, for an answer it cannot decode. */
const REASONS: Record<number, StatusReason> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  504: 'Timeout',
};

/**
 * Discovery refused (a user who may not impersonate whom --as names): kubectl 1.30's aggregated discovery client
 * cannot decode the Status of the refusal, so it knows only the code: `Error from server (Forbidden): unknown`.
 */
export class DiscoveryFailure extends StatusError {
  constructor(code: number) {
    super(code, REASONS[code] ?? '', 'unknown');
  }
}

const ACCEPT = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';

export function discover(rest: RestClient): ResourceRegistry {
  const reg = new ResourceRegistry();
  for (const path of ['/api', '/apis']) {
    let doc: any;
    try {
      doc = rest.value({ method: 'GET', path, headers: { accept: ACCEPT } });
    } catch (e) {
      if (e instanceof StatusError) throw new DiscoveryFailure(e.code);
      throw e;
    }
    for (const g of doc?.items ?? []) {
      const group: string = g.metadata?.name ?? '';
      const versions: string[] = (g.versions ?? []).map((v: any) => v.version);
      // the preferred version first: a resource is mapped to the first version that serves it
      const seen = new Map<string, ResourceInfo>();
      for (const v of g.versions ?? []) {
        for (const e of v.resources ?? []) {
          const known = resolveResource(group ? `${e.resource}.${group}` : e.resource);
          if (known && known.group === group) continue;
          const had = seen.get(e.resource);
          if (had) {
            had.custom!.versions.push(v.version);
            continue;
          }
          const r: ResourceInfo = {
            kind: e.responseKind?.kind ?? '',
            resource: e.resource,
            singular: e.singularResource || (e.responseKind?.kind ?? '').toLowerCase(),
            short: e.shortNames ?? [],
            group,
            version: v.version,
            namespaced: e.scope === 'Namespaced',
            custom: {
              crd: `${e.resource}.${group}`,
              versions: [v.version],
              categories: e.categories ?? [],
              status: (e.subresources ?? []).some((s: any) => s.subresource === 'status'),
              schema: undefined,
              printerColumns: [],
            },
          };
          seen.set(e.resource, r);
        }
      }
      for (const r of seen.values()) {
        r.custom!.versions.sort((a, b) => versions.indexOf(a) - versions.indexOf(b));
        reg.add(r);
      }
    }
  }
  return reg;
}
