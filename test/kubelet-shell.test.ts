// kspec's shell (src/kubelet/runtime): table-driven rows of script, files before, expected stdout, exit code and
// the virtual time the script takes, for busybox's and Debian's userlands; command resolution; signals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Disks } from '../src/world/disks';
import { ContainerFS, type ContainerFiles, ROOT_DIRS } from '../src/kubelet/runtime/fs';
import { startProcess } from '../src/kubelet/runtime/container';
import { containerArgv, expandCommandAndArgs } from '../src/kubelet/runtime/command';
import { imageConfig } from '../src/kubelet/runtime/image-config';
import { bpi, runBc } from '../src/kubelet/runtime/builtins/math';
import type { Host } from '../src/kubelet/runtime/host';

const T0 = Date.UTC(2024, 0, 1);

/** A container's files on one in-memory disk: no mounts, every path in the layer. */
function memoryFiles(disks: Disks): ContainerFiles {
  const h = 'layer';
  return {
    read: (_p, _c, path) => {
      const c = disks.read(h, path);
      return c !== undefined
        ? { ok: true, content: c }
        : { ok: false, error: disks.isDir(h, path) ? 'EISDIR' : 'ENOENT' };
    },
    list: (_p, _c, path) => {
      const l = disks.list(h, path);
      return l ? { ok: true, entries: l } : { ok: false, error: 'ENOENT' };
    },
    write: (_p, _c, path, content) => {
      disks.write(h, path, content);
      return { ok: true };
    },
    mkdir: (_p, _c, path) => {
      disks.mkdir(h, path);
      return { ok: true };
    },
    remove: (_p, _c, path) => {
      disks.remove(h, path);
      return { ok: true };
    },
    empty: () => ({ ok: true }),
    resetLayer: () => {},
  };
}

interface Run {
  stdout: string;
  stderr: string;
  code?: number;
  ms?: number;
  files: Disks;
  stopped?: string;
}

function run(
  argv: string[],
  opts: { files?: Record<string, string>; flavour?: 'busybox' | 'gnu'; term?: number; until?: number } = {},
): Run {
  const disks = new Disks();
  for (const d of ROOT_DIRS) disks.mkdir('layer', d);
  for (const [p, c] of Object.entries(opts.files ?? {})) disks.write('layer', p, c);
  const pod: any = {
    metadata: { name: 'web', namespace: 'default', uid: 'u' },
    spec: { containers: [{ name: 'c', image: 'busybox' }] },
  };
  const host: Host = {
    api: undefined as any,
    pod,
    container: pod.spec.containers[0],
    fs: new ContainerFS(pod, 'c', '10.244.1.5', memoryFiles(disks)),
    flavour: opts.flavour ?? 'busybox',
  };
  const env = new Map([
    ['PATH', '/bin'],
    ['HOME', '/root'],
    ['HOSTNAME', 'web'],
  ]);
  const p = startProcess(argv, host, env, T0, { capture: true });
  const until = T0 + (opts.until ?? 24 * 3600_000);
  if (opts.term !== undefined) {
    p.advance(T0 + opts.term);
    p.signal('TERM');
  }
  p.advance(until);
  return {
    ...p.captured!,
    code: p.exitCode,
    ms: p.exitedAt === undefined ? undefined : p.exitedAt - T0,
    files: disks,
    stopped: p.stopped?.message,
  };
}

const sh = (script: string) => ['sh', '-c', script];

test('scripts: output, exit status and the virtual time they take', () => {
  // [script, files before, stdout, exit code, ms taken]
  const rows: [string, Record<string, string>, string, number, number][] = [
    ['echo hello', {}, 'hello\n', 0, 0],
    ['sleep 30; echo done', {}, 'done\n', 0, 30_000],
    ['sleep 1.5; sleep 1m', {}, '', 0, 61_500],
    ['exit 3', {}, '', 3, 0],
    ['false || echo fallback; true && echo ok; false && echo no', {}, 'fallback\nok\n', 1, 0],
    ['x=1; y=$((x+2)); echo "$x $y"', {}, '1 3\n', 0, 0],
    ['for i in 1 2 3; do echo $i; sleep 1; done', {}, '1\n2\n3\n', 0, 3000],
    ['i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i', {}, '3\n', 0, 0],
    ['until [ -f /tmp/ready ]; do sleep 2; done; echo ok', { '/tmp/ready': '' }, 'ok\n', 0, 0],
    ['touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600', {}, '', 0, 630_000],
    ["echo 'scale=10; 4*a(1)' | bc -l", {}, '3.1415926532\n', 0, 0],
    ['echo a > /tmp/f; echo b >> /tmp/f; cat /tmp/f', {}, 'a\nb\n', 0, 0],
    ['if [ -d /tmp ]; then echo dir; elif true; then echo x; else echo no; fi', {}, 'dir\n', 0, 0],
    ['case web-1 in db*) echo db;; web-*) echo web;; esac', {}, 'web\n', 0, 0],
    ['echo "[$(echo inner; echo two)]"', {}, '[inner\ntwo]\n', 0, 0],
    ["printf '%s-%d\\n' a 1 b 2", {}, 'a-1\nb-2\n', 0, 0],
    ['f() { echo "f $1"; return 4; }; f arg; echo $?', {}, 'f arg\n4\n', 0, 0],
    ['set -e; false; echo no', {}, '', 1, 0],
    ['cat <<EOF\nhome $HOME\nEOF', {}, 'home /root\n', 0, 0],
    [
      'ls /data; cp /data/a /tmp/b && cat /tmp/b; mv /tmp/b /tmp/c; ls /tmp',
      { '/data/a': 'A\n', '/data/b': '' },
      'a\nb\nA\nc\n',
      0,
      0,
    ],
    ['date; sleep 5; date +%s', {}, 'Mon Jan  1 00:00:00 UTC 2024\n1704067205\n', 0, 5000],
    ["trap 'echo bye' EXIT; echo hi", {}, 'hi\nbye\n', 0, 0],
    ['echo $?; false; echo $?', {}, '0\n1\n', 0, 0],
    ['x=; echo ${x:-default} ${y:-unset} ${#HOME} ${HOME#/}', {}, 'default unset 5 root\n', 0, 0],
    ["sh -c 'exit 4'; echo $?; (exit 2); echo $?", {}, '4\n2\n', 0, 0],
    ['echo "a b  c" | wc -w', {}, '3\n', 0, 0],
    ['sleep 1 & sleep 2 & wait; echo done', {}, 'done\n', 0, 2000],
    [
      'for f in /data/*.txt; do echo $f; done',
      { '/data/x.txt': '', '/data/y.txt': '', '/data/z.log': '' },
      '/data/x.txt\n/data/y.txt\n',
      0,
      0,
    ],
    ['v="a b"; for w in $v "$v"; do echo "<$w>"; done', {}, '<a>\n<b>\n<a b>\n', 0, 0],
    ['echo one 2>&1 >/dev/null; echo two >&2', {}, '', 0, 0],
    ['grep -q ready /tmp/s && echo found', { '/tmp/s': 'not\nready\n' }, 'found\n', 0, 0],
    ['exec echo replaced; echo never', {}, 'replaced\n', 0, 0],
    ['while true; do echo tick; sleep 10; done', {}, 'tick\n'.repeat(8640 + 1), 0, 0],
  ];
  for (const [script, files, stdout, code, ms] of rows) {
    const r = run(sh(script), { files, until: script.startsWith('while true') ? 86_400_000 : undefined });
    assert.equal(r.stdout, stdout, script);
    if (script.startsWith('while true')) {
      assert.equal(r.code, undefined, script);
      continue;
    }
    assert.equal(r.code, code, `${script}: ${r.stderr}`);
    assert.equal(r.ms, ms, script);
  }
});

test('errors as busybox and Debian word them', () => {
  const rows: [string, 'busybox' | 'gnu', string, number][] = [
    ['cat /nope', 'busybox', "cat: can't open '/nope': No such file or directory\n", 1],
    ['cat /nope', 'gnu', 'cat: /nope: No such file or directory\n', 1],
    ['foo', 'busybox', 'sh: foo: not found\n', 127],
    ['mkdir /tmp/d && mkdir /tmp/d', 'busybox', "mkdir: can't create directory '/tmp/d': File exists\n", 1],
    ['mkdir /tmp/d && mkdir /tmp/d', 'gnu', "mkdir: cannot create directory '/tmp/d': File exists\n", 1],
    ['touch /nodir/x', 'busybox', 'touch: /nodir/x: No such file or directory\n', 1],
    ['touch /nodir/x', 'gnu', "touch: cannot touch '/nodir/x': No such file or directory\n", 1],
    ['echo x > /nodir/f', 'busybox', "sh: can't create /nodir/f: nonexistent directory\n", 1],
    ['echo x > /nodir/f', 'gnu', 'sh: 1: cannot create /nodir/f: Directory nonexistent\n', 1],
    ['rm /nope', 'busybox', "rm: can't remove '/nope': No such file or directory\n", 1],
    ['cp /nope /tmp', 'busybox', "cp: can't stat '/nope': No such file or directory\n", 1],
    ['sleep x', 'busybox', "sleep: invalid number 'x'\n", 1],
    ['[ 1 -lt x ]', 'busybox', 'sh: [: x: bad number\n', 2],
    ['ls /nope', 'gnu', "ls: cannot access '/nope': No such file or directory\n", 2],
    ['curl -s web', 'busybox', 'sh: curl: not found\n', 127],
    ['if then fi', 'busybox', 'sh: syntax error: unexpected "fi"\n', 2],
    ['if then fi', 'gnu', 'sh: 1: Syntax error: "fi" unexpected\n', 2],
  ];
  for (const [script, flavour, stderr, code] of rows) {
    const r = run(sh(script), { flavour });
    assert.equal(r.stderr, stderr, `${flavour}: ${script}`);
    assert.equal(r.code, code, `${flavour}: ${script}`);
  }
  // a PID 1 the image does not have: the runtime cannot start the container
  const bash = run(['bash', '-c', 'echo hi']);
  assert.deepEqual([bash.stdout, bash.code], ['', 128]);
  assert.equal(run(['bash', '-c', 'echo $0 $1', 'me', 'arg'], { flavour: 'gnu' }).stdout, 'me arg\n');
});

test('what kspec cannot run stops the interpretation, with the reason', () => {
  const rows: [string, 'busybox' | 'gnu', RegExp][] = [
    ['while true; do :; done', 'busybox', /after 20000 steps in one instant/],
    ['cmd=memcached; $cmd -p 11211', 'gnu', /^kspec cannot run "memcached"$/],
    ["perl -e 'print 1'", 'gnu', /^kspec cannot run perl -e print 1$/],
    ['echo 1 | bc /tmp/prog', 'busybox', /bc on its standard input only/],
  ];
  for (const [script, flavour, why] of rows) {
    const r = run(sh(script), { flavour });
    assert.equal(r.code, undefined, script);
    assert.match(r.stopped ?? '', why, script);
  }
});

test('SIGTERM to PID 1: a trap runs between commands, during wait at once; without one it is ignored', () => {
  // [argv, TERM at (ms), stdout, exit code (undefined: still running), exited at]
  const rows: [string[], number, string, number | undefined, number | undefined][] = [
    [['sleep', '3600'], 5000, '', undefined, undefined],
    [sh('sleep 3600'), 5000, '', undefined, undefined],
    [sh("trap 'echo term; exit 0' TERM; while true; do sleep 1; done"), 5500, 'term\n', 0, 6000],
    [sh("trap 'echo term; exit 0' TERM; sleep 3600"), 5000, '', undefined, undefined],
    [sh("trap 'echo term; exit 0' TERM; sleep 3600 & wait"), 5000, 'term\n', 0, 5000],
    [sh("trap 'echo term; exit 0' TERM; exec sleep 3600"), 5000, '', undefined, undefined],
    [sh("trap '' TERM; sleep 1 & wait; echo after"), 500, 'after\n', 0, 1000],
    [['nginx', '-g', 'daemon off;'], 5000, '', 0, 5000],
    [sh("nginx -g 'daemon off;'"), 5000, '', 0, 5000],
    [sh("echo start; nginx -g 'daemon off;'"), 5000, 'start\n', undefined, undefined],
    // PID 1 waiting for nothing (a server, sleep infinity, tail -f) is let go of its frames until it ends: the same answers
    [sh("trap 'echo term; exit 0' TERM; sleep infinity"), 5000, '', undefined, undefined],
    [sh("trap 'echo term; exit 0' TERM; tail -f /dev/null"), 5000, '', undefined, undefined],
    [sh("(sleep 2; echo bg) & exec nginx -g 'daemon off;'"), 5000, 'bg\n', 0, 5000],
    [sh('sleep 1 & echo fg; sleep infinity'), 5000, 'fg\n', undefined, undefined],
  ];
  for (const [argv, term, stdout, code, at] of rows) {
    const r = run(argv, { term, until: 60_000, flavour: 'gnu' });
    assert.equal(r.stdout, stdout, argv.join(' '));
    assert.equal(r.code, code, argv.join(' '));
    assert.equal(r.ms, at, argv.join(' '));
  }
});

test('command and args over the image ENTRYPOINT and CMD, with $(VAR) expansion', () => {
  const env = [
    { name: 'VAR_TEST', value: 'zoo' },
    { name: 'VAR_TEST2', value: 'boo' },
  ];
  // pkg/kubelet/container/helpers_test.go TestExpandCommandAndArgs
  const upstream: [any, string[], string[]][] = [
    [{}, [], []],
    [{ command: ['foo', '$(VAR_TEST)', '$(VAR_TEST2)'] }, ['foo', 'zoo', 'boo'], []],
    [{ args: ['zap', '$(VAR_TEST)', '$(VAR_TEST2)'] }, [], ['zap', 'zoo', 'boo']],
    [
      { command: ['foo', '$(VAR_TEST)', '$(VAR_TEST2)'], args: ['zap', '$(VAR_TEST)', '$(VAR_TEST2)'] },
      ['foo', 'zoo', 'boo'],
      ['zap', 'zoo', 'boo'],
    ],
    [
      { command: ['echo', '$$(VAR_TEST)', '$(UNSET)', '$(VAR_TEST'] },
      ['echo', '$(VAR_TEST)', '$(UNSET)', '$(VAR_TEST'],
      [],
    ],
  ];
  for (const [c, command, args] of upstream)
    assert.deepEqual(expandCommandAndArgs(c, env), { command, args }, JSON.stringify(c));
  const rows: [string, any, string[] | undefined][] = [
    ['nginx:1.25', {}, ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']],
    ['nginx:1.25', { args: ['nginx-debug'] }, ['/docker-entrypoint.sh', 'nginx-debug']],
    ['nginx:1.25', { command: ['sleep'] }, ['sleep']],
    ['busybox', {}, ['sh']],
    [
      'busybox:1.36',
      { args: ['/bin/sh', '-c', 'sleep 10; touch /tmp/healthy'] },
      ['/bin/sh', '-c', 'sleep 10; touch /tmp/healthy'],
    ],
    ['redis', { command: ['redis-server', '/redis-master/redis.conf'] }, ['redis-server', '/redis-master/redis.conf']],
    ['shop/api:2.1', {}, undefined],
    ['shop/api:2.1', { args: ['--port=8080'] }, undefined],
    ['shop/api:2.1', { command: ['/app/server'] }, ['/app/server']],
  ];
  for (const [image, c, want] of rows)
    assert.deepEqual(containerArgv(c, env, imageConfig(image)), want, `${image} ${JSON.stringify(c)}`);
});

test('images with no command: servers keep running, shells without input exit 0 at once', () => {
  const rows: [string, number | undefined][] = [
    ['busybox:1.36', 0],
    ['alpine:3.19', 0],
    ['ubuntu:22.04', 0],
    ['nginx:1.25', undefined],
    ['redis:7', undefined],
    ['httpd:2.4', undefined],
  ];
  for (const [image, code] of rows) {
    const argv = containerArgv({}, [], imageConfig(image))!;
    const r = run(argv, { flavour: imageConfig(image)!.flavour, until: 3600_000 });
    assert.equal(r.code, code, image);
  }
});

test('pi: bc truncates to scale and wraps at 70 columns, perl bpi rounds to N digits', () => {
  assert.equal(runBc('scale=5; 4*a(1)', true), '3.14156\n');
  assert.equal(runBc('scale=20; 4*a(1)', true), '3.14159265358979323844\n');
  assert.equal(runBc('1/3; scale=3; 1/3; 2^10; -5/2', false), '0\n.333\n1024\n-2.500\n');
  const pi = runBc('scale=100; 4*a(1)', true).split('\n');
  assert.deepEqual(
    pi.map((l) => l.length),
    [69, 34, 0],
  );
  assert.equal(pi[0], '3.141592653589793238462643383279502884197169399375105820974944592307\\');
  assert.deepEqual(
    runBc('scale=100; 4*a(1)', true, 'busybox')
      .split('\n')
      .map((l) => l.length),
    [70, 33, 0],
  );
  assert.equal(bpi(10), '3.141592654');
  const long = bpi(2000);
  assert.equal(long.length, 2001);
  assert.ok(long.startsWith('3.14159265358979323846264338327950288419716939937510'));
  // the 2000th significant digit rounds ...0275900|9... up
  assert.ok(long.endsWith('904780275901'), long.slice(-20));
});

test('a pipeline runs its commands at once, joined by pipes: a reader that stops ends its writer with SIGPIPE', () => {
  // [script, stdout, exit code, ms taken]
  const rows: [string, string, number, number][] = [
    ['yes | head -n 3', 'y\ny\ny\n', 0, 0],
    ['yes ok | cat | head -n 2', 'ok\nok\n', 0, 0],
    ['yes | head -n 1; echo $?', 'y\n0\n', 0, 0],
    // the writer sleeps past head's end and dies at its next write (2s), and the pipeline waits for it
    ['while true; do echo x; sleep 1; done | head -n 2', 'x\nx\n', 0, 2000],
    ['while true; do echo x; done | head -n 2', 'x\nx\n', 0, 0],
    ['(sleep 2; echo late) | cat', 'late\n', 0, 2000],
    ['sleep 3 | echo now', 'now\n', 0, 3000],
    ['echo hi | sleep 5; echo $?', '0\n', 0, 5000],
    ['printf \'a\\nb\\n\' | while read l; do echo "<$l>"; done', '<a>\n<b>\n', 0, 0],
    ['{ echo a; sleep 1; echo b; } | tee /tmp/t | wc -l; cat /tmp/t', '2\na\nb\n', 0, 1000],
    ["echo 'echo from stdin; exit 3' | sh; echo $?", 'from stdin\n3\n', 0, 0],
    ['true | false', '', 1, 0],
    ['false | true; echo $?', '0\n', 0, 0],
    ['! true | false; echo $?', '0\n', 0, 0],
    ['seq 3 | tail -n 1', '3\n', 0, 0],
    ['echo x | read v; echo "[$v]"', '[]\n', 0, 0],
    ['yes | head -n 20000 | wc -l', '20000\n', 0, 0],
  ];
  for (const [script, stdout, code, ms] of rows) {
    const r = run(sh(script));
    assert.equal(r.stdout, stdout, `${script}: ${r.stderr}${r.stopped ?? ''}`);
    assert.equal(r.code, code, `${script}: ${r.stderr}`);
    assert.equal(r.ms, ms, script);
  }
  // a writer with no reader to stop it burns the CPU at one instant: reported, not run for ever
  assert.match(run(sh('yes > /dev/null')).stopped ?? '', /yes writes for ever/);
  assert.match(run(sh('yes | wc -l')).stopped ?? '', /more than 16 MiB/);
});

test('a shell reading its stdin runs each command as its lines come, to the end of input', () => {
  const disks = new Disks();
  for (const d of ROOT_DIRS) disks.mkdir('layer', d);
  const pod: any = {
    metadata: { name: 'web', namespace: 'default', uid: 'u' },
    spec: { containers: [{ name: 'c', image: 'busybox' }] },
  };
  const host: Host = {
    api: undefined as any,
    pod,
    container: pod.spec.containers[0],
    fs: new ContainerFS(pod, 'c', '10.244.1.5', memoryFiles(disks)),
    flavour: 'busybox',
  };
  const p = startProcess(['sh'], host, new Map([['PATH', '/bin']]), T0, { openStdin: true });
  p.advance(T0 + 1000);
  assert.equal(p.running, true, 'waits for its input');
  // input that comes at 1s (the process has run to then): its commands run at 1s
  p.stdin!.write('echo one\nif true; then\n');
  p.advance(T0 + 2000);
  assert.deepEqual(
    p.log.map((l) => [l.at - T0, l.text]),
    [[1000, 'one']],
    'an unfinished if waits for the rest',
  );
  p.stdin!.write('  echo two\nfi\nsleep 5; echo three\n');
  p.advance(T0 + 3000);
  p.stdin!.close();
  p.advance(T0 + 60_000);
  assert.deepEqual(
    p.log.map((l) => [l.at - T0, l.text]),
    [
      [1000, 'one'],
      [2000, 'two'],
      [7000, 'three'],
    ],
  );
  assert.deepEqual([p.exitCode, p.exitedAt! - T0], [0, 7000]);
});
