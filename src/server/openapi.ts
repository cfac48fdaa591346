// OpenAPI v3 (/openapi/v3 and one document per group version), generated from kubernetes-types 1.30: the
// package is generated from the v1.30 OpenAPI spec, and keeps each definition's fields, types, required fields
// and descriptions. That is what `kubectl explain` renders, and what kubectl's field validation looks for (the
// fieldValidation parameter of each kind's PATCH operation: then kubectl leaves validation to the server).
// Custom resources get their CRD's openAPIV3Schema. /openapi/v2 is an empty document (zero bytes of protobuf,
// which kubectl asks for): kubectl reads v2 only for a kind v3 lacks, and finding it in neither it says what it
// says against a real cluster (`no matches for kind "Widget" in version "v1"`); a 404 would fail its validation.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import ts from 'typescript';
import type { ResourceInfo, ResourceRegistry } from '../api/kinds';
import { json, type ApiRequest, type ApiResponse } from './types';
import { errs } from './status';
import { groups, resourcesIn } from './discovery';

const ROOT = path.dirname(require.resolve('kubernetes-types/package.json'));

type Schema = Record<string, any>;

/** The OpenAPI name prefix of a kubernetes-types module. */
function prefixOf(mod: string): string {
  if (mod === 'meta/v1') return 'io.k8s.apimachinery.pkg.apis.meta.v1';
  if (mod === 'api/resource') return 'io.k8s.apimachinery.pkg.api.resource';
  if (mod === 'runtime') return 'io.k8s.apimachinery.pkg.runtime';
  if (mod === 'version') return 'io.k8s.apimachinery.pkg.version';
  if (mod === 'apiextensions/v1') return 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';
  return `io.k8s.api.${mod.replace('/', '.')}`;
}

/** The module of a group version: `apps/v1`, `core/v1`, `apiextensions/v1` (`networking.k8s.io` -> networking). */
function moduleOf(group: string, version: string): string {
  return `${group ? group.split('.')[0] : 'core'}/${version}`;
}

/** Every definition of the modules read so far, by OpenAPI name, with the names each one refers to. */
const defs = new Map<string, { schema: Schema; refs: Set<string> }>();
const read = new Set<string>();

const SPECIAL: Record<string, Schema> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'string' },
};

function readModule(mod: string): void {
  if (read.has(mod)) return;
  read.add(mod);
  const file = path.join(ROOT, `${mod}.d.ts`);
  if (!fs.existsSync(file)) return;
  const src = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const imports = new Map<string, string>();
  for (const st of src.statements) {
    if (
      ts.isImportDeclaration(st) &&
      ts.isStringLiteral(st.moduleSpecifier) &&
      st.importClause?.namedBindings &&
      ts.isNamedImports(st.importClause.namedBindings)
    ) {
      const from = path.posix.join(path.posix.dirname(mod), st.moduleSpecifier.text);
      for (const el of st.importClause.namedBindings.elements) imports.set(el.name.text, from);
    }
  }
  const prefix = prefixOf(mod);
  const nameOf = (t: string) => (imports.has(t) ? `${prefixOf(imports.get(t)!)}.${t}` : `${prefix}.${t}`);
  for (const st of src.statements) {
    const doc = (n: ts.Node) =>
      ts
        .getJSDocCommentsAndTags(n)
        .map((d) => (typeof d.comment === 'string' ? d.comment : ''))
        .join('\n');
    if (ts.isTypeAliasDeclaration(st)) {
      const name = `${prefix}.${st.name.text}`;
      defs.set(name, { schema: { description: doc(st), ...(SPECIAL[name] ?? { type: 'string' }) }, refs: new Set() });
    }
    if (!ts.isInterfaceDeclaration(st)) continue;
    const refs = new Set<string>();
    const shape = (node: ts.TypeNode | undefined): Schema => {
      if (!node) return {};
      switch (node.kind) {
        case ts.SyntaxKind.StringKeyword:
          return { type: 'string' };
        case ts.SyntaxKind.NumberKeyword:
          return { type: 'integer', format: 'int32' };
        case ts.SyntaxKind.BooleanKeyword:
          return { type: 'boolean' };
      }
      if (ts.isLiteralTypeNode(node)) return { type: 'string' };
      if (ts.isArrayTypeNode(node)) return { type: 'array', items: shape(node.elementType) };
      if (ts.isUnionTypeNode(node)) {
        const kinds = node.types.map((t) => t.kind);
        if (kinds.includes(ts.SyntaxKind.NumberKeyword) && kinds.includes(ts.SyntaxKind.StringKeyword))
          return { type: 'string', format: 'int-or-string', 'x-kubernetes-int-or-string': true };
        return shape(node.types[0]);
      }
      if (ts.isTypeLiteralNode(node)) {
        const index = node.members.find(ts.isIndexSignatureDeclaration);
        return index ? { type: 'object', additionalProperties: shape(index.type) } : { type: 'object' };
      }
      if (ts.isTypeReferenceNode(node)) {
        const t = node.typeName.getText(src);
        if (t === 'Array') return { type: 'array', items: shape(node.typeArguments?.[0]) };
        const ref = nameOf(t);
        refs.add(ref);
        return { allOf: [{ $ref: `#/components/schemas/${ref}` }] };
      }
      return {};
    };
    const properties: Schema = {};
    const required: string[] = [];
    let gvk: Schema | undefined;
    for (const m of st.members) {
      if (!ts.isPropertySignature(m) || !m.name) continue;
      const key = m.name.getText(src).replace(/^"|"$/g, '');
      const s = shape(m.type);
      const description = doc(m);
      properties[key] = s.allOf ? { description, ...s, ...(m.questionToken ? {} : {}) } : { description, ...s };
      if (!m.questionToken) required.push(key);
      if (key === 'kind' && m.type && ts.isLiteralTypeNode(m.type)) {
        const kind = m.type.getText(src).replace(/"/g, '');
        const av = st.members.find((x) => ts.isPropertySignature(x) && x.name.getText(src) === 'apiVersion') as
          | ts.PropertySignature
          | undefined;
        const apiVersion = av?.type?.getText(src).replace(/"/g, '') ?? '';
        const [g, v] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
        gvk = { group: g, version: v, kind };
      }
    }
    const schema: Schema = { description: doc(st), type: 'object', properties };
    if (required.length) schema.required = required;
    if (gvk) schema['x-kubernetes-group-version-kind'] = [gvk];
    defs.set(`${prefix}.${st.name.text}`, { schema, refs });
    for (const mod2 of new Set(imports.values())) readModule(mod2);
  }
}

/** The schemas a group version's kinds reach, with their own. */
function schemasFor(group: string, version: string, extra: Record<string, Schema>): Record<string, Schema> {
  const mod = moduleOf(group, version);
  readModule(mod);
  const out: Record<string, Schema> = {};
  const visit = (name: string) => {
    if (out[name]) return;
    const d = defs.get(name);
    if (!d) return;
    out[name] = d.schema;
    for (const r of d.refs) visit(r);
  };
  const prefix = prefixOf(mod) + '.';
  for (const name of defs.keys()) if (name.startsWith(prefix)) visit(name);
  for (const [name, s] of Object.entries(extra)) {
    out[name] = s;
    visit('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
  }
  return out;
}

/** A custom resource's schema: its CRD's openAPIV3Schema, with the standard apiVersion, kind and metadata. */
function customSchema(r: ResourceInfo, version: string): [string, Schema] {
  const s = JSON.parse(
    JSON.stringify(r.custom!.schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }),
  );
  s.properties = {
    ...(s.properties ?? {}),
    metadata: {
      description:
        "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
      allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }],
    },
  };
  s['x-kubernetes-group-version-kind'] = [{ group: r.group, version, kind: r.kind }];
  return [`${r.group.split('.').reverse().join('.')}.${version}.${r.kind}`, s];
}

const PATCH_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'].map((name) => ({
  name,
  in: 'query',
  schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
}));

function groupVersionDoc(reg: ResourceRegistry, group: string, version: string): unknown {
  const paths: Record<string, unknown> = {};
  const extra: Record<string, Schema> = {};
  for (const r of resourcesIn(reg, group, version)) {
    const gvk = { group: r.group, version, kind: r.kind };
    const base = `/${group ? `apis/${group}` : 'api'}/${version}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.resource}/{name}`;
    paths[base] = {
      get: {
        operationId: `read${r.kind}`,
        'x-kubernetes-action': 'get',
        'x-kubernetes-group-version-kind': gvk,
        responses: {},
      },
      patch: {
        operationId: `patch${r.kind}`,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': gvk,
        parameters: PATCH_PARAMS,
        responses: {},
      },
    };
    if (r.custom) {
      const [name, s] = customSchema(r, version);
      extra[name] = s;
    }
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.30.0' },
    paths,
    components: { schemas: schemasFor(group, version, extra) },
  };
}

const cache = new WeakMap<ResourceRegistry, Map<string, { body: string; hash: string; size: number }>>();

/** A group version's document, encoded once while the served resources stay the same. */
function encoded(reg: ResourceRegistry, group: string, version: string): { body: string; hash: string } {
  let m = cache.get(reg);
  if (!m) cache.set(reg, (m = new Map()));
  const key = `${group}/${version}`;
  const size = reg.all().length;
  let e = m.get(key);
  if (!e || e.size !== size || reg.customResources().some((r) => r.group === group)) {
    const body = JSON.stringify(groupVersionDoc(reg, group, version));
    e = { body, hash: createHash('sha512').update(body).digest('hex').slice(0, 128), size };
    m.set(key, e);
  }
  return e;
}

export function openapi(reg: ResourceRegistry, urlPath: string, _req: ApiRequest): ApiResponse {
  if (urlPath === '/openapi/v3') {
    const paths: Record<string, unknown> = {};
    for (const g of groups(reg))
      for (const v of g.versions) {
        const key = g.group ? `apis/${g.group}/${v}` : `api/${v}`;
        paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${encoded(reg, g.group, v).hash}` };
      }
    return json(200, { paths });
  }
  if (urlPath === '/openapi/v2')
    return { type: 'body', status: 200, headers: { 'content-type': 'application/octet-stream' }, body: '' };
  const m = /^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(urlPath);
  if (!m) throw errs.notFoundPath();
  const group = m[2] ?? '',
    version = m[1] ?? m[3];
  if (!groups(reg).some((g) => g.group === group && g.versions.includes(version))) throw errs.notFoundPath();
  return {
    type: 'body',
    status: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'public, immutable' },
    body: encoded(reg, group, version).body,
  };
}
