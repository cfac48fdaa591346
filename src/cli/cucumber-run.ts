// Cucumber, run in-process with kspec's step library: the same profiles' settings as cucumber.js, with
// paths resolved for features kept anywhere (a suite in another repository, a lab in curriculum/).
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfiguration, loadSources, loadSupport, runCucumber } from '@cucumber/cucumber/api';
import type { IConfiguration } from '@cucumber/cucumber';
import type { Envelope } from '@cucumber/messages';
import type StepDefinition from '@cucumber/cucumber/lib/models/step_definition';
import { supportPaths, TS_REGISTER, KSPEC_FORMATTER } from './root';

export interface RunOptions {
  cwd: string;
  paths: string[];
  tags?: string;
  parallel?: number;
  /** formats as cucumber takes them (`junit:reports/junit.xml`); the kspec formatter prints to stdout */
  formats?: string[];
  worldParameters?: Record<string, unknown>;
  /** no stdout formatter (grading reads the messages instead) */
  quiet?: boolean;
  /** more format options (the Allure reporter's) */
  formatOptions?: Record<string, unknown>;
  /** cucumber's options of the same names */
  dryRun?: boolean;
  name?: string[];
  failFast?: boolean;
  retry?: number;
  /** the suite's cucumber.js profiles: their tags, names, formats and options join kspec's settings */
  profiles?: string[];
}

/** What a suite's cucumber.js profiles add to a kspec run (not their require paths: kspec loads its own steps). */
export async function profileSettings(cwd: string, profiles: string[]): Promise<Partial<RunOptions>> {
  const environment = { cwd, stdout: process.stdout, stderr: process.stderr, env: process.env };
  const { useConfiguration: c } = await loadConfiguration({ profiles }, environment);
  return {
    ...(c.paths.length ? { paths: c.paths } : {}),
    ...(c.tags ? { tags: c.tags } : {}),
    ...(c.name.length ? { name: c.name } : {}),
    // stdout belongs to kspec's formatter; a format given as [name, file] becomes name:file
    formats: c.format
      .map((f) => (Array.isArray(f) ? f.filter(Boolean).join(':') : f))
      .filter((f) => !/^(progress|summary|progress-bar|pretty)$/.test(f)),
    formatOptions: c.formatOptions as Record<string, unknown>,
    ...(c.parallel ? { parallel: c.parallel } : {}),
    ...(c.retry ? { retry: c.retry } : {}),
    ...(c.failFast ? { failFast: true } : {}),
    ...(c.dryRun ? { dryRun: true } : {}),
    worldParameters: c.worldParameters as Record<string, string>,
  };
}

export function configuration(opts: RunOptions): Partial<IConfiguration> {
  return {
    paths: opts.paths.length ? opts.paths : ['features/**/*.feature'],
    requireModule: [TS_REGISTER],
    require: supportPaths(opts.cwd),
    format: [...(opts.quiet ? [] : [KSPEC_FORMATTER]), ...(opts.formats ?? [])],
    formatOptions: {
      snippetInterface: 'synchronous',
      printAttachments: false,
      ...(opts.formatOptions ?? {}),
    } as IConfiguration['formatOptions'],
    tags: opts.tags ?? '',
    parallel: opts.parallel ?? 0,
    worldParameters: (opts.worldParameters ?? {}) as IConfiguration['worldParameters'],
    strict: true,
    ...(opts.dryRun ? { dryRun: true } : {}),
    ...(opts.name?.length ? { name: opts.name } : {}),
    ...(opts.failFast ? { failFast: true } : {}),
    ...(opts.retry ? { retry: opts.retry } : {}),
  };
}

async function load(
  opts: RunOptions,
  environment: { cwd: string; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; env: NodeJS.ProcessEnv },
) {
  return loadConfiguration({ file: false, provided: configuration(opts) }, environment as any);
}

/** The scenarios a run would execute (after tags and names), as `uri` and line. */
export async function plannedScenarios(opts: RunOptions): Promise<{ uri: string; line: number }[]> {
  const environment = { cwd: opts.cwd, stdout: process.stdout, stderr: process.stderr, env: process.env };
  const { runConfiguration } = await load(opts, environment);
  const { plan } = await loadSources(runConfiguration.sources, environment);
  return plan.map((p) => ({ uri: p.uri, line: p.location.line }));
}

export type SupportLibrary = Awaited<ReturnType<typeof loadSupport>>;

/** What kspec reads of a loaded library: the step definitions (the API's type keeps them opaque). */
export interface StepLibrary {
  stepDefinitions: StepDefinition[];
}

/**
 * Step libraries loaded in this process, by their support files: Cucumber registers step definitions as their
 * files are first required, so loading the same files again in one process finds none (a lab session that runs
 * its setup, then grades; a test process that grades after listing the catalogue). Each is loaded once.
 */
const loaded = new Map<string, SupportLibrary>();
const libraryKey = (cwd: string) => JSON.stringify(supportPaths(cwd));

/** Runs the features; `onMessage` sees every Cucumber message. `support` reuses a library already loaded. */
export async function runFeatures(
  opts: RunOptions,
  onMessage?: (e: Envelope) => void,
  support?: SupportLibrary,
): Promise<{ success: boolean; support: SupportLibrary }> {
  const stdout = opts.quiet ? new Writable({ write: (_chunk, _enc, done) => done() }) : process.stdout;
  const environment = { cwd: opts.cwd, stdout, stderr: process.stderr, env: process.env };
  const { runConfiguration } = await load(opts, environment);
  const library = support ?? loaded.get(libraryKey(opts.cwd));
  const result = await runCucumber(
    library ? { ...runConfiguration, support: library } : runConfiguration,
    environment,
    onMessage,
  );
  loaded.set(libraryKey(opts.cwd), result.support);
  return result;
}

/** The step library as Cucumber loads it (definitions with their patterns, files and lines). */
export async function loadStepLibrary(cwd: string): Promise<SupportLibrary & StepLibrary> {
  const known = loaded.get(libraryKey(cwd));
  if (known) return known as SupportLibrary & StepLibrary;
  const environment = { cwd, stdout: process.stdout, stderr: process.stderr, env: process.env };
  const { runConfiguration } = await loadConfiguration(
    { file: false, provided: configuration({ cwd, paths: [], quiet: true }) },
    environment,
  );
  const library = await loadSupport(runConfiguration, environment);
  loaded.set(libraryKey(cwd), library);
  return library as SupportLibrary & StepLibrary;
}

/** A definition's file relative to kspec's root or the suite's folder, with forward slashes. */
export function relativeUri(uri: string, root: string): string {
  return path.relative(root, path.resolve(root, uri)).split(path.sep).join('/');
}
