// Reading manifests as kubectl's resource builder does (staging/src/k8s.io/cli-runtime/pkg/resource):
// files, directories (.json, .yaml, .yml) and `-` for stdin; documents split on `---` lines and parsed one
// by one, so a parse error stops its file but the documents before it are kept; `kind: List` expands.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAll, YAMLException } from 'js-yaml';
import { CmdError } from './errors';
import type { KObject } from '../api/meta';
import { jsonKind } from '../apiserver/decode/json';
import type { ResourceRegistry } from '../api/kinds';
import { MAX_DEPTH, measure, yamlLimitError } from '../apiserver/decode/limits';

export interface Manifest {
  obj: KObject;
  source: string;
}
/** Objects and errors in the order the documents were read: kubectl reports each where it meets it. */
export interface Loaded {
  items: (Manifest | { error: unknown })[];
}

export function isManifest(i: Manifest | { error: unknown }): i is Manifest {
  return 'obj' in i;
}

const EXTENSIONS = ['.json', '.yaml', '.yml'];

/** Splits a YAML stream as k8s.io/apimachinery/pkg/util/yaml YAMLReader does. */
export function splitDocuments(text: string): string[] {
  const docs: string[] = [];
  let cur: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (!rest.length || rest[0] === '#') {
        docs.push(cur.join('\n'));
        cur = [];
        continue;
      }
    }
    cur.push(line);
  }
  docs.push(cur.join('\n'));
  return docs;
}

/**
 * The line (1-based, counted in the whole text) of the first YAML syntax error of a manifest: kubectl counts
 * lines within each document, a feature file wants them within its docstring.
 */
export function yamlErrorLine(text: string): number | undefined {
  let first = 1;
  for (const doc of splitDocuments(text)) {
    try {
      loadAll(doc, { json: true });
    } catch (e) {
      if (e instanceof YAMLException) return first + (e.mark?.line ?? 0);
      throw e;
    }
    first += doc.split('\n').length + 1; // the document's lines and the `---` after it
  }
  return undefined;
}

/** go-yaml's wording for the common parse errors that js-yaml reports differently. */
function yamlMessage(e: YAMLException, doc: string): string {
  const reason = e.reason ?? e.message;
  const line = (e.mark?.line ?? 0) + 1;
  const { open, quoted } = unclosed(doc, e.mark?.position ?? doc.length);
  if (quoted && /deficient indentation|unexpected end of the stream/.test(reason))
    return `yaml: line ${line}: found unexpected end of stream`;
  // go-yaml reports an unterminated flow collection at the line where it opened
  if (open && /deficient indentation|end of the stream within a flow collection|missed comma/.test(reason)) {
    return `yaml: line ${open.line}: did not find expected ',' or '${open.char === '[' ? ']' : '}'}'`;
  }
  const table: [RegExp, string, number][] = [
    [/bad indentation of a mapping entry/, 'mapping values are not allowed in this context', 0],
    [/tab characters must not be used/, 'found a tab character that violates indentation', 0],
    [/unexpected end of the stream within a (double|single) quoted scalar/, 'found unexpected end of stream', 0],
    [
      /missed comma between flow collection entries|unexpected end of the stream within a flow collection/,
      "did not find expected ',' or ']'",
      0,
    ],
    [
      /can not read a block mapping entry; a multiline key may not be an implicit key/,
      "could not find expected ':'",
      0,
    ],
    [/duplicated mapping key/, 'mapping key already defined', 0],
    [/end of the stream or a document separator is expected/, 'did not find expected key', 0],
    [/nesting exceeded maxDepth/, `exceeded max depth of ${MAX_DEPTH}`, -1],
  ];
  for (const [re, text, at] of table)
    if (re.test(reason)) return at < 0 ? `yaml: ${text}` : `yaml: line ${line}: ${text}`;
  return `yaml: line ${line}: ${reason}`;
}

/** The innermost `[` or `{` still open at `end`, and whether a quoted scalar is. */
function unclosed(doc: string, end: number): { open?: { char: string; line: number }; quoted: boolean } {
  const stack: { char: string; line: number }[] = [];
  let line = 1,
    quote: string | undefined;
  for (let i = 0; i < Math.min(end, doc.length); i++) {
    const c = doc[i];
    if (c === '\n') line++;
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '\n') continue;
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') stack.push({ char: c, line });
    else if (c === ']' || c === '}') stack.pop();
    else if (c === '#' && (i === 0 || /\s/.test(doc[i - 1]))) {
      while (i + 1 < doc.length && doc[i + 1] !== '\n') i++;
    }
  }
  return { open: stack[stack.length - 1], quoted: !!quote };
}

/** Parses one source's text into objects, recording kubectl's error for a bad document. */
export function parseManifests(text: string, source: string, out: Loaded): void {
  const trimmed = text.trimStart();
  const docs = trimmed.startsWith('{') || trimmed.startsWith('[') ? [text] : splitDocuments(text);
  for (const doc of docs) {
    let value: unknown;
    try {
      // an empty or comment-only document is skipped
      value = loadAll(doc, { json: true, maxDepth: MAX_DEPTH })[0];
    } catch (e) {
      if (e instanceof YAMLException) {
        out.items.push({
          error: new CmdError(`error parsing ${source}: error converting YAML to JSON: ${yamlMessage(e, doc)}`),
        });
        return;
      }
      throw e;
    }
    // go-yaml's alias limit, then what sigs.k8s.io/yaml's json.Marshal cannot write (.inf, .nan)
    const limit = yamlLimitError(value) ?? measure(value).unsupported;
    if (limit) {
      out.items.push({ error: new CmdError(`error parsing ${source}: error converting YAML to JSON: ${limit}`) });
      return;
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      const what = Array.isArray(value)
        ? 'array'
        : typeof value === 'string'
          ? 'string'
          : typeof value === 'number'
            ? 'number'
            : 'bool';
      out.items.push({
        error: new CmdError(
          `unable to decode "${source}": json: cannot unmarshal ${what} into Go value of type unstructured.detector`,
        ),
      });
      continue;
    }
    addObject(value as KObject, source, out);
  }
}

function addObject(obj: KObject, source: string, out: Loaded): void {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    // an item of a List that is not an object (unstructuredJSONScheme decodeToList)
    out.items.push({
      error: new CmdError(
        `unable to decode "${source}": json: cannot unmarshal ${jsonKind(obj)} into Go value of type map[string]interface {}`,
      ),
    });
    return;
  }
  // schema validation's getObjectKind (kubectl/pkg/validation)
  const kindError = (f: 'apiVersion' | 'kind') =>
    obj[f] === undefined || obj[f] === null || obj[f] === ''
      ? `${f} not set`
      : typeof obj[f] !== 'string'
        ? `${f} isn't string type`
        : undefined;
  const missing = [kindError('apiVersion'), kindError('kind')].filter((x) => x) as string[];
  if (missing.length) {
    const data = missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`;
    out.items.push({
      error: new CmdError(
        `error validating "${source}": error validating data: ${data}; if you choose to ignore these errors, turn validation off with --validate=false`,
      ),
    });
    return;
  }
  if (obj.kind!.endsWith('List') && Array.isArray((obj as any).items)) {
    for (const item of (obj as any).items) addObject(item, source, out);
    return;
  }
  out.items.push({ obj, source });
}

/** Reads every -f argument: a file a step gave (`a file "web.yaml" with:`), else the disk. */
export function loadSources(
  files: string[],
  opts: { stdin?: string; cwd?: string; recursive?: boolean; given?: ReadonlyMap<string, string> },
): Loaded {
  const out: Loaded = { items: [] };
  const cwd = opts.cwd ?? process.cwd();
  for (const f of files) {
    if (f === '-') {
      parseManifests(opts.stdin ?? '', 'STDIN', out);
      continue;
    }
    if (/^https?:\/\//.test(f)) {
      out.items.push({ error: new CmdError(`unable to read URL "${f}": no network in the embedded cluster`) });
      continue;
    }
    const full = path.resolve(cwd, f);
    const given = opts.given?.get(full);
    if (given !== undefined) {
      parseManifests(given, f, out);
      continue;
    }
    if (!fs.existsSync(full)) {
      out.items.push({ error: new CmdError(`the path "${f}" does not exist`) });
      continue;
    }
    if (fs.statSync(full).isDirectory()) {
      for (const file of listDir(full, !!opts.recursive))
        parseManifests(fs.readFileSync(file, 'utf8'), path.join(f, path.relative(full, file)), out);
    } else parseManifests(fs.readFileSync(full, 'utf8'), f, out);
  }
  return out;
}

function listDir(dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) {
      if (recursive) out.push(...listDir(p, true));
    } else if (EXTENSIONS.includes(path.extname(name))) out.push(p);
  }
  return out;
}

/** The builder's RESTMapping error for a kind the server does not serve in that version. */
export function mappingError(m: Manifest, reg: ResourceRegistry): CmdError | undefined {
  if (reg.forObject(m.obj.apiVersion ?? '', m.obj.kind!)) return undefined;
  // the unstructured accessors read a name or namespace of another type as empty
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return new CmdError(
    `resource mapping not found for name: "${str(m.obj.metadata?.name)}" namespace: "${str(m.obj.metadata?.namespace)}" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`,
  );
}
