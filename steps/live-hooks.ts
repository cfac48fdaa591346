// A live run (`kspec run --kubeconfig`, src/cli/live-run.ts): each scenario as its plan says (src/live/classify.ts):
// skipped with the reason when a step is model-only (or it needs a cluster of its own, which only a served kspec
// cluster gives), else on the live cluster in a namespace or a cluster of its own, cleaned up after. Steps may
// wait on the wall clock there, so their time limit grows from Cucumber's 5 seconds; so it does with the real
// kubectl on the embedded model (KSPEC_KUBECTL), whose waits (drain, wait, edit) take wall time while time passes.
import { Before, After, setDefaultTimeout, type ITestCaseHookParameter } from '@cucumber/cucumber';
import type { KspecWorld } from './world';
import { pickleKey, type ScenarioPlan } from '../src/live/classify';
import { LIVE_NOTE_MEDIA_TYPE } from '../src/live/model-only';
import type { LiveSettings } from '../src/live/live-target';

/** The world parameter of a live run. */
export interface LiveParameters {
  settings: LiveSettings;
  plan: Record<string, ScenarioPlan>;
}

const LIVE = process.env.KSPEC_TARGET === 'kubeconfig';
if (LIVE) setDefaultTimeout(30 * 60_000);
else if (process.env.KSPEC_KUBECTL) setDefaultTimeout(5 * 60_000);

Before(async function (this: KspecWorld, { pickle }: ITestCaseHookParameter) {
  const live = (this.parameters as { live?: LiveParameters }).live;
  if (!live) return undefined;
  const plan = live.plan[pickleKey(pickle)];
  if (!plan)
    throw new Error(
      `${pickleKey(pickle)} was not planned for the live run: run live features through \`kspec run --kubeconfig\``,
    );
  const note = (text: string) => this.attach(text, LIVE_NOTE_MEDIA_TYPE);
  if (plan.run === 'skip') {
    note(`skipped on the live cluster: ${plan.reason}`);
    return 'skipped';
  }
  if (plan.run === 'cluster' && !live.settings.fresh) {
    note(
      `skipped on the live cluster: it needs a cluster of its own (${plan.why}), which only a served kspec cluster gives`,
    );
    return 'skipped';
  }
  this.begin(pickle.uri, pickle.name); // the seed a fresh cluster gets (whichever Before hook runs first)
  // loaded on first use: the embedded runs never pay for @kubernetes/client-node
  const { LiveTarget } = require('../src/live/live-target') as typeof import('../src/live/live-target');
  this.live = await LiveTarget.open(live.settings, plan.run, this.seed);
  note(
    plan.run === 'cluster' ? `ran in a cluster of its own: ${plan.why}` : `ran in namespace ${this.live.map.actual}`,
  );
  return undefined;
});

After(async function (this: KspecWorld) {
  await this.close();
});
