// The fields of every built-in kind, read from kubernetes-types (the v1.30 API's own Go field names, as the
// package generates them from the OpenAPI spec), for the strict decoding that kubectl's default
// `--validate=strict` asks of the API server: a field the kind does not have refuses the request.
// Each module of the package is parsed once per process, when a kind first needs it, with the TypeScript parser
// (a dependency already).

import * as fs from 'fs';
import * as path from 'path';
import type TS from 'typescript';

/** What a field holds: anything (RawExtension, JSON), a scalar, a list, a map, or a struct (by its key). */
export type Shape = { t: 'any' } | { t: 'scalar' } | { t: 'array'; of: Shape } | { t: 'map'; of: Shape } | { t: 'ref'; key: string };

const ANY: Shape = { t: 'any' }, SCALAR: Shape = { t: 'scalar' };

interface Table { structs: Map<string, Map<string, Shape>>; aliases: Map<string, Shape>; read: Set<string> }

const table: Table = { structs: new Map(), aliases: new Map(), read: new Set() };
const ROOT = path.dirname(require.resolve('kubernetes-types/package.json'));

/** Parses the module a key (`core/v1.PodSpec`) belongs to, if not done yet; false when there is none. */
function ensure(t: Table, key: string): boolean {
  const mod = key.slice(0, key.lastIndexOf('.'));
  if (t.read.has(mod)) return true;
  t.read.add(mod);
  const file = `${mod}.d.ts`;
  if (!fs.existsSync(path.join(ROOT, file))) return false;
  readFile(t, file);
  return true;
}

/** `apps/v1.d.ts` -> `apps/v1`; imports resolve to the same keys. */
function moduleKey(file: string): string { return file.replace(/\.d\.ts$/, ''); }

function readFile(t: Table, file: string): void {
  // required on first use: the compiler is 9 MB of JavaScript (~0.2 s to load), which a run that decodes no
  // built-in object never needs
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof TS;
  const key = moduleKey(file);
  const src = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest);
  const imports = new Map<string, string>();
  for (const st of src.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
      const from = moduleKey(path.posix.join(path.posix.dirname(file), st.moduleSpecifier.text + '.d.ts'));
      for (const el of st.importClause.namedBindings.elements) imports.set(el.name.text, `${from}.${el.name.text}`);
    }
  }
  const ref = (name: string): Shape => ({ t: 'ref', key: imports.get(name) ?? `${key}.${name}` });
  const shape = (node: TS.TypeNode | undefined): Shape => {
    if (!node) return ANY;
    if (ts.isArrayTypeNode(node)) return { t: 'array', of: shape(node.elementType) };
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText(src);
      if (name === 'Array') return { t: 'array', of: shape(node.typeArguments?.[0]) };
      return ref(name);
    }
    if (ts.isTypeLiteralNode(node)) {
      const index = node.members.find(ts.isIndexSignatureDeclaration);
      return index ? { t: 'map', of: shape(index.type) } : ANY;
    }
    if (ts.isUnionTypeNode(node)) {
      // int-or-string and the like are scalars; a union with a struct in it (JSONSchemaPropsOrBool) is not checked
      return node.types.every((m) => shape(m).t === 'scalar') ? SCALAR : ANY;
    }
    if (node.kind === ts.SyntaxKind.AnyKeyword || node.kind === ts.SyntaxKind.UnknownKeyword) return ANY;
    return SCALAR;
  };
  for (const st of src.statements) {
    if (ts.isInterfaceDeclaration(st)) {
      const fields = new Map<string, Shape>();
      for (const m of st.members) {
        if (ts.isPropertySignature(m) && m.name) fields.set(m.name.getText(src).replace(/^["']|["']$/g, ''), shape(m.type));
      }
      t.structs.set(`${key}.${st.name.text}`, fields);
    } else if (ts.isTypeAliasDeclaration(st)) {
      t.aliases.set(`${key}.${st.name.text}`, shape(st.type));
    }
  }
}

/** The kubernetes-types module of an apiVersion: `apps/v1` -> apps/v1, `v1` -> core/v1, `rbac.authorization.k8s.io/v1` -> rbac/v1. */
function moduleOf(apiVersion: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return `${group ? group.split('.')[0] : 'core'}/${version}`;
}

/** The key of a built-in kind's struct (`apps/v1.Deployment`), or undefined when kubernetes-types has none. */
export function kindKey(obj: { apiVersion?: string; kind?: string }): string | undefined {
  const key = `${moduleOf(obj.apiVersion ?? '')}.${obj.kind}`;
  return ensure(table, key) && table.structs.has(key) ? key : undefined;
}

/** A struct's fields by name, or the shape a type alias stands for (`api/resource.Quantity` is a scalar). */
export function resolve(key: string): { fields?: Map<string, Shape>; alias?: Shape } {
  ensure(table, key);
  return { fields: table.structs.get(key), alias: table.aliases.get(key) };
}

/** The fields of an object that its kind does not have, as the strict decoder names them (`spec.replica`, `spec.template.spec.containers[0].imagee`). */
export function unknownBuiltinFields(obj: { apiVersion?: string; kind?: string }): string[] {
  const key = kindKey(obj);
  if (!key) return [];
  const out: string[] = [];
  walk(table, obj, { t: 'ref', key }, '', out);
  return out;
}

function walk(t: Table, v: unknown, s: Shape, at: string, out: string[]): void {
  if (v === null || v === undefined || typeof v !== 'object') return;
  if (s.t === 'ref') {
    ensure(t, s.key);
    const alias = t.aliases.get(s.key);
    if (alias) return walk(t, v, alias, at, out);
    const fields = t.structs.get(s.key);
    // JSONSchemaProps lacks the x-kubernetes-* extensions in kubernetes-types: the CRD schema is not checked here;
    // a struct without fields (RawExtension) holds anything
    if (!fields || !fields.size || s.key.endsWith('.JSONSchemaProps') || Array.isArray(v)) return;
    // kubectl sends the manifest as JSON with its keys sorted (sigs.k8s.io/yaml), the order the decoder reports them
    for (const [k, child] of Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
      const f = fields.get(k);
      const p = at ? `${at}.${k}` : k;
      if (f) walk(t, child, f, p, out); else out.push(p);
    }
  } else if (s.t === 'array' && Array.isArray(v)) v.forEach((x, i) => walk(t, x, s.of, `${at}[${i}]`, out));
  else if (s.t === 'map' && !Array.isArray(v)) for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(t, x, s.of, `${at}[${k}]`, out);
}
