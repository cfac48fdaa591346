// `kspec merge-reports <dir...> [--out reports]`: the reports of a sharded run's shards (each shard's `--ci`
// reports/ folder) as one run's: every Allure result in one allure-results/ (one file per test, so they only need
// to sit together), the JUnit files as one testsuite (counts and times summed, the testcases in shard order), and
// the timings, for the next run's balanced shards. Cucumber's HTML and message files are per run and not merged.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './errors';

const SUITE = /<testsuite\b([^>]*)>([\s\S]*?)<\/testsuite>/g;
const COUNTS = ['tests', 'skipped', 'failures', 'errors'] as const;

function attr(attrs: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
}

/** JUnit XML files (Cucumber's: one testsuite each) as one testsuite. */
export function mergeJUnit(texts: string[]): string {
  const counts: Record<string, number> = { tests: 0, skipped: 0, failures: 0, errors: 0 };
  let time = 0,
    name = 'Cucumber',
    timestamp: string | undefined;
  const cases: string[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(SUITE)) {
      name = attr(m[1], 'name') ?? name;
      for (const c of COUNTS) counts[c] += Number(attr(m[1], c) ?? 0);
      time += Number(attr(m[1], 'time') ?? 0);
      const t = attr(m[1], 'timestamp');
      if (t && (!timestamp || t < timestamp)) timestamp = t;
      cases.push(m[2].replace(/^\n+|\s+$/g, ''));
    }
  }
  const head = `<testsuite name="${name}" time="${Math.round(time * 1000) / 1000}" ${COUNTS.map((c) => `${c}="${counts[c]}"`).join(' ')}${timestamp ? ` timestamp="${timestamp}"` : ''}>`;
  return `<?xml version="1.0"?>\n${head}\n${cases.filter(Boolean).join('\n')}\n</testsuite>\n`;
}

export interface Merged {
  allure: number;
  junit: number;
  timings: number;
}

export function mergeReports(dirs: string[], out: string): Merged {
  for (const d of dirs)
    if (!fs.existsSync(d) || !fs.statSync(d).isDirectory()) throw new UsageError(`no reports folder ${d}`);
  const merged: Merged = { allure: 0, junit: 0, timings: 0 };
  const allureOut = path.join(out, 'allure-results');
  fs.mkdirSync(allureOut, { recursive: true });
  for (const d of dirs) {
    const results = path.join(d, 'allure-results');
    if (!fs.existsSync(results)) continue;
    for (const f of fs.readdirSync(results)) {
      const to = path.join(allureOut, f);
      // results are named by UUID: the same name twice is the same file given twice
      if (fs.existsSync(to) && !fs.readFileSync(to).equals(fs.readFileSync(path.join(results, f))))
        throw new UsageError(`two shards wrote different ${f}: are the folders of one run's shards?`);
      fs.copyFileSync(path.join(results, f), to);
      merged.allure++;
    }
  }
  const junits = dirs.map((d) => path.join(d, 'junit.xml')).filter((f) => fs.existsSync(f));
  if (junits.length) {
    fs.writeFileSync(path.join(out, 'junit.xml'), mergeJUnit(junits.map((f) => fs.readFileSync(f, 'utf8'))));
    merged.junit = junits.length;
  }
  const timings: Record<string, number> = {};
  for (const d of dirs) {
    const f = path.join(d, 'timings.json');
    if (fs.existsSync(f)) {
      Object.assign(timings, JSON.parse(fs.readFileSync(f, 'utf8')));
      merged.timings++;
    }
  }
  if (merged.timings) fs.writeFileSync(path.join(out, 'timings.json'), JSON.stringify(timings, null, 1) + '\n');
  return merged;
}

export async function mergeReportsCommand(cwd: string, dirs: string[], opts: { out?: string }): Promise<number> {
  if (!dirs.length)
    throw new UsageError('which reports? `kspec merge-reports shard-1/reports shard-2/reports ... --out reports`');
  const out = path.resolve(cwd, opts.out ?? 'reports');
  const m = mergeReports(
    dirs.map((d) => path.resolve(cwd, d)),
    out,
  );
  process.stdout.write(
    `merged ${dirs.length} shards into ${path.relative(cwd, out) || out}: ${m.allure} Allure results, ` +
      `${m.junit} JUnit files into junit.xml, ${m.timings} timings files into timings.json\n`,
  );
  return 0;
}
