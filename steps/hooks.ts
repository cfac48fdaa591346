// Scenario set-up (seed, feature directory) and, on failure, the cluster's recent history and the object that
// did not match, attached to the report.
import { Before, After, Status, ITestCaseHookParameter } from '@cucumber/cucumber';
import { KspecWorld } from './world';
import { timelineText } from '../src/assert/report';

Before(function (this: KspecWorld, { pickle }: ITestCaseHookParameter) {
  this.begin(pickle.uri, pickle.name);
});

After(function (this: KspecWorld, { result }: ITestCaseHookParameter) {
  if (result?.status !== Status.FAILED || !this.hasCluster) return;
  const entries = this.cluster.timeline();
  const start = entries.length ? entries[0].time : this.cluster.clock.now();
  const recent = entries.slice(-200);
  const header = recent.length < entries.length ? `(the last ${recent.length} of ${entries.length} entries)\n` : '';
  this.attach(header + timelineText(recent, start) + '\n', { mediaType: 'text/plain', fileName: 'timeline.txt' });
  if (this.failedObject) this.attach(this.failedObject.yaml, { mediaType: 'application/yaml', fileName: `${this.failedObject.name}.yaml` });
  if (this.result) {
    const r = this.result;
    this.attach(`$ ${r.command.startsWith("kubectl") ? "" : "kubectl "}${r.command}\n(exit status ${r.exitCode})\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`, { mediaType: 'text/plain', fileName: 'last-command.txt' });
  }
});
