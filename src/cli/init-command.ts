// `kspec init [dir]`: a new suite in another repository — package.json scripts (run, CI reports, the Allure
// HTML report) and the kspec dev dependency (a path relative to the suite, a version, or any npm spec given
// with --dependency: a tarball, a git URL), cucumber.js (for `npx cucumber-js` and editor plugins), a first
// feature that passes, a README, .gitignore and a CI workflow. Files that exist are left alone.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KSPEC_ROOT } from './root';
import { UsageError } from './errors';

export const SCRIPTS: Record<string, string> = {
  test: 'kspec run',
  'test:ci': 'kspec run --ci',
  lint: 'kspec lint',
  steps: 'kspec steps',
  // test:ci writes reports/cucumber.html (open it as is) and the Allure results this turns into a site
  report: 'allure generate reports/allure-results -o reports/allure-report --clean',
};

/** The Allure command line the report script runs (it needs Java), pinned as kspec pins it. */
export const ALLURE_COMMANDLINE = '2.46.1';

/**
 * How the suite depends on kspec: an installed kspec by its version; a checkout by its path relative to the
 * suite (`file:../kspec`), so the suite's repository works wherever both are cloned side by side.
 */
export function kspecDependency(target: string, root = KSPEC_ROOT): string {
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
  if (root.split(path.sep).includes('node_modules')) return `^${version}`;
  const rel = path.relative(target, root).split(path.sep).join('/');
  return `file:${rel.startsWith('.') ? rel : `./${rel}`}`;
}

export function packageJson(existing: string | undefined, name: string, dependency: string): string {
  let pkg: Record<string, any>;
  try {
    pkg = existing ? JSON.parse(existing) : { name, version: '0.1.0', private: true };
  } catch (e) {
    throw new UsageError(`package.json is not valid JSON (${(e as Error).message}): fix it, then run kspec init again`);
  }
  pkg.scripts = { ...SCRIPTS, ...(pkg.scripts ?? {}) };
  if (!pkg.dependencies?.kspec)
    pkg.devDependencies = { ...(pkg.devDependencies ?? {}), kspec: pkg.devDependencies?.kspec ?? dependency };
  pkg.devDependencies = {
    ...(pkg.devDependencies ?? {}),
    'allure-commandline': pkg.devDependencies?.['allure-commandline'] ?? ALLURE_COMMANDLINE,
  };
  return JSON.stringify(pkg, null, 2) + '\n';
}

export const CUCUMBER_JS = `// Cucumber profiles for editor plugins and cucumber-js itself (\`npx cucumber-js\` when kspec is installed
// from a registry or a tarball; a \`file:\` kspec keeps its cucumber-js in its own node_modules). \`npm test\`
// (kspec run) needs no config; \`kspec run --profile <name>\` reads the profiles here.
const path = require('node:path');
const kspec = path.dirname(require.resolve('kspec/package.json'));

const common = {
  paths: ['features/**/*.feature'],
  // kspec's TypeScript loader (compiles once, then reads its cache), for kspec's steps and your own
  requireModule: [path.join(kspec, 'src/register.js')],
  require: [path.join(kspec, 'steps/**/*.ts'), 'steps/**/*.{ts,js}'],
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
    npm run test:ci     # also Allure results, JUnit XML and Cucumber HTML (reports/cucumber.html)
    npm run report      # the Allure site in reports/allure-report (needs Java)
    npm run lint        # unknown kinds, invalid manifests, unknown steps, before running anything
    npm run steps       # every step phrase, with an example

Run one file or one scenario: \`npx kspec run features/first.feature:4\`; by tag: \`npx kspec run --tags @smoke\`.

## Writing a feature

Start from \`features/first.feature\`. A scenario sets up a cluster (\`Given a cluster with 3 nodes\`), changes it
(\`When I run "kubectl scale deployment web --replicas=5"\`, \`When I apply the manifest:\`), lets virtual time
pass (\`When 5 minutes pass\`) and checks what it converged to (\`Then the deployment "web" matches:\` a YAML
subset). A step that is not in the catalogue fails with the closest phrases ("did you mean"). A kubectl
command that fails fails the scenario unless a later step says the failure is expected (\`Then the command
fails with "..."\`).

CI: \`.github/workflows/specs.yml\` (or \`./ci.sh\` anywhere) lints, runs with reports and keeps \`reports/\`.
`;
}

export const GITIGNORE = 'node_modules/\nreports/\n@rerun.txt\n';

/** A CI workflow (GitHub Actions syntax; docs/ci.md has GitLab's) that lints, runs and keeps the reports. */
export const CI_WORKFLOW = `name: specs
on: [push, pull_request]
jobs:
  specs:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: {node-version: 20}
      - run: npm ci
      - run: npm run lint
      - run: npm run test:ci
      - run: npm run report
        if: always()
      - uses: actions/upload-artifact@v4
        if: always()
        with: {name: reports, path: reports/}
`;

/** The same steps as a shell script, for any CI (and for trying the workflow locally). */
export const CI_SCRIPT = `#!/bin/sh
# What .github/workflows/specs.yml runs: install, lint, run with reports, build the Allure site (needs Java).
set -e
npm ci
npm run lint
npm run test:ci
if command -v java >/dev/null 2>&1; then npm run report; else echo "no java: skipped the Allure report (reports/cucumber.html is there)"; fi
`;

export function initCommand(cwd: string, dir = '.', opts: { dependency?: string } = {}): number {
  const target = path.resolve(cwd, dir);
  if (fs.existsSync(target) && !fs.statSync(target).isDirectory())
    throw new UsageError(`${dir} is a file, not a folder`);
  fs.mkdirSync(path.join(target, 'features'), { recursive: true });
  const name =
    path
      .basename(target)
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-') || 'k8s-specs';
  const pkgFile = path.join(target, 'package.json');
  const existing = fs.existsSync(pkgFile) ? fs.readFileSync(pkgFile, 'utf8') : undefined;
  fs.writeFileSync(pkgFile, packageJson(existing, name, opts.dependency ?? kspecDependency(target)));
  const report = [`${existing ? 'updated' : 'created'} package.json`];
  const files: Record<string, string> = {
    'cucumber.js': CUCUMBER_JS,
    'features/first.feature': FIRST_FEATURE,
    'README.md': readme(name),
    '.gitignore': GITIGNORE,
    '.github/workflows/specs.yml': CI_WORKFLOW,
    'ci.sh': CI_SCRIPT,
  };
  for (const [file, text] of Object.entries(files)) {
    const full = path.join(target, file);
    if (fs.existsSync(full)) {
      report.push(`left ${file} alone (it exists)`);
      continue;
    }
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text, { mode: file.endsWith('.sh') ? 0o755 : 0o644 });
    report.push(`created ${file}`);
  }
  const rel = path.relative(cwd, target);
  const where = !rel ? '.' : rel.startsWith('..') ? target : rel;
  process.stdout.write(`${report.map((l) => `  ${l}`).join('\n')}\n\nNext: cd ${where} && npm install && npm test\n`);
  return 0;
}
