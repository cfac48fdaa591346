// kubectl create secret generic | docker-registry | tls (staging/src/k8s.io/kubectl/pkg/cmd/create/
// create_secret*.go): values base64-encoded into data; docker-registry builds `.dockerconfigjson`
// ({"auths":{server:{username,password,email,auth}}}) for imagePullSecrets; tls reads --cert and --key.

import { x509KeyPairError } from '../../util/tls-key-pair';
import { hasKey, setKey } from '../../../api/meta';
import type { Command } from '../../context';
import { CmdError } from '../../errors';
import { COMMON, createObject, oneName, generatedMeta } from './create';
import { SOURCE_FLAGS, readLocalFile, readSources } from './configmap';
import { secretHash } from '../../util/hash';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

export const createSecretGeneric: Command = {
  path: 'kubectl create secret generic',
  flags: { ...COMMON, ...SOURCE_FLAGS, type: { type: 'string' }, 'append-hash': { type: 'bool' } },
  run(ctx) {
    const name = oneName(ctx, 'kubectl create secret generic');
    const data: Record<string, string> = {};
    readSources(
      ctx,
      {
        add(k, v) {
          if (hasKey(data, k))
            throw new CmdError(
              `cannot add key ${k}, another key by that name already exists in Data for Secret ${JSON.stringify(name)}`,
            );
          setKey(data, k, b64(v));
        },
      },
      (k, m) => `${JSON.stringify(k)} is not a valid key name for a Secret: ${m}`,
    );
    const type = ctx.flag<string>('type');
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: generatedMeta(ctx, name),
      data,
      ...(type ? { type } : {}),
    };
    // the hash is taken before the apiserver defaults the type to Opaque
    if (ctx.flag('append-hash')) secret.metadata.name = `${name}-${secretHash(secret)}`;
    createObject(ctx, secret, 'failed to create secret ');
  },
};

/** handleDockerCfgJSONContent */
export function dockerConfigJson(server: string, username: string, password: string, email: string): string {
  const entry: Record<string, string> = { username, password };
  if (email) entry.email = email;
  entry.auth = b64(`${username}:${password}`);
  return JSON.stringify({ auths: { [server]: entry } });
}

export const createSecretDockerRegistry: Command = {
  path: 'kubectl create secret docker-registry',
  flags: {
    ...COMMON,
    'docker-server': { type: 'string', default: 'https://index.docker.io/v1/' },
    'docker-username': { type: 'string' },
    'docker-password': { type: 'string' },
    'docker-email': { type: 'string' },
    'from-file': { type: 'strings' },
  },
  run(ctx) {
    const name = oneName(ctx, 'kubectl create secret docker-registry');
    const files = ctx.flag<string[]>('from-file') ?? [];
    const data: Record<string, string> = {};
    if (files.length) {
      readSources(
        ctx,
        {
          add(k, v) {
            setKey(data, k, b64(v));
          },
        },
        (k, m) => `${JSON.stringify(k)} is not a valid key name for a Secret: ${m}`,
      );
    } else {
      const user = ctx.flag<string>('docker-username'),
        pass = ctx.flag<string>('docker-password'),
        server = ctx.flag<string>('docker-server');
      if (!user || !pass || !server)
        throw new CmdError(
          'either --from-file or the combination of --docker-username, --docker-password and --docker-server is required',
        );
      data['.dockerconfigjson'] = b64(dockerConfigJson(server, user, pass, ctx.flag<string>('docker-email') ?? ''));
    }
    createObject(
      ctx,
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: generatedMeta(ctx, name),
        type: 'kubernetes.io/dockerconfigjson',
        data,
      },
      'failed to create secret ',
    );
  },
};

export const createSecretTLS: Command = {
  path: 'kubectl create secret tls',
  flags: { ...COMMON, cert: { type: 'string' }, key: { type: 'string' } },
  run(ctx) {
    const name = oneName(ctx, 'kubectl create secret tls');
    const cert = ctx.flag<string>('cert'),
      key = ctx.flag<string>('key');
    if (!cert || !key) throw new CmdError('key and cert must be specified');
    const crt = readLocalFile(ctx, cert),
      k = readLocalFile(ctx, key);
    // kubectl loads the pair with tls.X509KeyPair and prints its error as it is
    const problem = x509KeyPairError(crt, k);
    if (problem) throw new CmdError(problem);
    createObject(
      ctx,
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: generatedMeta(ctx, name),
        type: 'kubernetes.io/tls',
        data: { 'tls.crt': b64(crt), 'tls.key': b64(k) },
      },
      'failed to create secret ',
    );
  },
};
