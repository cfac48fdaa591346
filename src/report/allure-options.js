// allure-cucumberjs settings shared by cucumber.js's `ci` profile and `kspec run --ci` (plain JavaScript, as
// cucumber.js reads it before TypeScript is registered). Label tags take a colon (`@epic:Workloads`,
// `@story:Rollout`, `@severity:critical`), link tags an equals sign (`@issue=KSPEC-12`).
'use strict';

function allureOptions(resultsDir, issueUrlTemplate) {
  return {
    resultsDir,
    labels: [
      { pattern: [/^@epic:.+$/], name: 'epic' },
      { pattern: [/^@story:.+$/], name: 'story' },
      { pattern: [/^@severity:.+$/], name: 'severity' },
    ],
    links: {
      issue: {
        pattern: [/^@issue=.+$/],
        urlTemplate: issueUrlTemplate || process.env.KSPEC_ISSUE_URL || 'https://issues.example.test/%s',
      },
    },
  };
}

module.exports = { allureOptions };
