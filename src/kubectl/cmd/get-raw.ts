// kubectl get --raw PATH (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go RawGet): the API server's response body
// for a path, as JSON: /healthz, /livez, /readyz, /version, /api, /apis, and objects and lists under
// /api/v1/... and /apis/GROUP/VERSION/... (namespaced: .../namespaces/NS/RESOURCE[/NAME]). A path the server
// does not serve is NotFound, as kube-apiserver answers it.

import type { Ctx } from '../context';
import type { ResourceInfo } from '../../api/kinds';
import type { KObject } from '../../api/meta';
import { StatusError } from '../../api/errors';

const notFound = () => new StatusError(404, 'NotFound', 'the server could not find the requested resource');

/** An object as the server encodes it: kind and apiVersion first, then the rest. */
function encoded(o: KObject): string {
  const { kind, apiVersion, ...rest } = o;
  return JSON.stringify({ kind, apiVersion, ...rest }) + '\n';
}

export function getRaw(ctx: Ctx, rawPath: string): void {
  const [pathOnly, query = ''] = rawPath.split('?');
  const segments = pathOnly.split('/').filter(Boolean);
  if (['healthz', 'livez', 'readyz'].includes(segments[0]) && segments.length === 1) { ctx.out('ok'); return; }
  if (pathOnly === '/version') {
    ctx.out(JSON.stringify({ major: '1', minor: '30', gitVersion: 'v1.30.0', gitCommit: '7c48c2bd72b9bf5c44d21d7338cc7bea77d0ad2a', gitTreeState: 'clean',
      buildDate: '2024-04-17T17:27:03Z', goVersion: 'go1.22.2', compiler: 'gc', platform: 'linux/amd64' }, null, 2));
    return;
  }
  const all = ctx.resources.all();
  if (pathOnly === '/api') {
    ctx.out(JSON.stringify({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.96.0.1:443' }] }) + '\n');
    return;
  }
  if (pathOnly === '/apis') {
    const groups = [...new Set(all.filter((r) => r.group).map((r) => r.group))].sort();
    ctx.out(JSON.stringify({ kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((g) => {
      const versions = [...new Set(all.filter((r) => r.group === g).map((r) => r.version))];
      const gv = versions.map((v) => ({ groupVersion: `${g}/${v}`, version: v }));
      return { name: g, versions: gv, preferredVersion: gv[0] };
    }) }) + '\n');
    return;
  }
  // /api/v1/... or /apis/GROUP/VERSION/...
  let group: string, version: string, rest: string[];
  if (segments[0] === 'api' && segments[1]) [group, version, rest] = ['', segments[1], segments.slice(2)];
  else if (segments[0] === 'apis' && segments[2]) [group, version, rest] = [segments[1], segments[2], segments.slice(3)];
  else throw notFound();
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) { namespace = rest[1]; rest = rest.slice(2); }
  const [resource, name, sub] = rest;
  const r: ResourceInfo | undefined = all.find((x) => x.resource === resource && x.group === group && x.version === version);
  if (!r || sub || (namespace && !r.namespaced)) throw notFound();
  if (name) { ctx.out(encoded(ctx.api.get(r.resource, r.namespaced ? namespace : undefined, name))); return; }
  const selector = new URLSearchParams(query).get('labelSelector') ?? undefined;
  const items = ctx.api.list(r.resource, { namespace, labelSelector: selector });
  const list = { kind: `${r.kind}List`, apiVersion: group ? `${group}/${version}` : version, metadata: { resourceVersion: String(ctx.cluster.store.resourceVersion()) },
    items: items.map((o) => { const { kind: _k, apiVersion: _a, ...x } = o; return x; }) };
  ctx.out(JSON.stringify(list) + '\n');
}
