// The step catalogue: every step definition as a phrase people can read (`Given a cluster with {int} node(s)`),
// its parameters, the comment above it in the source, and an example (the first use in a feature, else one
// made from the phrase). `kspec steps` prints it and writes docs/steps.md; suggestions for undefined steps
// and `kspec lint` read it.
import { modelOnlyReason } from '../live/model-only';

export interface StepSource {
  /** the Cucumber expression, or a regular expression for the steps that need one */
  pattern: string | RegExp;
  /** the file that defines it, relative to kspec's root, and its line */
  uri: string;
  line: number;
}

export interface CatalogueEntry {
  keyword: 'Given' | 'When' | 'Then' | 'Step';
  phrase: string;
  parameters: string[];
  doc: string;
  example: string;
  uri: string;
  line: number;
  /** what is wrong with the comment above it: no `e.g.` example, or one the step does not match */
  problem?: string;
  /** why only the embedded model can run it (its comment starts `Model-only (<why>):`): skipped on a live cluster */
  modelOnly?: string;
}

/** What each parameter type accepts, for the catalogue. */
export const PARAMETER_DOCS: Record<string, string> = {
  int: 'a whole number: `3`',
  float: 'a number: `0.5`',
  string: 'text in double quotes: `"web"`',
  word: 'one word: `deployment`',
  kind: 'a kubectl resource name, singular, plural or short: `deployment`, `pods`, `svc`',
  object: '`<kind> "<name>"`, optionally followed by `in namespace "<ns>"`: `deployment "web"`',
  duration: '`90 seconds`, `5 minutes`, `1 hour`, `2m`, `1h30m`',
  text: 'the rest of the line',
};

const SAMPLES: Record<string, string> = {
  int: '3',
  float: '0.5',
  string: '"web"',
  word: 'web',
  kind: 'deployment',
  object: 'deployment "web"',
  duration: '30 seconds',
  text: 'some text',
};

/**
 * A regular-expression step as a phrase: `"([^"]*)" does not resolve(?: from namespace "([^"]*)")?` →
 * `{string} does not resolve[ from namespace {string}]`; `nodes?` → `node(s)`, `(iptables|ipvs)` → `iptables/ipvs`,
 * alternatives of several words apart with ` | `.
 */
export function regexpPhrase(re: RegExp): string {
  let out = re.source
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replace(/"\(?\[\^"\]\*\)?"/g, '{string}')
    .replace(/\(?\[a-z\]\+\)?/g, '{word}')
    .replace(/\(\\d\+\)/g, '{int}')
    .replace(/\(\.\+\)|\(\.\*\)/g, '{text}')
    .replace(/([a-z])\?/g, '($1)');
  for (let before = ''; before !== out; ) {
    before = out;
    out = out
      .replace(/\((?!\?)([^()]*\|[^()]*)\)/g, (_, alts: string) =>
        alts.split('|').join(alts.includes(' ') ? ' | ' : '/'),
      )
      .replace(/\(\?:([^()]*)\)\?/g, '[$1]');
  }
  return out.replace(/\\(.)/g, '$1');
}

export function phraseOf(pattern: string | RegExp): string {
  return typeof pattern === 'string' ? pattern : regexpPhrase(pattern);
}

export function parametersOf(phrase: string): string[] {
  return [...phrase.matchAll(/\{(\w*)\}/g)].map((m) => m[1]);
}

/** An example made from the phrase: sample values, optional text `(s)` dropped, the first of `a/b`, optional `[...]` parts left out. */
export function exampleFromPhrase(phrase: string): string {
  return phrase
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\{(\w*)\}/g, (_, name: string) => SAMPLES[name] ?? `<${name}>`)
    .replace(/\(([^)]*)\)/g, '')
    .replace(/(\S+)\/\S+/g, (whole, first: string) => (whole.includes('"') ? whole : first));
}

/** The keyword a definition was written with, read from its source line (`Then('...'` → Then). */
export function keywordAt(source: string | undefined, line: number): CatalogueEntry['keyword'] {
  const text = source?.split('\n')[line - 1] ?? '';
  const m = text.match(/\b(Given|When|Then)\s*\(/);
  return (m?.[1] as CatalogueEntry['keyword']) ?? 'Step';
}

/** The comment right above a definition, as one line (`//` lines or a `/** … *\/` block). */
export function docAbove(source: string | undefined, line: number): string {
  if (!source) return '';
  const lines = source.split('\n');
  const out: string[] = [];
  for (let i = line - 2; i >= 0; i--) {
    const t = lines[i].trim();
    if (t.startsWith('//')) out.unshift(t.replace(/^\/\/\s?/, ''));
    else if (t.startsWith('*') || t.startsWith('/**')) out.unshift(t.replace(/^\/\*\*|^\*\/?|\*\/$/g, '').trim());
    else break;
  }
  return out.filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();
}

/** The example a comment gives: the first `…` after `e.g.`, keyword dropped (`e.g. \`When 5 minutes pass\`` → `5 minutes pass`). */
export function docExample(doc: string): string | undefined {
  const m = doc.match(/\be\.g\. `([^`]+)`/);
  return m ? m[1].trim().replace(/^(?:Given|When|Then|And|But|\*)\s+/, '') : undefined;
}

/** What is wrong with a definition's comment, if anything: it must give an example (`e.g. \`...\``) that the step matches. */
export function docProblem(doc: string, matches: (text: string) => boolean): string | undefined {
  if (!doc) return 'it has no comment above it: one line, what it does, then e.g. and an example phrase in backquotes';
  const example = docExample(doc);
  if (example === undefined) return 'its comment gives no example: e.g. and an example phrase in backquotes';
  if (!matches(example)) return `its example "${example}" does not match the step`;
  return undefined;
}

/** A step as written in a feature, with its docstring or table when it has one. */
export interface StepUse {
  text: string;
  argument?: string;
}

/** Step lines of a feature file, keyword stripped, each with the docstring or table below it. */
export function stepsInFeature(feature: string): StepUse[] {
  const lines = feature.split('\n');
  const out: StepUse[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i].match(/^\s*(?:Given|When|Then|And|But|\*)\s+(.*\S)\s*$/);
    if (!m) continue;
    const use: StepUse = { text: m[1] };
    const next = lines[i + 1]?.trim() ?? '';
    if (next.startsWith('"""') || next.startsWith('```')) {
      const fence = next.slice(0, 3);
      const end = lines.findIndex((l, j) => j > i + 1 && l.trim().startsWith(fence));
      if (end > 0) {
        use.argument = lines
          .slice(i + 1, end + 1)
          .map((l) => (l.trim() === '' ? '' : l.replace(/^\s{0,6}/, '  ')))
          .join('\n');
        i = end;
      }
    } else if (next.startsWith('|')) {
      let end = i + 1;
      while (lines[end + 1]?.trim().startsWith('|')) end++;
      use.argument = lines
        .slice(i + 1, end + 1)
        .map((l) => `  ${l.trim()}`)
        .join('\n');
      i = end;
    }
    out.push(use);
  }
  return out;
}

export interface CatalogueInput {
  definitions: StepSource[];
  /** source text by uri */
  sources: Record<string, string>;
  /** step uses from features, in order: the first that matches a definition is its example */
  uses: StepUse[];
  /** does this step text match this definition? (Cucumber's own expression matching) */
  matches: (definition: StepSource, text: string) => boolean;
}

const MAX_ARGUMENT_LINES = 8;

function exampleText(keyword: string, use: StepUse): string {
  const kw = keyword === 'Step' ? '*' : keyword;
  if (!use.argument) return `${kw} ${use.text}`;
  const arg = use.argument.split('\n');
  const shown =
    arg.length > MAX_ARGUMENT_LINES ? [...arg.slice(0, MAX_ARGUMENT_LINES - 2), '  ...', arg[arg.length - 1]] : arg;
  return `${kw} ${use.text}\n${shown.join('\n')}`;
}

export function buildCatalogue(input: CatalogueInput): CatalogueEntry[] {
  return input.definitions.map((d) => {
    const phrase = phraseOf(d.pattern);
    const keyword = keywordAt(input.sources[d.uri], d.line);
    const use = input.uses.find((u) => input.matches(d, u.text));
    const doc = docAbove(input.sources[d.uri], d.line);
    const problem = docProblem(doc, (text) => input.matches(d, text));
    const modelOnly = modelOnlyReason(doc);
    return {
      keyword,
      phrase,
      parameters: parametersOf(phrase),
      doc,
      example: exampleText(
        keyword,
        use ?? { text: exampleFromPhrase(phrase), argument: phrase.endsWith(':') ? '  """\n  ...\n  """' : undefined },
      ),
      uri: d.uri,
      line: d.line,
      ...(problem ? { problem } : {}),
      ...(modelOnly ? { modelOnly } : {}),
    };
  });
}

const AREA = (uri: string) => uri.replace(/^.*\//, '').replace(/\.steps\.ts$|\.ts$/, '');

/** docs/steps.md: the catalogue by file, with the parameter types it uses. */
export function catalogueMarkdown(entries: CatalogueEntry[]): string {
  const out = [
    '# Step catalogue',
    '',
    'Generated by `kspec steps --write` from the step definitions in `steps/`; do not edit by hand.',
    'The phrases of `VOCABULARY.md` are a contract; the others may grow. Each phrase has one definition.',
    'A step marked **Model-only** needs the embedded model (virtual time, node failures, image behaviours, traffic',
    "through kube-proxy's rules, ...): on a live cluster (`kspec run --kubeconfig`, docs/targets.md) a scenario that",
    'uses one is skipped, with the reason in the report.',
    '',
    '## Parameter types',
    '',
    '| type | accepts |',
    '|---|---|',
  ];
  const used = new Set(entries.flatMap((e) => e.parameters));
  for (const [name, doc] of Object.entries(PARAMETER_DOCS)) if (used.has(name)) out.push(`| \`{${name}}\` | ${doc} |`);
  const areas = new Map<string, CatalogueEntry[]>();
  for (const e of entries) areas.set(AREA(e.uri), [...(areas.get(AREA(e.uri)) ?? []), e]);
  for (const [area, list] of areas) {
    out.push('', `## ${area}`, '');
    for (const e of list) {
      out.push(`### ${e.keyword === 'Step' ? '*' : e.keyword} ${e.phrase}`, '');
      if (e.doc) out.push(e.modelOnly ? e.doc.replace(/^Model-only \(([^)]+)\):/, '**Model-only** ($1):') : e.doc, '');
      if (e.parameters.length)
        out.push(
          `Parameters: ${e.parameters.map((p) => `\`{${p}}\``).join(', ')}. Defined in \`${e.uri}:${e.line}\`.`,
          '',
        );
      else out.push(`Defined in \`${e.uri}:${e.line}\`.`, '');
      out.push('```gherkin', e.example, '```', '');
    }
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

/** The catalogue as terminal text: one phrase a line, by file. */
export function catalogueText(entries: CatalogueEntry[]): string {
  const out: string[] = [];
  let area = '';
  for (const e of entries) {
    if (AREA(e.uri) !== area) {
      area = AREA(e.uri);
      out.push(`${out.length ? '\n' : ''}${area}`);
    }
    out.push(`  ${e.keyword === 'Step' ? '*' : e.keyword} ${e.phrase}${e.doc ? `\n      ${e.doc}` : ''}`);
  }
  return out.join('\n') + '\n';
}
