// kubectl explain (staging/src/k8s.io/kubectl/pkg/explain/v2, templates/plaintext.tmpl): a kind's or field's
// description and fields, rendered from the OpenAPI v3 document the server serves (src/server/openapi.ts, made
// from kubernetes-types 1.30), as the template renders it with its `wrap` and `indent`. kubernetes-types carries
// no enums, so no ENUM lines are printed (a real cluster's document has them).

import type { Command } from '../context';
import { KubectlFailure } from '../errors';

type Schema = Record<string, any>;

/**
 * The template's `wrap`: kubectl's term.NewWordWrapWriter, which is mitchellh/go-wordwrap's WrapString: each
 * line (existing newlines kept) broken at spaces before `limit` columns; a word longer than that stays whole.
 */
export function wordWrap(s: string, limit: number): string {
  let out = '',
    word = '',
    space = '',
    current = 0;
  for (const ch of s) {
    if (ch === '\n') {
      if (!word) {
        if (current + space.length <= limit) out += space;
      } else out += space + word;
      out += ch;
      word = '';
      space = '';
      current = 0;
    } else if (/\s/.test(ch) && ch !== '\u00a0') {
      if (!space || word) {
        current += space.length + word.length;
        out += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      if (current + space.length + word.length > limit && word.length < limit) {
        out += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (!word) {
    if (current + space.length <= limit) out += space;
  } else out += space + word;
  return out;
}

/** sprig's indent: every line, empty ones too. */
const indent = (n: number, s: string) => ' '.repeat(n) + s.replace(/\n/g, '\n' + ' '.repeat(n));

class Renderer {
  constructor(private readonly doc: Schema) {}

  resolve(ref: string | undefined): Schema | undefined {
    return ref ? this.doc.components?.schemas?.[ref.replace('#/components/schemas/', '')] : undefined;
  }

  typeGuess(s: Schema): string {
    if (s.items) return `[]${this.typeGuess(s.items)}`;
    if (s.additionalProperties && typeof s.additionalProperties === 'object')
      return `map[string]${this.typeGuess(s.additionalProperties)}`;
    if (s.allOf && !s.properties && s.allOf.length === 1) return this.typeGuess(s.allOf[0]);
    if (s.$ref) {
      const r = this.resolve(s.$ref);
      if (!r || !r.type || r.type === 'object') return (s.$ref.split('/').pop() ?? '').split('.').pop() || 'Object';
      return r.type || 'Object';
    }
    return s.type === 'object' ? 'Object' : s.type || 'Object';
  }

  enumText(s: Schema, long: boolean, limit: number, at = 0): string {
    if (!s.enum) return '';
    let out = long ? 'ENUM:' : `\n${' '.repeat(at)}enum: `;
    for (const [i, e] of (s.enum as unknown[]).entries()) {
      if (limit > -1 && i >= limit) {
        out += ', ....';
        break;
      }
      if (i > 0 && !long) out += ', ';
      else if (long) out += '\n    ';
      out += e === '' ? '""' : String(e);
    }
    return out;
  }

  description(s: Schema): string {
    const r = this.resolve(s.$ref) ?? s;
    let out = r.description ? `${r.description}\n` : '';
    for (const a of r.allOf ?? []) out += this.description(a);
    if (r.items) out += this.description(r.items);
    if (r.additionalProperties && typeof r.additionalProperties === 'object')
      out += this.description(r.additionalProperties);
    return out;
  }

  externalDocs(s: Schema, at = 0): string {
    const d = s.externalDocs;
    if (!d) return '';
    return `EXTERNAL DOCS:\n${d.description ? indent(at + 4, wordWrap(d.description, 76 - at)) + '\n' : ''}${d.url ? indent(at + 4, `URL: ${d.url}`) + '\n' : ''}`;
  }

  fieldDetail(name: string, parent: Schema, short: boolean, level: number): string {
    const at = level * 2,
      f = parent.properties[name];
    let out = `${indent(at, name)}\t<${this.typeGuess(f)}>${(parent.required ?? []).includes(name) ? ' -required-' : ''}${this.enumText(f, false, 4, at)}\n`;
    if (!short) {
      out += indent(at + 2, wordWrap(f.description || '<no description>', 78 - at)) + '\n';
      if (f.externalDocs)
        out +=
          '\n' +
          indent(at + 2, 'EXTERNAL DOCS:') +
          '\n' +
          (f.externalDocs.description ? indent(at + 4, wordWrap(f.externalDocs.description, 76 - at)) + '\n' : '') +
          (f.externalDocs.url ? indent(at + 4, `URL: ${f.externalDocs.url}`) + '\n' : '');
      out += '\n';
    }
    return out;
  }

  fieldList(s: Schema, level: number, history: Set<string>, recursive: boolean): string {
    const ref = s.$ref ?? '';
    if (ref && history.has(ref)) return '';
    const next = new Set(history).add(ref);
    const r = this.resolve(ref) ?? s;
    let out = '';
    for (const k of Object.keys(r.properties ?? {}).sort()) {
      out += this.fieldDetail(k, r, recursive, level);
      if (recursive) out += this.fieldList(r.properties[k], level + 1, next, recursive);
    }
    for (const a of r.allOf ?? []) out += this.fieldList(a, level, next, recursive);
    if (r.items) out += this.fieldList(r.items, level, next, recursive);
    if (r.additionalProperties && typeof r.additionalProperties === 'object')
      out += this.fieldList(r.additionalProperties, level, next, recursive);
    return out;
  }

  output(s: Schema, path: string[], history: Set<string>, recursive: boolean): string {
    const ref = s.$ref ?? '';
    const next = new Set(history).add(ref);
    const r = this.resolve(ref) ?? s;
    if (!path.length) {
      const list = this.fieldList(r, 1, new Set(), recursive);
      return `DESCRIPTION:\n${indent(4, wordWrap(this.description(r) || '<empty>', 76))}\n${this.externalDocs(r) ? '\n' + this.externalDocs(r) : ''}${list ? `FIELDS:\n${list}` : ''}`;
    }
    if (ref && history.has(ref)) return '';
    if (r.properties?.[path[0]]) {
      const sub = r.properties[path[0]];
      const head =
        path.length === 1 ? `FIELD: ${path[0]} <${this.typeGuess(sub)}>\n${this.enumText(sub, true, -1)}\n\n` : '';
      return head + this.output(sub, path.slice(1), new Set(), recursive);
    }
    if (r.items) return this.output(r.items, path, next, recursive);
    if (r.additionalProperties && typeof r.additionalProperties === 'object')
      return this.output(r.additionalProperties, path, next, recursive);
    for (const a of r.allOf ?? []) {
      const o = this.output(a, path, next, recursive);
      if (o) return o;
    }
    return '';
  }
}

export const explain: Command = {
  path: 'kubectl explain',
  flags: {
    recursive: { type: 'bool' },
    'api-version': { type: 'string' },
    output: { type: 'string', short: 'o', default: 'plaintext' },
  },
  run(ctx) {
    if (ctx.args.length !== 1)
      throw new KubectlFailure(
        `error: We accept only this format: explain RESOURCE\nSee 'kubectl explain -h' for help and examples`,
      );
    if (ctx.flag('output') !== 'plaintext')
      throw new KubectlFailure(`error: kspec prints explain as plaintext only, not "${ctx.flag('output')}"`);
    const [word, ...path] = ctx.args[0].split('.');
    const r = ctx.resources.resolve(word);
    if (!r) throw new KubectlFailure(`the server doesn't have a resource type "${word}"`);
    const version = ctx.flag<string>('api-version') ? ctx.flag<string>('api-version').split('/').pop()! : r.version;
    const url = r.group ? `/openapi/v3/apis/${r.group}/${version}` : `/openapi/v3/api/${version}`;
    // the group-version's OpenAPI v3 document, as the server serves it
    const doc = ctx.api.rest.value<Schema>({ method: 'GET', path: url });
    const gvk = { group: r.group, version, kind: r.kind };
    const schema = Object.values(doc.components?.schemas ?? {}).find((s: any) =>
      (s['x-kubernetes-group-version-kind'] ?? []).some(
        (g: any) => (g.group ?? '') === gvk.group && g.version === gvk.version && g.kind === gvk.kind,
      ),
    ) as Schema | undefined;
    ctx.out(`${gvk.group ? `GROUP:      ${gvk.group}\n` : ''}KIND:       ${gvk.kind}\nVERSION:    ${gvk.version}\n\n`);
    if (!schema)
      throw new KubectlFailure(`error: GVK ${gvk.group}/${gvk.version}, Kind=${gvk.kind} not found in OpenAPI schema`);
    const body = new Renderer(doc).output(schema, path, new Set(), ctx.flag('recursive'));
    if (!body) throw new KubectlFailure(`error: field "${path[path.length - 1]}" does not exist`);
    ctx.out(body + '\n');
  },
};
