// `kspec steps`: the catalogue from the loaded step definitions, with examples from the features beside them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadStepLibrary, relativeUri } from './cucumber-run';
import {
  buildCatalogue,
  catalogueMarkdown,
  catalogueText,
  stepsInFeature,
  type CatalogueEntry,
  type StepUse,
} from './catalogue';
import { KSPEC_ROOT } from './root';

/** Every `.feature` file under these folders, sorted. */
export function featureFiles(dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.feature')) out.push(full);
    }
  };
  dirs.forEach(walk);
  return out;
}

export async function catalogue(cwd: string): Promise<CatalogueEntry[]> {
  const library = await loadStepLibrary(cwd);
  const definitions = library.stepDefinitions.map((d) => ({
    pattern: d.pattern,
    uri: relativeUri(d.uri, KSPEC_ROOT),
    line: d.line,
    definition: d,
  }));
  const sources: Record<string, string> = {};
  for (const d of definitions) sources[d.uri] ??= fs.readFileSync(path.resolve(KSPEC_ROOT, d.uri), 'utf8');
  const uses: StepUse[] = featureFiles([
    path.join(KSPEC_ROOT, 'features'),
    path.join(KSPEC_ROOT, 'curriculum'),
  ]).flatMap((f) => stepsInFeature(fs.readFileSync(f, 'utf8')));
  return buildCatalogue({
    definitions,
    sources,
    uses,
    matches: (d, text) => (d as (typeof definitions)[number]).definition.expression.match(text) !== null,
  });
}

export async function stepsCommand(cwd: string, opts: { markdown?: boolean; write?: boolean }): Promise<number> {
  const entries = await catalogue(cwd);
  if (opts.write) {
    const file = path.join(KSPEC_ROOT, 'docs', 'steps.md');
    fs.writeFileSync(file, catalogueMarkdown(entries));
    process.stdout.write(`wrote ${path.relative(cwd, file) || file} (${entries.length} steps)\n`);
    const problems = entries.filter((e) => e.problem);
    for (const e of problems) process.stderr.write(`${e.uri}:${e.line}: "${e.keyword} ${e.phrase}": ${e.problem}\n`);
    if (problems.length) return 1;
  } else {
    process.stdout.write(opts.markdown ? catalogueMarkdown(entries) : catalogueText(entries));
  }
  return 0;
}
