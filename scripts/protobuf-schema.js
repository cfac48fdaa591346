#!/usr/bin/env node
// Generates src/server/protobuf/schema.json: the field numbers and types of the Kubernetes v1.30 protobuf
// messages the served API decodes (kubectl 1.32+ and client-go 0.32+ send built-in objects as protobuf), read
// from the generated.proto files of k8s.io/api and k8s.io/apimachinery at v0.30.0, with, from their types.go,
// which fields JSON writes even when zero (pointers, and fields without omitempty).
//   node scripts/protobuf-schema.js <k8s.io/api checkout> <k8s.io/apimachinery checkout> [tag=v0.30.0]
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const [apiRepo, machineryRepo, tag = 'v0.30.0'] = process.argv.slice(2);
if (!apiRepo || !machineryRepo) {
  console.error('usage: protobuf-schema.js <api repo> <apimachinery repo> [tag]');
  process.exit(2);
}
const git = (repo, ...args) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });

const API_GROUPS = [
  'core/v1',
  'apps/v1',
  'batch/v1',
  'discovery/v1',
  'networking/v1',
  'storage/v1',
  'rbac/v1',
  'coordination/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'policy/v1',
  'scheduling/v1',
  'authorization/v1',
];
const MACHINERY = ['pkg/apis/meta/v1', 'pkg/api/resource', 'pkg/runtime', 'pkg/util/intstr', 'pkg/runtime/schema'];
const sources = [...API_GROUPS.map((d) => [apiRepo, d]), ...MACHINERY.map((d) => [machineryRepo, d])];

const schema = {};
for (const [repo, dir] of sources) {
  const proto = git(repo, 'show', `${tag}:${dir}/generated.proto`);
  const pkg = /^package ([\w.]+);/m.exec(proto)[1];
  // which JSON fields are written when zero: pointers, and fields without omitempty (encoding/json)
  const keep = new Map();
  for (const f of git(repo, 'ls-tree', '--name-only', `${tag}:${dir}`).split('\n')) {
    if (!f.endsWith('.go') || f.endsWith('_test.go') || f.startsWith('zz_') || f.startsWith('generated')) continue;
    const go = git(repo, 'show', `${tag}:${dir}/${f}`);
    for (const m of go.matchAll(/^type (\w+) struct \{([\s\S]*?)^\}/gm)) {
      const fields = new Set();
      for (const l of m[2].matchAll(/^\s+\w+\s+(\S+)\s+`json:"(\w+)(,omitempty)?/gm))
        if (l[1].startsWith('*') || !l[3]) fields.add(l[2]);
      keep.set(m[1], fields);
    }
  }
  let msg;
  for (const line of proto.split('\n')) {
    let m;
    if ((m = /^message (\w+) \{/.exec(line))) {
      msg = `${pkg}.${m[1]}`;
      schema[msg] = {};
      continue;
    }
    if (line === '}') {
      msg = undefined;
      continue;
    }
    if (!msg) continue;
    if ((m = /^\s+(optional|repeated) ([\w.]+) (\w+) = (\d+);/.exec(line))) {
      const type = m[2].includes('.') || /^[A-Z]/.test(m[2]) ? (m[2].includes('.') ? m[2] : `${pkg}.${m[2]}`) : m[2];
      const flags = (m[1] === 'repeated' ? 'r' : '') + (keep.get(msg.slice(pkg.length + 1))?.has(m[3]) ? 'z' : '');
      schema[msg][m[4]] = flags ? [m[3], type, flags] : [m[3], type];
    } else if ((m = /^\s+map<(\w+), ([\w.]+)> (\w+) = (\d+);/.exec(line))) {
      const v = m[2].includes('.') ? m[2] : /^[A-Z]/.test(m[2]) ? `${pkg}.${m[2]}` : m[2];
      schema[msg][m[4]] = [m[3], `map:${m[1]},${v}`];
    }
  }
}
const out = path.join(__dirname, '..', 'src', 'server', 'protobuf', 'schema.json');
fs.writeFileSync(out, JSON.stringify(schema) + '\n');
console.log(`${Object.keys(schema).length} messages -> ${path.relative(process.cwd(), out)}`);
