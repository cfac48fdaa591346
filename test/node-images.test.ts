import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';
import { imageID, imageSize, imageSizeBytes, parseBehaviour } from '../src/world/images';
import { nodeImages, NODE_STATUS_MAX_IMAGES } from '../src/kubelet/node-images';

test('node status images (nodestatus.Images): largest first, ties by image ID descending, repo digest then tag, at most 50', () => {
  const rows: [string, [string, number][], string[]][] = [
    [
      'by size, largest first',
      [
        ['docker.io/library/a:1', 10],
        ['docker.io/library/b:1', 30],
        ['docker.io/library/c:1', 20],
      ],
      ['docker.io/library/b:1', 'docker.io/library/c:1', 'docker.io/library/a:1'],
    ],
    [
      'equal sizes: the larger image ID first',
      [
        ['docker.io/library/x:1', 5],
        ['docker.io/library/y:1', 5],
      ],
      [
        imageID('docker.io/library/x:1') > imageID('docker.io/library/y:1')
          ? 'docker.io/library/x:1'
          : 'docker.io/library/y:1',
        imageID('docker.io/library/x:1') > imageID('docker.io/library/y:1')
          ? 'docker.io/library/y:1'
          : 'docker.io/library/x:1',
      ],
    ],
    ['none', [], []],
  ];
  for (const [name, images, want] of rows) {
    const list = nodeImages(new Map(images));
    assert.deepEqual(
      list.map((i) => i.names[1]),
      want,
      name,
    );
    for (const i of list) assert.equal(i.names[0], imageID(i.names[1]), `${name}: the repo digest comes first`);
  }
  const many = new Map(
    Array.from({ length: 60 }, (_, i) => [`docker.io/library/img${i}:1`, 1000 + i] as [string, number]),
  );
  const list = nodeImages(many);
  assert.equal(list.length, NODE_STATUS_MAX_IMAGES);
  assert.equal(list[0].sizeBytes, 1059);
  assert.equal(list.at(-1)!.sizeBytes, 1010, 'the smallest ten are left out');
  const digest = nodeImages(new Map([['docker.io/library/nginx@sha256:' + 'a'.repeat(64), 7]]));
  assert.deepEqual(
    digest[0].names,
    ['docker.io/library/nginx@sha256:' + 'a'.repeat(64)],
    'a digest reference is named once',
  );
});

test('image sizes: declared as a quantity, else a fixed default per image', () => {
  const rows: [string, number | string][] = [
    ['2Gi', 2 * 2 ** 30],
    ['1.5G', 1_500_000_000],
    ['800Mi', 800 * 2 ** 20],
    ['123456789', 123456789],
    ['0', 'image size must be positive: 0'],
    ['lots', 'quantities must match'],
  ];
  for (const [text, want] of rows) {
    if (typeof want === 'number') assert.equal(imageSizeBytes(text), want, text);
    else
      assert.throws(
        () => imageSizeBytes(text),
        (e: Error) => e.message.includes(want),
        text,
      );
  }
  assert.equal(parseBehaviour('has size 3Gi; takes 5s to start').sizeBytes, 3 * 2 ** 30);
  assert.equal(imageSize('nginx:1.25'), imageSize('docker.io/library/nginx:1.25'), 'the same image, the same size');
  assert.ok(imageSize('nginx:1.25') >= 20_000_000 && imageSize('nginx:1.25') < 200_000_000);
});

test('the kubelet reports pulled images at its next status update, and writes the status again only on a change', () => {
  const c = createCluster({ nodes: 2, seed: 'images' });
  c.images.set('registry.example.com/big:1', { sizeBytes: 5 * 2 ** 30 });
  c.apply(
    '{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {nodeName: node-1, containers: [{name: a, image: registry.example.com/big:1}, {name: b, image: nginx:1.25}]}}',
  );
  assert.equal(c.get('node', 'node-1').status.images, undefined, 'not before the next status update');
  c.advance('10s');
  const images = c.get('node', 'node-1').status.images;
  assert.deepEqual(
    images.map((i: any) => i.names[1]),
    ['registry.example.com/big:1', 'docker.io/library/nginx:1.25'],
  );
  assert.equal(images[0].sizeBytes, 5 * 2 ** 30);
  assert.equal(images[1].sizeBytes, imageSize('nginx:1.25'));
  assert.equal(c.get('node', 'node-2').status.images, undefined, 'a node that pulled nothing lists nothing');
  const rv = c.get('node', 'node-1').metadata.resourceVersion;
  c.advance('1m');
  assert.equal(c.get('node', 'node-1').metadata.resourceVersion, rv, 'no change, no write');
  c.apply(
    '{apiVersion: v1, kind: Pod, metadata: {name: q}, spec: {nodeName: node-1, containers: [{name: a, image: nginx:1.25}]}}',
  );
  c.advance('20s');
  assert.equal(c.get('node', 'node-1').metadata.resourceVersion, rv, 'an image already present changes nothing');
});
