// kubectl create configmap (staging/src/k8s.io/kubectl/pkg/cmd/create/create_configmap.go) and the sources it
// shares with `create secret generic`: --from-literal key=value, --from-file [key=]file or a folder (its
// regular files, one key each), --from-env-file (KEY=value lines). Files come from the feature's folder, or
// from a step that gave them (`a file "redis.conf" with:`); nothing is created when a source is bad.

import { hasKey, setKey } from '../../../api/meta';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command, Ctx } from '../../context';
import { CmdError } from '../../errors';
import { isConfigMapKey } from '../../../api/validation/core';
import { COMMON, createObject, oneName, generatedMeta } from './create';
import { configMapHash } from '../../util/hash';

/** Where the sources' keys go; it refuses a duplicate with its kind's message. */
export interface DataSink {
  add(key: string, value: string): void;
}

/** A file kubectl reads: a step's file first, then the disk, relative to the feature's folder. */
function localFile(ctx: Ctx, p: string): { file: string } | { dir: string[] } | undefined {
  const full = path.resolve(ctx.opts.cwd ?? process.cwd(), p);
  const given = ctx.files;
  if (given.has(full)) return { file: given.get(full)! };
  const inDir = [...given.keys()].filter((k) => path.dirname(k) === full).map((k) => path.basename(k));
  if (inDir.length) return { dir: inDir.sort() };
  if (!fs.existsSync(full)) return undefined;
  if (fs.statSync(full).isDirectory())
    return {
      dir: fs
        .readdirSync(full)
        .filter((n) => fs.statSync(path.join(full, n)).isFile())
        .sort(),
    };
  return { file: fs.readFileSync(full, 'utf8') };
}

export function readLocalFile(ctx: Ctx, p: string): string {
  const f = localFile(ctx, p);
  if (!f) throw new CmdError(`error reading ${p}: no such file or directory`);
  if ('dir' in f) throw new CmdError(`error reading ${p}: is a directory`);
  return f.file;
}

/** parseLiteralSource */
function literal(source: string): [string, string] {
  const i = source.indexOf('=');
  if (i <= 0) throw new CmdError(`invalid literal source ${source}, expected key=value`);
  return [source.slice(0, i), source.slice(i + 1)];
}

/** The sources of create configmap and create secret generic, in kubectl's order: files, literals, env files. */
export function readSources(ctx: Ctx, sink: DataSink, keyError: (key: string, msg: string) => string): void {
  const files = ctx.flag<string[]>('from-file') ?? [],
    literals = ctx.flag<string[]>('from-literal') ?? [],
    envFiles = ctx.flag<string[]>('from-env-file') ?? [];
  if (envFiles.length && (files.length || literals.length))
    throw new CmdError('from-env-file cannot be combined with from-file or from-literal');
  const checkKey = (k: string) => {
    const m = isConfigMapKey(k);
    if (m.length) throw new CmdError(keyError(k, m.join('; ')));
  };
  for (const source of files) {
    const i = source.indexOf('=');
    const [key, p] = i >= 0 ? [source.slice(0, i), source.slice(i + 1)] : ['', source];
    if (i === 0) throw new CmdError(`key name for file path ${p} missing`);
    const f = localFile(ctx, p);
    if (!f) throw new CmdError(`error reading ${p}: no such file or directory`);
    if ('dir' in f) {
      if (key) throw new CmdError('cannot give a key name for a directory path');
      for (const name of f.dir) {
        checkKey(name);
        sink.add(name, readLocalFile(ctx, path.join(p, name)));
      }
    } else {
      const k = key || path.basename(p);
      checkKey(k);
      sink.add(k, f.file);
    }
  }
  for (const l of literals) {
    const [k, v] = literal(l);
    checkKey(k);
    sink.add(k, v);
  }
  for (const p of envFiles) for (const [k, v] of parseEnvFile(readLocalFile(ctx, p))) sink.add(k, v);
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** env_file.go proccessEnvFileLine: comments and blank lines skipped, KEY=value, a bare KEY takes the (empty) environment. */
export function parseEnvFile(text: string): [string, string][] {
  const out: [string, string][] = [];
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw) => {
      const line = raw.replace(/\r$/, '').replace(/^\s+/, '');
      if (!line || line.startsWith('#')) return;
      const i = line.indexOf('=');
      const key = i >= 0 ? line.slice(0, i) : line;
      if (!ENV_NAME.test(key)) {
        throw new CmdError(
          `${JSON.stringify(key)} is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
        );
      }
      out.push([key, i >= 0 ? line.slice(i + 1) : '']);
    });
  return out;
}

export const SOURCE_FLAGS = {
  'from-literal': { type: 'array' as const },
  'from-file': { type: 'strings' as const },
  'from-env-file': { type: 'strings' as const },
};

export const createConfigMap: Command = {
  path: 'kubectl create configmap',
  flags: { ...COMMON, ...SOURCE_FLAGS, 'append-hash': { type: 'bool' } },
  run(ctx) {
    const name = oneName(ctx, 'kubectl create configmap');
    const data: Record<string, string> = {};
    readSources(
      ctx,
      {
        add(k, v) {
          if (hasKey(data, k))
            throw new CmdError(
              `cannot add key ${JSON.stringify(k)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`,
            );
          setKey(data, k, v);
        },
      },
      (k, m) => `${JSON.stringify(k)} is not a valid key name for a ConfigMap: ${m}`,
    );
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: generatedMeta(ctx, name), data };
    if (ctx.flag('append-hash')) cm.metadata.name = `${name}-${configMapHash(cm)}`;
    createObject(ctx, cm, 'failed to create configmap: ');
  },
};
