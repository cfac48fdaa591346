// `kspec init [dir]`: a new suite in another repository — package.json scripts and the kspec dev dependency,
// cucumber.js (for `npx cucumber-js` and editor plugins), a first feature that passes, a README, .gitignore.
// Files that exist are left alone, so init never overwrites work.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KSPEC_ROOT } from './root';
import { UsageError } from './errors';

export const SCRIPTS: Record<string, string> = {
  test: 'kspec run',
  'test:ci': 'kspec run --ci',
  lint: 'kspec lint',
  steps: 'kspec steps',
};

/** How the suite depends on kspec: this checkout by path when kspec runs from one, else its version. */
export function kspecDependency(root = KSPEC_ROOT): string {
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
  return root.split(path.sep).includes('node_modules') ? `^${version}` : `file:${root}`;
}

export function packageJson(existing: string | undefined, name: string, dependency: string): string {
  let pkg: Record<string, any>;
  try { pkg = existing ? JSON.parse(existing) : { name, version: '0.1.0', private: true }; } catch (e) {
    throw new UsageError(`package.json is not valid JSON (${(e as Error).message}): fix it, then run kspec init again`);
  }
  pkg.scripts = { ...SCRIPTS, ...(pkg.scripts ?? {}) };
  if (!pkg.dependencies?.kspec) pkg.devDependencies = { ...(pkg.devDependencies ?? {}), kspec: pkg.devDependencies?.kspec ?? dependency };
  return JSON.stringify(pkg, null, 2) + '\n';
}

export const CUCUMBER_JS = `// Cucumber profiles for \`npx cucumber-js\` and editor plugins; \`npm test\` (kspec run) needs no config.
const path = require('node:path');
const kspec = path.dirname(require.resolve('kspec/package.json'));
// kspec is TypeScript: compile it even under node_modules/
process.env.TS_NODE_IGNORE = process.env.TS_NODE_IGNORE || '(?:^|/)node_modules/(?!kspec/)';
process.env.TS_NODE_PROJECT = process.env.TS_NODE_PROJECT || path.join(kspec, 'tsconfig.json');

const common = {
  paths: ['features/**/*.feature'],
  requireModule: [require.resolve('ts-node/register/transpile-only', { paths: [kspec] })],
  require: [path.join(kspec, 'steps/**/*.ts')],
  format: [path.join(kspec, 'src/report/formatter.js')],
  formatOptions: { snippetInterface: 'synchronous', printAttachments: false },
  strict: true,
};

module.exports = { default: common };
`;

export const FIRST_FEATURE = `Feature: my-tomcat heals itself
  A Deployment keeps its replicas running: when a pod is deleted, its ReplicaSet makes a new one.

  Scenario: a deleted pod is replaced
    Given a cluster with 3 nodes
    When I run "kubectl create deployment my-tomcat --image=tomcat:9.0.55 --replicas=3"
    Then there are 3 pods with labels "app=my-tomcat"
    When I delete one pod of deployment "my-tomcat"
    Then there are 3 pods with labels "app=my-tomcat"
    And the deployment "my-tomcat" matches:
      """
      status: {replicas: 3, readyReplicas: 3, availableReplicas: 3}
      """
`;

export function readme(name: string): string {
  return `# ${name}

Kubernetes behaviour specs, run by [kspec](https://github.com/kspec/kspec) on an embedded Kubernetes v1.30
control plane with a virtual clock: no cluster, no containers, no waiting.

    npm install
    npm test            # kspec run: every features/**/*.feature
    npm run test:ci     # also Allure results, JUnit XML and Cucumber HTML in reports/
    npm run lint        # unknown kinds, invalid manifests, unknown steps, before running anything
    npm run steps       # every step phrase, with an example

Run one file or one scenario: \`npx kspec run features/first.feature:4\`; by tag: \`npx kspec run --tags @smoke\`.

## Writing a feature

Start from \`features/first.feature\`. A scenario sets up a cluster (\`Given a cluster with 3 nodes\`), changes it
(\`When I run "kubectl scale deployment web --replicas=5"\`, \`When I apply the manifest:\`), lets virtual time
pass (\`When 5 minutes pass\`) and checks what it converged to (\`Then the deployment "web" matches:\` a YAML
subset). A step that is not in the catalogue fails with the closest phrases ("did you mean").
`;
}

export const GITIGNORE = 'node_modules/\nreports/\n@rerun.txt\n';

export function initCommand(cwd: string, dir = '.'): number {
  const target = path.resolve(cwd, dir);
  if (fs.existsSync(target) && !fs.statSync(target).isDirectory()) throw new UsageError(`${dir} is a file, not a folder`);
  fs.mkdirSync(path.join(target, 'features'), { recursive: true });
  const name = path.basename(target).toLowerCase().replace(/[^a-z0-9._-]+/g, '-') || 'k8s-specs';
  const pkgFile = path.join(target, 'package.json');
  const existing = fs.existsSync(pkgFile) ? fs.readFileSync(pkgFile, 'utf8') : undefined;
  fs.writeFileSync(pkgFile, packageJson(existing, name, kspecDependency()));
  const report = [`${existing ? 'updated' : 'created'} package.json`];
  const files: Record<string, string> = {
    'cucumber.js': CUCUMBER_JS, 'features/first.feature': FIRST_FEATURE, 'README.md': readme(name), '.gitignore': GITIGNORE,
  };
  for (const [file, text] of Object.entries(files)) {
    const full = path.join(target, file);
    if (fs.existsSync(full)) { report.push(`left ${file} alone (it exists)`); continue; }
    fs.writeFileSync(full, text);
    report.push(`created ${file}`);
  }
  const rel = path.relative(cwd, target);
  const where = !rel ? '.' : rel.startsWith('..') ? target : rel;
  process.stdout.write(`${report.map((l) => `  ${l}`).join('\n')}\n\nNext: cd ${where} && npm install && npm test\n`);
  return 0;
}
