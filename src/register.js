// kspec's TypeScript loader: `require('kspec/src/register')` (or `node --require ./src/register.js`) lets Node
// require .ts files. Each file is compiled once with SWC (type annotations stripped, CommonJS, ES2022 as
// tsconfig.json says; types are checked separately by `tsc --noEmit`) and the JavaScript is kept in a cache
// keyed by a hash of the source, so a later process, a `--parallel` worker or a unit-test file reads it back
// instead of compiling again. An edited source has a new hash, so a stale result can never be used; there
// is no build step to forget, in a git checkout or under node_modules/ alike.
// The cache: $KSPEC_CACHE, else node_modules/.cache/kspec in kspec's folder, else the system's temp folder.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const Module = require('node:module');

const REGISTERED = Symbol.for('kspec.register');
if (!process[REGISTERED]) {
  process[REGISTERED] = true;
  const root = path.resolve(__dirname, '..');
  const swcVersion = require(require.resolve('@swc/core/package.json', { paths: [root] })).version;
  // the options ts-node's swc transpiler derives from tsconfig.json (target ES2022, nodenext emitted as CommonJS)
  const options = {
    swcrc: false,
    module: { type: 'commonjs', noInterop: false, strictMode: true, ignoreDynamic: true },
    jsc: {
      parser: { syntax: 'typescript', tsx: false, dynamicImport: true },
      target: 'es2022',
      keepClassNames: true,
      transform: { useDefineForClassFields: true },
    },
  };
  // Source maps, so stack frames name TypeScript lines: for step files always (Cucumber reads a step's file and
  // line from a stack frame), for every file with KSPEC_DEBUG set (failures show frames only then); mapping
  // everything costs ~0.1 s a process.
  const debug = Boolean(process.env.KSPEC_DEBUG);
  const mapped = (filename) => debug || /[\\/]steps[\\/]/.test(filename);
  const salt = `${swcVersion}\n${JSON.stringify(options)}\n${debug}\n`;
  const dirs = [
    process.env.KSPEC_CACHE,
    path.join(root, 'node_modules', '.cache', 'kspec'),
    path.join(os.tmpdir(), `kspec-cache-${os.userInfo().uid}`),
  ].filter(Boolean);
  let swc;

  /** The compiled JavaScript of `filename`, from the cache when its source has been compiled before. */
  const compile = (source, filename) => {
    const key = crypto.createHash('sha1').update(salt).update(filename).update('\n').update(source).digest('hex');
    for (const dir of dirs) {
      try {
        return fs.readFileSync(path.join(dir, `${key}.js`), 'utf8');
      } catch {
        /* not cached there */
      }
    }
    swc ??= require(require.resolve('@swc/core', { paths: [root] }));
    const code = swc.transformSync(source, {
      ...options,
      filename,
      sourceMaps: mapped(filename) ? 'inline' : false,
    }).code;
    for (const dir of dirs) {
      try {
        fs.mkdirSync(dir, { recursive: true });
        // written aside and renamed, so a worker reading at the same moment never sees half a file
        const tmp = path.join(dir, `${key}.${process.pid}.tmp`);
        fs.writeFileSync(tmp, code);
        fs.renameSync(tmp, path.join(dir, `${key}.js`));
        break;
      } catch {
        /* read-only: try the next folder */
      }
    }
    return code;
  };

  // Node reads a module's map when it compiles the module with maps enabled. Enabled for the whole process,
  // that includes the maps node_modules ship (~0.15 s a process), so maps are on only while a step file's
  // own code runs (when Cucumber reads where each step is defined), off while it loads other modules.
  let maps = debug;
  const withMaps = (on, load) => {
    if (on === maps) return load();
    const before = maps;
    process.setSourceMapsEnabled((maps = on));
    try {
      return load();
    } finally {
      process.setSourceMapsEnabled((maps = before));
    }
  };
  Module._extensions['.ts'] = (module, filename) => {
    const code = compile(fs.readFileSync(filename, 'utf8'), filename);
    withMaps(mapped(filename), () => module._compile(code, filename));
  };
  if (!debug) {
    const loadJs = Module._extensions['.js'];
    Module._extensions['.js'] = (module, filename) => withMaps(false, () => loadJs(module, filename));
  }
  if (debug) process.setSourceMapsEnabled(true);
}
