// kube-apiserver's --event-ttl: an Event is deleted an hour after its last write, under etcd leases shared as the
// etcd3 store's lease manager shares them (a lease of the TTL plus a minute, reused by the writes of that minute).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';

const S = 1000;

test('Events expire an hour after their last write, a lease shared by the writes of its first minute', () => {
  const c = createCluster({ nodes: 1, timeline: false });
  const cm = c.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'o', namespace: 'default' } });
  const t0 = c.clock.now();
  const deleted: string[] = [];
  c.api.watch('events', (ev) => {
    if (ev.type === 'DELETED') deleted.push(`${ev.object.reason}@${(c.clock.now() - t0) / S}`);
  });
  const at = (s: number, reason: string) => {
    c.advance(t0 + s * S - c.clock.now());
    c.recorder.event(cm, 'Normal', reason, reason, 'test');
  };
  at(0, 'First'); // lease 1 granted: expires at 3660 s
  at(30, 'SameLease'); // 30 + 3600 < 3660 and 30 + 3660 > 3660: lease 1
  at(60, 'NextLease'); // 60 + 3600 is not before 3660: lease 2, expires at 3720 s
  at(1800, 'Renewed'); // lease 3 (5460 s)
  at(1900, 'Renewed'); // the same Event again (count 2): its write at 1900 s takes lease 4 (5560 s); lease 3 finds it rewritten
  const rows: [number, string[]][] = [
    [3659, []],
    [3660, ['First@3660', 'SameLease@3660']],
    [3720, ['First@3660', 'SameLease@3660', 'NextLease@3720']],
    [5460, ['First@3660', 'SameLease@3660', 'NextLease@3720']],
    [5560, ['First@3660', 'SameLease@3660', 'NextLease@3720', 'Renewed@5560']],
  ];
  for (const [s, want] of rows) {
    c.advance(t0 + s * S - c.clock.now());
    assert.deepEqual(deleted, want, `at ${s} s`);
    assert.equal(
      c.list('events', { namespace: 'default' }).filter((e) => e.involvedObject.name === 'o').length,
      4 - want.length,
      `at ${s} s`,
    );
  }
});

test('--event-ttl as a cluster option; a thousand Events share one lease, the next takes another (expiring alike)', () => {
  const c = createCluster({ nodes: 1, timeline: false, eventTTL: '10m' });
  const cm = c.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'o', namespace: 'default' } });
  for (let i = 0; i < 1001; i++) c.recorder.event(cm, 'Normal', `R${i}`, 'm', 'test');
  const count = () => c.list('events', { namespace: 'default' }).filter((e) => e.involvedObject.name === 'o').length;
  // 10 minutes: a lease of 600 + 30 s (5%)
  const rows: [string, number][] = [
    ['629s', 1001],
    ['1s', 0],
  ];
  for (const [d, want] of rows) {
    c.advance(d);
    assert.equal(count(), want, d);
  }
});
