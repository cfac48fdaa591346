// The controller builder (src/client/controller.ts) in controller-runtime's words: reconciles(kind) enqueues the
// object, owns(kind) enqueues the controller owner of a change (and the former one when the reference moved),
// and with adoptOrphans an orphan wakes the owners whose selector matches it (pkg/controller's getXForY). Each
// row makes changes to ReplicaSets and lists the Deployment keys a controller built that way enqueued.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import { Controller } from '../src/client/controller';
import { fromLabelSelector } from '../src/api/selectors';
import type { KObject } from '../src/api/meta';
import type { ApiServer } from '../src/apiserver/apiserver';

class Recording extends Controller {
  readonly name = 'recording';
  woken: string[] = [];
  sync(): void {}
  override enqueue(key: string): void {
    this.woken.push(key);
  }
}

const deployment = (name: string, app: string): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: {
    selector: { matchLabels: { app } },
    template: { metadata: { labels: { app } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  },
});
const replicaSet = (name: string, app: string, owner?: KObject): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name,
    namespace: 'default',
    labels: { app },
    ...(owner
      ? {
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: owner.metadata.name!,
              uid: owner.metadata.uid!,
              controller: true,
            },
          ],
        }
      : {}),
  },
  spec: {
    selector: { matchLabels: { app } },
    template: { metadata: { labels: { app } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  },
});
const ownedBy = (rs: KObject, owner?: KObject): KObject => {
  const { ownerReferences: _, ...metadata } = rs.metadata;
  return {
    ...rs,
    metadata: owner ? { ...metadata, ownerReferences: replicaSet('x', 'x', owner).metadata.ownerReferences } : metadata,
  };
};

type Env = { api: ApiServer; a: KObject; b: KObject };
const rows: { name: string; change(e: Env): void; woken: string[] }[] = [
  {
    name: 'an owned object added wakes its owner',
    change: ({ api, a }) => {
      api.create(replicaSet('rs', 'a', a));
    },
    woken: ['default/a'],
  },
  {
    name: 'an owner reference to another uid wakes nothing',
    change: ({ api, a }) => {
      api.create(replicaSet('rs', 'a', { ...a, metadata: { ...a.metadata, uid: 'gone' } }));
    },
    woken: [],
  },
  {
    name: 'an orphan added wakes the owners whose selector matches it',
    change: ({ api }) => {
      api.create(replicaSet('rs', 'b'));
    },
    woken: ['default/b'],
  },
  {
    name: 'an orphan nobody selects wakes nothing',
    change: ({ api }) => {
      api.create(replicaSet('rs', 'c'));
    },
    woken: [],
  },
  {
    name: 'a reference moved from one owner to another wakes both',
    change: ({ api, a, b }) => {
      const rs = api.create(replicaSet('rs', 'a', a));
      api.update(ownedBy(rs, b));
    },
    woken: ['default/a', 'default/a', 'default/b'],
  },
  {
    name: 'a released object wakes its former owner and the owners that may adopt it',
    change: ({ api, a }) => {
      const rs = api.create(replicaSet('rs', 'a', a));
      api.update(ownedBy(rs));
    },
    woken: ['default/a', 'default/a', 'default/a'],
  },
  {
    name: 'an orphan relabelled wakes the owners that now match it',
    change: ({ api }) => {
      const rs = api.create(replicaSet('rs', 'c'));
      api.update({ ...rs, metadata: { ...rs.metadata, labels: { app: 'b' } } });
    },
    woken: ['default/b'],
  },
  {
    name: 'an orphan changed otherwise wakes nothing more',
    change: ({ api }) => {
      const rs = api.create(replicaSet('rs', 'b'));
      api.update({ ...rs, metadata: { ...rs.metadata, annotations: { x: 'y' } } });
    },
    woken: ['default/b'],
  },
  {
    name: 'an owned object deleted wakes its owner',
    change: ({ api, a }) => {
      api.create(replicaSet('rs', 'a', a));
      api.delete('replicasets', 'default', 'rs');
    },
    woken: ['default/a', 'default/a'],
  },
];

for (const row of rows) {
  test(`owns: ${row.name}`, () => {
    const cluster = createCluster({ nodes: 1 });
    const c = new Recording({ api: cluster.api, runtime: cluster.runtime, recorder: cluster.recorder });
    c.reconciles('deployments').owns('replicasets', { adoptOrphans: (d) => fromLabelSelector(d.spec?.selector) });
    const a = cluster.api.create(deployment('a', 'a')),
      b = cluster.api.create(deployment('b', 'b'));
    assert.deepEqual(c.woken, ['default/a', 'default/b'], 'reconciles: each change of a Deployment enqueues it');
    c.woken = [];
    row.change({ api: cluster.api, a, b });
    assert.deepEqual(c.woken, row.woken);
  });
}
