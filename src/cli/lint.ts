// `kspec lint`: feature files checked before anything runs — Gherkin syntax, steps that match no definition
// (with the closest phrases) or more than one, and the manifests the steps apply (see lint-manifests.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AstBuilder, GherkinClassicTokenMatcher, Parser, compile } from '@cucumber/gherkin';
import { IdGenerator, type Step } from '@cucumber/messages';
import { suggest } from './suggest';

export interface Problem {
  uri: string;
  line: number;
  message: string;
}

export interface LintContext {
  /** every phrase of the catalogue, for suggestions */
  phrases: string[];
  /** how many definitions match this step text */
  matching: (text: string) => string[];
  /** the problems of a manifest, with the folder relative paths start from, in a scope per scenario */
  manifest: (yaml: string, cwd: string, scope: string) => string[];
  /** the problem of a kubectl command line, in a scope per scenario (absent: lines are not checked) */
  kubectl?: (line: string, scope: string) => string | undefined;
}

/** The command lines a step runs as kubectl: `I run "kubectl ..."` (also `as`, `successfully`) and the lines of `I run:`. */
export function kubectlLines(text: string, docString?: string): string[] {
  const one = text.match(
    /^I run "((?:[^"\\]|\\.)*)"(?: successfully| as "(?:[^"\\]|\\.)*"(?: in group "(?:[^"\\]|\\.)*")?)?$/,
  );
  const lines = one
    ? [one[1].replace(/\\(["\\])/g, '$1')]
    : text === 'I run:' && docString
      ? docString
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l && !l.startsWith('#'))
      : [];
  return lines;
}

const INLINE_MANIFEST = /^(?:the manifest|I apply the manifest):$/;
const FILE_MANIFEST = /^(?:the manifest|I apply the manifest) "([^"]*)"$/;

function stepsOf(children: readonly any[]): Step[] {
  return children.flatMap((c) => [
    ...(c.background?.steps ?? []),
    ...(c.scenario?.steps ?? []),
    ...(c.rule ? stepsOf(c.rule.children) : []),
  ]);
}

export function lintFeature(text: string, uri: string, ctx: LintContext): Problem[] {
  const parser = new Parser(new AstBuilder(IdGenerator.incrementing()), new GherkinClassicTokenMatcher());
  let doc;
  try {
    doc = parser.parse(text);
  } catch (e) {
    const errors = (e as { errors?: Array<{ message: string; location?: { line: number } }> }).errors ?? [
      { message: (e as Error).message },
    ];
    return errors.map((err) => ({
      uri,
      line: err.location?.line ?? 1,
      message: err.message.replace(/^\(\d+:\d+\): /, ''),
    }));
  }
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const dir = path.dirname(uri);
  // the steps as they run: a Scenario Outline's once per example row, placeholders filled in; pickle ids restart
  // in each file, so a scenario's scope is its file and id
  const lineOf = new Map(stepsOf(doc.feature?.children ?? []).map((s) => [s.id, s.location.line]));
  const steps = compile(doc, uri, IdGenerator.incrementing()).flatMap((p) =>
    p.steps.map((s) => ({
      text: s.text,
      docString: s.argument?.docString,
      line: lineOf.get(s.astNodeIds[0]) ?? 1,
      scope: `${uri}#${p.id}`,
    })),
  );
  steps.forEach((step, i) => {
    const line = step.line;
    const at = (message: string) => {
      if (seen.has(`${line}\n${message}`)) return;
      seen.add(`${line}\n${message}`);
      problems.push({ uri, line, message });
    };
    const matches = ctx.matching(step.text);
    if (matches.length === 0) {
      const close = suggest(step.text, ctx.phrases);
      at(
        `no step matches "${step.text}"${close.length ? `; did you mean: ${close.map((p) => `"${p}"`).join(' or ')}` : ''}`,
      );
      return;
    }
    if (matches.length > 1) at(`"${step.text}" matches more than one step: ${matches.map((p) => `"${p}"`).join(', ')}`);
    // a line whose failure the next step expects (`Then the command fails with ...`) is meant to fail
    const next = steps[i + 1];
    const expectsFailure =
      next?.scope === step.scope && /^the command fails\b|^the error output contains\b/.test(next.text);
    if (ctx.kubectl && !expectsFailure)
      for (const line of kubectlLines(step.text, step.docString?.content)) {
        const problem = ctx.kubectl(line, step.scope);
        if (problem) at(`\`${line}\`: ${problem}`);
      }
    if (INLINE_MANIFEST.test(step.text)) {
      if (!step.docString) at('this step needs the manifest as a """ docstring below it');
      else for (const m of ctx.manifest(step.docString.content, dir, step.scope)) at(m);
    }
    const file = step.text.match(FILE_MANIFEST)?.[1];
    if (file !== undefined) {
      const full = path.resolve(dir, file);
      if (!fs.existsSync(full)) at(`the manifest "${file}" does not exist (looked for ${full})`);
      else
        for (const m of ctx.manifest(fs.readFileSync(full, 'utf8'), path.dirname(full), step.scope))
          at(`${file}: ${m}`);
    }
  });
  return problems;
}

export function problemsText(problems: Problem[], files: number): string {
  if (!problems.length) return `${files} feature file${files === 1 ? '' : 's'}, no problems\n`;
  return (
    problems.map((p) => `${p.uri}:${p.line}: ${p.message.replace(/\n/g, '\n    ')}`).join('\n') +
    `\n\n${problems.length} problem${problems.length === 1 ? '' : 's'} in ${new Set(problems.map((p) => p.uri)).size} of ${files} feature files\n`
  );
}
