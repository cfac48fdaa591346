// Cucumber profiles (CommonJS). `npx cucumber-js` runs every feature; `npx cucumber-js features/workloads` or
// `npx cucumber-js features/x.feature:12` runs only those: Cucumber 12 merges CLI paths with the config's
// `paths` (toolchain pitfall P7), so the default paths apply only when no feature path is given on the command
// line. `npx cucumber-js -p rerun @rerun.txt` reruns the failures of the last run.
const fs = require('node:fs');

/** Feature paths given on the command line: `*.feature[:line]`, a directory, or an `@rerun` file. */
function cliFeaturePaths(argv) {
  const valueOptions = new Set([
    '-p',
    '--profile',
    '-c',
    '--config',
    '-r',
    '--require',
    '--import',
    '-f',
    '--format',
    '--format-options',
    '-t',
    '--tags',
    '--name',
    '--order',
    '--parallel',
    '--retry',
    '--retry-tag-filter',
    '--require-module',
    '--world-parameters',
    '-i',
    '--i18n-keywords',
    '--shard',
    '-l',
    '--language',
  ]);
  const out = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('-')) {
      if (!a.includes('=') && valueOptions.has(a)) i++;
      continue;
    }
    const file = a.replace(/(:\d+)+$/, '');
    if (/\.feature$/.test(file)) out.push(a);
    else if (a.startsWith('@') && fs.existsSync(a.slice(1))) out.push(a);
    else if (fs.existsSync(a) && fs.statSync(a).isDirectory()) out.push(a);
  }
  return out;
}

const common = {
  paths: cliFeaturePaths(process.argv.slice(2)).length ? [] : ['features/**/*.feature'],
  requireModule: [require.resolve('./src/register.js')],
  require: ['steps/**/*.ts'],
  // kspec's formatter: Cucumber's progress, did-you-mean for undefined steps, virtual and wall time at the end
  format: ['./src/report/formatter.js', 'rerun:@rerun.txt'],
  formatOptions: { snippetInterface: 'synchronous', printAttachments: false },
  strict: true,
};

const allure = require('./src/report/allure-options.js').allureOptions('reports/allure-results');

module.exports = {
  default: common,
  ci: {
    ...common,
    format: [
      './src/report/formatter.js',
      './src/report/allure-reporter.js:reports/allure-formatter.log',
      'junit:reports/junit.xml',
      'html:reports/cucumber.html',
      'message:reports/messages.ndjson',
      'rerun:@rerun.txt',
    ],
    formatOptions: { ...common.formatOptions, ...allure },
  },
  // --parallel: `kspec run --parallel N` (npm run features:parallel) runs N `--shard i/N` processes, not Cucumber's
  // coordinator (src/cli/parallel-run.ts)
  // every step has exactly one definition: `npx cucumber-js -p check` then look for UNDEFINED/AMBIGUOUS
  check: { ...common, dryRun: true, format: ['usage', 'message:reports/dryrun.ndjson'] },
  rerun: { ...common, paths: [] },
};
