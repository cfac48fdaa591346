import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

// The floor plan (docs/architecture.md), checked on every import of src/ and steps/: a part imports only parts on
// lower floors, so the model's parts on one floor (controllers, scheduler, kubelet, network, kubectl) are peers
// that meet only at the API, as kube-controller-manager, kube-scheduler, the kubelet and kube-proxy do; api/
// imports no server; no import circle spans two folders; no model part reads the store past the API server.
// Today's remaining exceptions are listed below, each with why; an exception that is no longer needed fails
// too, so the list can only shrink.

const root = join(__dirname, '..');

/** Each part's floor: a file may import files of parts on lower floors and of its own part, nothing else. */
const FLOORS: string[][] = [
  ['util', 'register'],
  ['runtime'],
  ['api'],
  ['store'],
  ['apiserver'],
  ['client', 'world'],
  ['controllers', 'scheduler', 'kubelet', 'network', 'kubectl'], // the peers
  ['bootstrap'],
  ['cluster'],
  ['scenario'],
  ['target', 'server'],
  ['assert'],
  ['live'],
  ['report'],
  ['cli'],
  ['index'],
  ['steps'],
];

/** An import that breaks the plan today, with why it is still there. */
interface Exception {
  from: string;
  to: string;
  why: string;
}

const KUBECTL = 'kubectl is being made a client of the API (its own issue): pending';
const SERVED_TYPES =
  "kubectl speaks the served API's request and response types (src/server/types.ts, which also names the model's parts): they belong below both";
// the moves of issue 14's first step, each removing its rows
const DNS =
  "the container's nslookup asks CoreDNS itself: it is to ask through the pod's network hook (host.ts NetAccess), as wget and curl do";
const EXCEPTIONS: Exception[] = [
  {
    from: 'src/cluster.ts',
    to: 'src/server/handler.ts',
    why: "the cluster builds kubectl's environment on the served API's request handler (the client branch): the handler, not the HTTPS server, belongs below the cluster",
  },
  { from: 'src/kubectl/client/api.ts', to: 'src/server/types.ts', why: SERVED_TYPES },
  { from: 'src/kubectl/client/rest.ts', to: 'src/server/types.ts', why: SERVED_TYPES },
  { from: 'src/kubectl/env.ts', to: 'src/server/types.ts', why: SERVED_TYPES },
  {
    from: 'src/target/embedded.ts',
    to: 'src/live/served-kubectl.ts',
    why: 'the embedded target runs the real kubectl against a served cluster (kspec run --kubectl real): served-kubectl belongs with the targets',
  },
  {
    from: 'src/kubelet/admission.ts',
    to: 'src/scheduler/admission-check.ts',
    why: "the kubelet admits a pod with the scheduler's own predicates, as pkg/kubelet/lifecycle/predicate.go imports pkg/scheduler's plugins; NodeInfo and the fit check would have to move below both",
  },
  { from: 'src/kubelet/runtime/builtins/nslookup.ts', to: 'src/network/dns/records.ts', why: DNS },
  { from: 'src/kubelet/runtime/builtins/nslookup.ts', to: 'src/network/dns/resolve.ts', why: DNS },
  {
    from: 'src/report/kspec-formatter.ts',
    to: 'src/cli/catalogue.ts',
    why: "the progress formatter names the step catalogue's phrases",
  },
  {
    from: 'src/report/kspec-formatter.ts',
    to: 'src/cli/suggest.ts',
    why: 'the progress formatter suggests phrases as `kspec lint` does',
  },
];

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|js)$/.test(e.name)) out.push(p);
  }
  return out;
}

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts'), join(base, 'index.js')]) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return undefined;
}

const rel = (f: string) => relative(root, f).split(sep).join('/');

/** The part a file belongs to: its folder under src/ (`controllers`), or the file's name at src/'s top (`cluster`). */
function partOf(file: string): string {
  const r = rel(file).split('/');
  if (r[0] === 'steps') return 'steps';
  return r.length === 2 ? r[1].replace(/\.(ts|js)$/, '') : r[1];
}

const floorOf = new Map(FLOORS.flatMap((parts, i) => parts.map((p) => [p, i] as const)));

/** Every file of src/ and steps/ with the files of src/ and steps/ it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of [...walk(join(root, 'src')), ...walk(join(root, 'steps'))]) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    graph.set(
      file,
      importedFiles
        .map((i) => resolveImport(file, i.fileName))
        .filter((f): f is string => f !== undefined && /\.(ts|js)$/.test(f)),
    );
  }
  return graph;
}

const graph = importGraph();
const listed = new Set(EXCEPTIONS.map((e) => `${e.from} -> ${e.to}`));

/** Why the import breaks the plan, or undefined when it keeps it. */
function broken(from: string, to: string): string | undefined {
  const a = partOf(from),
    b = partOf(to);
  if (a === b) return undefined;
  const fa = floorOf.get(a),
    fb = floorOf.get(b);
  if (fa === undefined) return `${a}/ has no floor in FLOORS`;
  if (fb === undefined) return `${b}/ has no floor in FLOORS`;
  if (fa === fb) return `${a} and ${b} are peers: they meet only at the API`;
  if (fb > fa) return `${a} (floor ${fa}) imports ${b}, which stands above it (floor ${fb})`;
  return undefined;
}

/** Strongly connected components of more than one file (Tarjan). */
function circles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const stack: string[] = [],
    on = new Set<string>(),
    idx = new Map<string, number>(),
    low = new Map<string, number>(),
    out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) out.push(c);
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/** Import circles whose files lie in more than one folder, by their folders, with why each is still there. */
const CIRCLE_EXCEPTIONS: Record<string, string> = {
  'src/kubectl src/kubectl/cmd':
    "kubectl's dispatch and its commands import each other (the command table and the commands that run subcommands)",
  'src/kubelet/runtime src/kubelet/runtime/builtins':
    "the shell: builtins take the interpreter and it takes the builtins (the runtime's own helper is at work on it)",
};

/** Files that read the store past the API server, with why. */
const STORE_READERS: Record<string, string> = {};

test('imports keep the floor plan: peers meet only at the API, nothing imports upward', () => {
  const wrong: string[] = [];
  for (const [from, tos] of graph) {
    for (const to of new Set(tos)) {
      const why = broken(from, to);
      if (why && !listed.has(`${rel(from)} -> ${rel(to)}`)) wrong.push(`${rel(from)} -> ${rel(to)}: ${why}`);
    }
  }
  assert.deepEqual(wrong, [], `imports that break the floor plan (docs/architecture.md):\n${wrong.join('\n')}`);
});

test('every listed exception is still needed (the list only shrinks)', () => {
  const stale = EXCEPTIONS.filter((e) => {
    const from = join(root, e.from),
      to = join(root, e.to);
    return !(graph.get(from) ?? []).includes(to) || !broken(from, to);
  });
  assert.deepEqual(
    stale.map((e) => `${e.from} -> ${e.to}`),
    [],
    'exceptions that no longer happen: remove them from EXCEPTIONS',
  );
});

test('no import circle spans two folders', () => {
  const found = circles(graph)
    .map((c) =>
      [
        ...new Set(
          c
            .map((f) => dirname(rel(f)))
            .flatMap((d) => (d === 'src' ? c.map(rel).filter((f) => dirname(f) === 'src') : [d])),
        ),
      ]
        .sort()
        .join(' '),
    )
    .filter((folders) => folders.includes(' '));
  const unexpected = found.filter((f) => !(f in CIRCLE_EXCEPTIONS));
  assert.deepEqual(unexpected, [], `import circles across folders:\n${unexpected.join('\n')}`);
  const stale = Object.keys(CIRCLE_EXCEPTIONS).filter((f) => !found.includes(f));
  assert.deepEqual(stale, [], 'circle exceptions that no longer happen: remove them');
});

test('no model part imports the store or reads it past the API server', () => {
  const peers = new Set(FLOORS[floorOf.get('controllers')!]);
  const readers = [...graph.keys()]
    .filter(
      (f) =>
        peers.has(partOf(f)) &&
        (/\b(api|cluster)\.store\b/.test(readFileSync(f, 'utf8')) ||
          (graph.get(f) ?? []).some((t) => partOf(t) === 'store')),
    )
    .map(rel);
  assert.deepEqual(
    readers.filter((f) => !(f in STORE_READERS)),
    [],
    'these read the store: read through the API server (select, list, get)',
  );
  assert.deepEqual(
    Object.keys(STORE_READERS).filter((f) => !readers.includes(f)),
    [],
    'store readers that no longer read it: remove them',
  );
});

/** What steps may not import: the model's parts (the world outside the cluster, images and disks, they may set up). */
const MODEL = new Set(['controllers', 'scheduler', 'kubelet', 'network', 'kubectl', 'apiserver', 'store', 'client']);
/** Steps' imports of the model, with why each is still there. */
const STEP_EXCEPTIONS: Record<string, string> = {
  'steps/traffic.steps.ts -> src/network/proxy/commands.ts':
    "commands on a node (iptables-save, ipvsadm) are the node's: a node facade on the cluster would take them",
  'steps/traffic.steps.ts -> src/network/proxy/kube-proxy.ts': "the type of kube-proxy's mode, which a step sets",
  'steps/changes.steps.ts -> src/kubectl/manifest.ts': `${KUBECTL}; the line of a YAML error in a manifest`,
};

test('steps are glue: they reach the model only through the cluster, the targets, the assertions and the scenario queries', () => {
  const found = [...graph]
    .filter(([f]) => partOf(f) === 'steps')
    .flatMap(([f, tos]) => tos.filter((t) => MODEL.has(partOf(t))).map((t) => `${rel(f)} -> ${rel(t)}`));
  assert.deepEqual(
    found.filter((e) => !(e in STEP_EXCEPTIONS)),
    [],
    'steps that import the model: parse the phrase and make one call into src/assert or src/scenario',
  );
  assert.deepEqual(
    Object.keys(STEP_EXCEPTIONS).filter((e) => !found.includes(e)),
    [],
    'step exceptions that no longer happen: remove them',
  );
});

test('docs/architecture.md draws the floors this test checks', () => {
  const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
  const drawn = [...doc.matchAll(/^ {3,4}(\d+) {2}(.+?)(?: {2,}|$)/gm)].map(
    (m) => [Number(m[1]), m[2].trim().replace(/\//g, '').split(/\s+/)] as const,
  );
  assert.deepEqual(
    drawn.sort((a, b) => a[0] - b[0]).map(([, parts]) => parts),
    FLOORS,
  );
});

/** Hooks the cluster still sets on a model part after building it, with why (a part wires its own in its constructor). */
const HOOKS_SET_BY_CLUSTER: Record<string, string> = {
  'this.network.ingressRouter':
    'the network asks ingress-nginx (built beside it) where a request to the controller goes',
  'this.network.listens': 'the network asks the kubelet whether a program in the pod listens on the port',
  'this.network.loadBalancerHosts':
    'the network asks the cloud provider (src/world/cloud.ts) which nodes a load balancer sends to',
};

test("the cluster sets no hooks on the model's parts after building them, beyond those listed", () => {
  const src = readFileSync(join(root, 'src', 'cluster.ts'), 'utf8');
  const parts = new Set([
    'kubelet',
    'kubelets',
    'volumes',
    'nodeStatus',
    'network',
    'scheduler',
    'ingress',
    'cloudProvider',
  ]);
  const set = [...src.matchAll(/^\s*(this\.(\w+)\.\w+) = /gm)].filter((m) => parts.has(m[2])).map((m) => m[1]);
  assert.deepEqual(
    set.filter((h) => !(h in HOOKS_SET_BY_CLUSTER)),
    [],
    'wire the part in its constructor (see src/kubelet/kubelet.ts)',
  );
  assert.deepEqual(
    Object.keys(HOOKS_SET_BY_CLUSTER).filter((h) => !set.includes(h)),
    [],
    'hooks no longer set: remove them from the list',
  );
});

// the checks themselves: a peer import and an upward import are caught, a downward one is not
const T = (p: string) => join(root, p);
const rows: { name: string; from: string; to: string; broken: boolean }[] = [
  { name: 'a controller imports the scheduler', from: 'src/controllers/x.ts', to: 'src/scheduler/y.ts', broken: true },
  { name: 'api imports the API server', from: 'src/api/x.ts', to: 'src/apiserver/y.ts', broken: true },
  { name: 'the runtime imports api', from: 'src/runtime/x.ts', to: 'src/api/y.ts', broken: true },
  { name: 'a controller imports the client', from: 'src/controllers/x.ts', to: 'src/client/y.ts', broken: false },
  { name: 'the cluster imports the kubelet', from: 'src/cluster.ts', to: 'src/kubelet/y.ts', broken: false },
  { name: 'a file imports its own folder', from: 'src/kubelet/x.ts', to: 'src/kubelet/runtime/y.ts', broken: false },
];
for (const row of rows) {
  test(`the floor plan: ${row.name}`, () => assert.equal(broken(T(row.from), T(row.to)) !== undefined, row.broken));
}
