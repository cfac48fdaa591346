import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, parseFlags, UsageError, type FlagSpec } from '../src/kubectl/args';

test('tokenize splits words as a shell does', () => {
  const rows: [string, string[]][] = [
    ['get pods', ['get', 'pods']],
    ['  get   pods  ', ['get', 'pods']],
    [`get pods -o jsonpath='{.items[*].metadata.name}'`, ['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}']],
    [`get pods -o "jsonpath={.a}{\\"\\n\\"}"`, ['get', 'pods', '-o', 'jsonpath={.a}{"\\n"}']],
    [`label pod x 'a b'=c`, ['label', 'pod', 'x', 'a b=c']],
    [`run x --image=nginx -- sh -c "echo hi"`, ['run', 'x', '--image=nginx', '--', 'sh', '-c', 'echo hi']],
    [`a\\ b c`, ['a b', 'c']],
    [`''`, ['']],
  ];
  for (const [line, want] of rows) assert.deepEqual(tokenize(line), want, line);
  assert.throws(() => tokenize(`get 'pods`), UsageError);
});

const SPEC: FlagSpec = {
  namespace: { type: 'string', short: 'n' },
  output: { type: 'string', short: 'o' },
  'all-namespaces': { type: 'bool', short: 'A' },
  watch: { type: 'bool', short: 'w' },
  replicas: { type: 'int', default: -1 },
  filename: { type: 'strings', short: 'f' },
  env: { type: 'array' },
};

test('parseFlags: flags before or after arguments, every spelling pflag accepts', () => {
  const rows: [string[], string[], Record<string, unknown>][] = [
    [['pods', '-n', 'shop'], ['pods'], { namespace: 'shop' }],
    [['-nshop', 'pods'], ['pods'], { namespace: 'shop' }],
    [['-n=shop', 'pods'], ['pods'], { namespace: 'shop' }],
    [['--namespace=shop', 'pods'], ['pods'], { namespace: 'shop' }],
    [['--namespace', 'shop', 'pods'], ['pods'], { namespace: 'shop' }],
    [['pods', '-A'], ['pods'], { 'all-namespaces': true }],
    [['pods', '-Aw'], ['pods'], { 'all-namespaces': true, watch: true }],
    [['pods', '--all-namespaces=false'], ['pods'], { 'all-namespaces': false }],
    [['--replicas=5', 'deployment', 'web'], ['deployment', 'web'], { replicas: 5 }],
    [['deployment', 'web', '--replicas', '3'], ['deployment', 'web'], { replicas: 3 }],
    [['-f', 'a.yaml,b.yaml', '-f', 'c.yaml'], [], { filename: ['a.yaml', 'b.yaml', 'c.yaml'] }],
    [['--env=A=1,2', '--env', 'B=2'], [], { env: ['A=1,2', 'B=2'] }],
    [['x', '--', '-n', 'y'], ['x', '-n', 'y'], { namespace: '' }],
    [['-o', 'jsonpath={.a}'], [], { output: 'jsonpath={.a}' }],
  ];
  for (const [words, args, flags] of rows) {
    const p = parseFlags(words, SPEC);
    assert.deepEqual(p.args, args, words.join(' '));
    for (const [k, v] of Object.entries(flags)) assert.deepEqual(p.flags[k], v, `${words.join(' ')}: ${k}`);
  }
});

test('parseFlags: pflag error texts', () => {
  const rows: [string[], string][] = [
    [['--foo'], 'unknown flag: --foo'],
    [['-x'], `unknown shorthand flag: 'x' in -x`],
    [['-Ax'], `unknown shorthand flag: 'x' in -Ax`],
    [['--namespace'], 'flag needs an argument: --namespace'],
    [['-n'], `flag needs an argument: 'n' in -n`],
    [
      ['--replicas=abc'],
      'invalid argument "abc" for "--replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax',
    ],
    [
      ['--watch=maybe'],
      'invalid argument "maybe" for "--watch" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    ],
  ];
  for (const [words, msg] of rows)
    assert.throws(
      () => parseFlags(words, SPEC),
      (e: Error) => e instanceof UsageError && e.message === msg,
      words.join(' '),
    );
});

// schema.ParseResourceArg then the RESTMapper (cli-runtime builder mappingFor): resource.version.group, resource.group,
// short names and kinds within a group; a version not served is no match
import { ResourceRegistry } from '../src/api/kinds';
test('resource arguments in the resource.version.group form', () => {
  const reg = new ResourceRegistry();
  const rows: Array<[string, string | undefined]> = [
    ['deployment.v1.apps', 'deployments'],
    ['deployments.v1.apps', 'deployments'],
    ['deploy.v1.apps', 'deployments'],
    ['Deployment.v1.apps', 'deployments'],
    ['deployments.apps', 'deployments'],
    ['deploy.apps', 'deployments'],
    ['deployment.apps', 'deployments'],
    ['hpa.v2.autoscaling', 'horizontalpodautoscalers'],
    ['ingresses.v1.networking.k8s.io', 'ingresses'],
    ['ing.networking.k8s.io', 'ingresses'],
    ['cronjob.v1.batch', 'cronjobs'],
    ['deployment.v1beta1.apps', undefined],
    ['deployment.v1.batch', undefined],
    ['pods.v1', undefined],
    ['deploy.extensions', undefined],
  ];
  for (const [arg, want] of rows) assert.equal(reg.resolve(arg)?.resource, want, arg);
});
