// Failure messages reach every report (JUnit, Cucumber HTML, messages, Allure), and an output step's message
// holds the command's output: every step and hook is wrapped so that the error it throws has each Secret value
// of the scenario's cluster, and every service account token, redacted (src/api/redact.ts) before Cucumber
// records it.
import { Then, setDefinitionFunctionWrapper } from '@cucumber/cucumber';
import type { KspecWorld } from './world';
import { clusterSecretValues } from '../src/report/attachments';
import { redactText } from '../src/api/redact';

function redactError(world: unknown, e: unknown): unknown {
  const w = world as KspecWorld | undefined;
  if (!(e instanceof Error)) return e;
  const values = w && typeof w === 'object' && 'hasCluster' in w && w.hasCluster ? clusterSecretValues(w.cluster) : [];
  const clean = (s: string) => redactText(s, values);
  e.message = clean(e.message);
  if (e.stack) e.stack = clean(e.stack);
  // an assertion's actual and expected values are printed as a diff
  const a = e as Error & { actual?: unknown; expected?: unknown; showDiff?: boolean };
  if (typeof a.actual === 'string') a.actual = clean(a.actual);
  else if (a.actual !== undefined) a.showDiff = false;
  if (typeof a.expected === 'string') a.expected = clean(a.expected);
  else if (a.expected !== undefined) a.showDiff = false;
  return e;
}

setDefinitionFunctionWrapper(
  (fn: (...args: unknown[]) => unknown) =>
    function (this: unknown, ...args: unknown[]) {
      let out: unknown;
      try {
        out = fn.apply(this, args);
      } catch (e) {
        throw redactError(this, e);
      }
      if (out && typeof (out as Promise<unknown>).then === 'function')
        return (out as Promise<unknown>).catch((e) => {
          throw redactError(this, e);
        });
      return out;
    },
);

// Model-only (reports: kspec's redaction knows the Secrets of the embedded model): what a report would show of the
// last command's output: every Secret value and token redacted, as in failure messages and attachments; e.g. `Then a report shows the output as:`
Then('a report shows the output as:', function (this: KspecWorld, expected: string) {
  const shown = redactText(this.lastResult().stdout, clusterSecretValues(this.cluster)).replace(/\s+$/, '');
  if (shown !== expected.replace(/\s+$/, ''))
    throw new Error(`a report would show the output as:\n${shown}\n\nexpected:\n${expected}`);
});
