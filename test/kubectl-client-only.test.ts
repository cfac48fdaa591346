// kspec's kubectl is a client of the API (issue 12 part 4): like the real kubectl, it reaches the cluster only
// through the served API's request interface, so no file under src/kubectl may import a part of the model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.join(__dirname, '..', 'src');
/** The model's parts, which meet only at the API. */
const MODEL = ['kubelet', 'network', 'controllers', 'scheduler', 'cluster', 'cloudprovider', 'store'];

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
}

/** Every module a file imports or requires by a relative path, as a path under src/. */
function imports(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const specs = [...text.matchAll(/(?:from\s+|import\(\s*|require\(\s*)'(\.[^']+)'/g)].map((m) => m[1]);
  return specs.map((s) => path.relative(SRC, path.resolve(path.dirname(file), s)));
}

test('src/kubectl imports no part of the model', () => {
  const offending: string[] = [];
  for (const f of files(path.join(SRC, 'kubectl'))) {
    for (const m of imports(f))
      if (MODEL.includes(m.split(path.sep)[0])) offending.push(`${path.relative(SRC, f)} -> ${m}`);
  }
  assert.deepEqual(offending, []);
});

test('the check sees a model import when there is one', () => {
  const rows: [string, boolean][] = [
    ["import { KubeletServer } from '../../kubelet/server';", true],
    ["const { x } = require('../../controllers/deployment/util');", true],
    ["import type { Cluster } from '../../cluster';", true],
    ["import { StatusError } from '../../api/errors';", false],
    ["import { json } from '../../server/types';", false],
  ];
  const probe = path.join(SRC, 'kubectl', 'cmd', 'probe.ts');
  for (const [line, model] of rows)
    assert.equal(
      imports(probe, line).some((m) => MODEL.includes(m.split(path.sep)[0])),
      model,
      line,
    );
});
