// The live plan of a run: every scenario of the feature files classified (src/live/classify.ts) against the
// step library's definitions and their comments. `kspec lint --target live` prints it; `kspec run
// --kubeconfig` hands it to the scenarios' Before hook, which skips or isolates each as planned.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AstBuilder, GherkinClassicTokenMatcher, Parser, compile } from '@cucumber/gherkin';
import { IdGenerator, type Pickle } from '@cucumber/messages';
import { loadStepLibrary, relativeUri, type SupportLibrary, type StepLibrary } from './cucumber-run';
import { docAbove } from './catalogue';
import { featureFiles } from './steps-command';
import { modelOnlyReason } from '../live/model-only';
import { classify, pickleKey, type ScenarioPlan, type StepLookup } from '../live/classify';

export interface PlannedScenario {
  key: string;
  name: string;
  plan: ScenarioPlan;
}

/** The step library as the classifier asks it: each definition's model-only reason and the objects it names. */
export function stepLookup(cwd: string, library: StepLibrary): StepLookup {
  const sources = new Map<string, string>();
  const definitions = library.stepDefinitions.map((d) => {
    const file = path.resolve(cwd, d.uri);
    if (!sources.has(file)) sources.set(file, fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
    return { d, modelOnly: modelOnlyReason(docAbove(sources.get(file), d.line)) };
  });
  const matching = (text: string) => definitions.filter(({ d }) => d.expression.match(text) !== null);
  return {
    modelOnly: (text) =>
      matching(text)
        .map((m) => m.modelOnly)
        .find(Boolean),
    objects: (text) =>
      matching(text).flatMap(({ d }) =>
        (d.expression.match(text) ?? []).flatMap((arg) => {
          const type = arg.parameterType.name,
            value = arg.group.value ?? '';
          if (type === 'kind') return [{ word: value }];
          if (type !== 'object') return [];
          const m = /^(\S+) "[^"]*"(?: in namespace "([^"]*)")?$/.exec(value);
          return m ? [{ word: m[1], namespace: m[2] }] : [];
        }),
      ),
  };
}

/** The pickles of feature files, each with its uri relative to `cwd` as Cucumber names it. */
export function picklesOf(cwd: string, files: string[]): Pickle[] {
  return files.flatMap((file) => {
    const doc = new Parser(new AstBuilder(IdGenerator.incrementing()), new GherkinClassicTokenMatcher()).parse(
      fs.readFileSync(file, 'utf8'),
    );
    return compile(doc, relativeUri(file, cwd), IdGenerator.incrementing());
  });
}

/** The feature files of a run's paths (`file.feature:12` counts as its file; default features/). */
export function runFiles(cwd: string, paths: string[]): string[] {
  const targets = (paths.length ? paths : ['features']).map((p) => path.resolve(cwd, p.replace(/(:\d+)+$/, '')));
  return [
    ...new Set(
      targets.flatMap((t) =>
        fs.existsSync(t) && fs.statSync(t).isDirectory() ? featureFiles([t]) : fs.existsSync(t) ? [t] : [],
      ),
    ),
  ];
}

/** The plan, and the step library it was made with (a run reuses it: Cucumber loads step files once a process). */
export async function livePlan(
  cwd: string,
  paths: string[],
): Promise<{ plan: PlannedScenario[]; support: SupportLibrary }> {
  const library = await loadStepLibrary(cwd);
  const lookup = stepLookup(cwd, library);
  return {
    plan: picklesOf(cwd, runFiles(cwd, paths)).map((p) => ({
      key: pickleKey(p),
      name: p.name,
      plan: classify(p, lookup),
    })),
    support: library,
  };
}

/** `kspec lint --target live`: each scenario and how it runs live, then the counts. */
export function planText(plan: PlannedScenario[]): string {
  const width = Math.max(0, ...plan.map((s) => s.key.length));
  const how = (p: ScenarioPlan) =>
    p.run === 'skip'
      ? `model-only: ${p.reason}`
      : p.run === 'namespace'
        ? 'live, in a namespace of its own'
        : `live, in a cluster of its own: ${p.why}`;
  const lines = plan.map((s) => `${s.key.padEnd(width)}  ${s.name}\n${' '.repeat(width)}  -> ${how(s.plan)}`);
  const count = (run: ScenarioPlan['run']) => plan.filter((s) => s.plan.run === run).length;
  return (
    `${lines.join('\n')}\n\n${plan.length} scenarios: ${count('namespace')} run live in a namespace of their own, ` +
    `${count('cluster')} need a cluster of their own (a served cluster gives one; other clusters skip them), ${count('skip')} are model-only\n`
  );
}
