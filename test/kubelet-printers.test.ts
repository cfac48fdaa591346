import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../src/api/meta';
import { printPodRow } from '../src/apiserver/printers/pods';

const NOW = Date.UTC(2024, 0, 1, 0, 10, 0);
const pod = (status: any, spec: any, meta: any = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', creationTimestamp: '2024-01-01T00:00:00Z', ...meta },
  spec,
  status,
});
const running = (name: string, ready = true, extra: any = {}) => ({
  name,
  ready,
  started: true,
  restartCount: 0,
  state: { running: { startedAt: '2024-01-01T00:00:00Z' } },
  ...extra,
});
const sidecarSpec = { initContainers: [{ name: 's', restartPolicy: 'Always' }], containers: [{ name: 'a' }] };
const initialized = [{ type: 'Initialized', status: 'True' }];

test('printPod: sidecars, readiness and termination in READY, STATUS and RESTARTS', () => {
  const rows: [string, KObject, string[]][] = [
    [
      'sidecar starting: Init:0/1, counted in READY',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [
            {
              name: 's',
              ready: false,
              started: false,
              restartCount: 0,
              state: { waiting: { reason: 'PodInitializing' } },
            },
          ],
          containerStatuses: [
            { name: 'a', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } },
          ],
        },
        sidecarSpec,
      ),
      ['p', '0/2', 'Init:0/1', '0', '10m'],
    ],
    [
      'sidecar and app running',
      pod(
        {
          phase: 'Running',
          conditions: initialized,
          initContainerStatuses: [running('s')],
          containerStatuses: [running('a')],
        },
        sidecarSpec,
      ),
      ['p', '2/2', 'Running', '0', '10m'],
    ],
    [
      'sidecar restarts count',
      pod(
        {
          phase: 'Running',
          conditions: initialized,
          initContainerStatuses: [
            running('s', true, {
              restartCount: 2,
              lastState: { terminated: { exitCode: 1, finishedAt: '2024-01-01T00:05:00Z' } },
            }),
          ],
          containerStatuses: [running('a')],
        },
        sidecarSpec,
      ),
      ['p', '2/2', 'Running', '2 (5m ago)', '10m'],
    ],
    [
      'running but failing readiness',
      pod({ phase: 'Running', containerStatuses: [running('a', false)] }, { containers: [{ name: 'a' }] }),
      ['p', '0/1', 'Running', '0', '10m'],
    ],
    [
      'one container completed, one running and ready',
      pod(
        {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [
            running('a'),
            { name: 'b', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          ],
        },
        { containers: [{ name: 'a' }, { name: 'b' }] },
      ),
      ['p', '1/2', 'Running', '0', '10m'],
    ],
    [
      'one container completed, the pod not ready',
      pod(
        {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'False' }],
          containerStatuses: [
            running('a'),
            { name: 'b', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          ],
        },
        { containers: [{ name: 'a' }, { name: 'b' }] },
      ),
      ['p', '1/2', 'NotReady', '0', '10m'],
    ],
    [
      'being deleted',
      pod(
        { phase: 'Running', containerStatuses: [running('a')] },
        { containers: [{ name: 'a' }] },
        { deletionTimestamp: '2024-01-01T00:10:30Z' },
      ),
      ['p', '1/1', 'Terminating', '0', '10m'],
    ],
    [
      'node lost',
      pod(
        { phase: 'Running', reason: 'NodeLost', containerStatuses: [running('a')] },
        { containers: [{ name: 'a' }] },
        { deletionTimestamp: '2024-01-01T00:10:30Z' },
      ),
      ['p', '1/1', 'Unknown', '0', '10m'],
    ],
    [
      'config error',
      pod(
        {
          phase: 'Pending',
          containerStatuses: [
            { name: 'a', ready: false, restartCount: 0, state: { waiting: { reason: 'CreateContainerConfigError' } } },
          ],
        },
        { containers: [{ name: 'a' }] },
      ),
      ['p', '0/1', 'CreateContainerConfigError', '0', '10m'],
    ],
    [
      'OOMKilled',
      pod(
        {
          phase: 'Failed',
          containerStatuses: [
            { name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } },
          ],
        },
        { containers: [{ name: 'a' }] },
      ),
      ['p', '0/1', 'OOMKilled', '0', '10m'],
    ],
  ];
  for (const [name, p, want] of rows) assert.deepEqual(printPodRow(p, NOW), want, name);
});
