#!/usr/bin/env node
// Generates src/apiserver/decode/go-types.json: the Go type of every JSON field of the built-in kinds, read from
// the Go sources of the Kubernetes 1.30 API (k8s.io/api, k8s.io/apimachinery and k8s.io/apiextensions-apiserver
// at v0.30.0), for the decoder that refuses what the API server's JSON decoder refuses, with its messages.
//
//   node scripts/gen-go-types.js <k8s.io/api git dir> <apimachinery git dir> <apiextensions-apiserver git dir>
//
// Output: { structs: { "apps/v1.DeploymentSpec": { "replicas": "*int32", "template": "core/v1.PodTemplateSpec" } },
//           named: { "core/v1.Protocol": "string", "core/v1.ResourceList": "map[string]resource.Quantity" } }
// Types are Go type expressions (after `=` when the field has no omitempty) whose named types are qualified by module key (`core/v1`), with inline
// (embedded) structs flattened into their parent as encoding/json promotes them.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const [apiDir, machineryDir, extDir] = process.argv.slice(2);
if (!extDir) {
  console.error('usage: gen-go-types.js <k8s.io/api git dir> <apimachinery git dir> <apiextensions-apiserver git dir>');
  process.exit(2);
}
const TAG = 'v0.30.0';
const git = (dir, ...args) =>
  execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });

// every module kubernetes-types 1.30 has, from its Go package
const modules = [];
for (const f of git(apiDir, 'ls-tree', '-r', '--name-only', TAG).split('\n')) {
  const m = /^([a-z]+)\/(v[0-9a-z]+)\/[a-z_]+\.go$/.exec(f);
  if (!m || /_test|zz_generated|generated|swagger_doc|register\.go|doc\.go/.test(f)) continue;
  if (!fs.existsSync(path.join(__dirname, '..', 'node_modules', 'kubernetes-types', m[1], `${m[2]}.d.ts`))) continue;
  modules.push({ key: `${m[1]}/${m[2]}`, dir: apiDir, file: f, importPath: `k8s.io/api/${m[1]}/${m[2]}` });
}
for (const f of ['types.go', 'time.go', 'micro_time.go', 'duration.go']) {
  modules.push({
    key: 'meta/v1',
    dir: machineryDir,
    file: `pkg/apis/meta/v1/${f}`,
    importPath: 'k8s.io/apimachinery/pkg/apis/meta/v1',
  });
}
for (const f of ['types.go', 'types_jsonschema.go']) {
  modules.push({
    key: 'apiextensions/v1',
    dir: extDir,
    file: `pkg/apis/apiextensions/v1/${f}`,
    importPath: 'k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1',
  });
}

/** import path -> our qualifier */
function qualifier(importPath) {
  let m = /^k8s\.io\/api\/([a-z]+)\/(v[0-9a-z]+)$/.exec(importPath);
  if (m) return `${m[1]}/${m[2]}`;
  if (importPath === 'k8s.io/apimachinery/pkg/apis/meta/v1') return 'meta/v1';
  if (importPath === 'k8s.io/apimachinery/pkg/api/resource') return 'resource';
  if (importPath === 'k8s.io/apimachinery/pkg/util/intstr') return 'intstr';
  if (importPath === 'k8s.io/apimachinery/pkg/runtime') return 'runtime';
  if (importPath === 'k8s.io/apimachinery/pkg/types') return 'types';
  m = /^k8s\.io\/apiextensions-apiserver\/pkg\/apis\/apiextensions\/(v1)$/.exec(importPath);
  if (m) return `apiextensions/${m[1]}`;
  return importPath;
}

const structs = {},
  named = {},
  embeds = {};
const BUILTIN = new Set([
  'string',
  'bool',
  'byte',
  'int',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'float32',
  'float64',
  'interface{}',
  'any',
]);

for (const mod of modules) {
  const src = git(mod.dir, 'show', `${TAG}:${mod.file}`);
  const imports = new Map();
  for (const m of src.matchAll(/^\s*(?:(\w+)\s+)?"([^"]+)"\s*$/gm)) {
    const alias = m[1] ?? m[2].split('/').pop();
    imports.set(alias, qualifier(m[2]));
  }
  /** a Go type expression with local and imported names qualified */
  const qualify = (t) =>
    t.replace(/(\*|\[\]|map\[[^\]]*\])|([A-Za-z_][\w]*)(?:\.([A-Za-z_]\w*))?/g, (all, op, a, b) => {
      if (op) return op.startsWith('map[') ? `map[${qualify(op.slice(4, -1))}]` : op;
      if (b) return `${imports.get(a) ?? a}.${b}`;
      if (BUILTIN.has(a)) return a;
      return `${mod.key}.${a}`;
    });
  const lines = src.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let m = /^type (\w+) struct \{\s*$/.exec(line);
    if (m) {
      const fields = {},
        inline = [];
      for (i++; i < lines.length && !/^\}/.test(lines[i]); i++) {
        const l = lines[i].replace(/\/\/.*$/, '').trim();
        if (!l) continue;
        const f = /^(\w+)\s+([^`\s]+(?:\s*\{\})?)\s*`([^`]*)`/.exec(l) ?? /^()([\w.*]+)\s*`([^`]*)`/.exec(l);
        if (!f) continue;
        const tag = /json:"([^"]*)"/.exec(f[3]);
        if (!tag) continue;
        const [name, ...opts] = tag[1].split(',');
        if (name === '-') continue;
        if (!name && opts.includes('inline')) {
          inline.push(qualify(f[2].replace(/^\*/, '')));
          continue;
        }
        // `=`: no omitempty, so a nil value is written back as null
        fields[name || f[1]] = (opts.includes('omitempty') ? '' : '=') + qualify(f[2].replace(/\s+/g, ''));
      }
      structs[`${mod.key}.${m[1]}`] = fields;
      if (inline.length) embeds[`${mod.key}.${m[1]}`] = inline;
      continue;
    }
    if (/^type (\w+) struct\s*\{\s*\}/.test(line)) {
      structs[`${mod.key}.${line.split(' ')[1]}`] = {};
      continue;
    }
    m = /^type (\w+) (?:= )?(.+?)\s*(\/\/.*)?$/.exec(line);
    if (m && !/^(struct|interface)\b/.test(m[2])) named[`${mod.key}.${m[1]}`] = qualify(m[2]);
  }
}

// flatten inline structs (TypeMeta, VolumeSource, ProbeHandler, ...) into their parents, as encoding/json promotes them
function flatten(key, seen = new Set()) {
  if (seen.has(key)) return structs[key] ?? {};
  seen.add(key);
  const out = {};
  for (const e of embeds[key] ?? []) Object.assign(out, flatten(e, seen));
  Object.assign(out, structs[key] ?? {});
  return out;
}
const flat = {};
for (const k of Object.keys(structs).sort()) flat[k] = flatten(k);
const sortedNamed = {};
for (const k of Object.keys(named).sort()) sortedNamed[k] = named[k];
const out = {
  source: `k8s.io/api, k8s.io/apimachinery, k8s.io/apiextensions-apiserver ${TAG}`,
  structs: flat,
  named: sortedNamed,
};
const file = path.join(__dirname, '..', 'src', 'apiserver', 'decode', 'go-types.json');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, JSON.stringify(out, null, 0).replace(/\},"/g, '},\n"') + '\n');
console.log(
  `${Object.keys(flat).length} structs, ${Object.keys(named).length} named types -> ${path.relative(process.cwd(), file)}`,
);
