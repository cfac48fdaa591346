// Rollouts over time: invariants that must hold at every moment of a Deployment's latest rollout (never fewer
// than N available replicas, never more than N pods), and the rollout's steps as a table of replica counts.
// Each step first lets the rollout finish (up to 10 minutes of virtual time), then replays it from the timeline.
import { Then, type DataTable } from '@cucumber/cucumber';
import type { KspecWorld } from './world';
import type { ObjectRef } from './parameters';
import { expectRolloutBound, expectRolloutSteps } from '../src/assert/rollout';

// Model-only (the model's timeline): at no moment of the latest rollout were fewer replicas available; e.g. `Then during the rollout deployment "web" never had fewer than 3 available replicas`
Then(
  'during the rollout {object} never had fewer than {int} available replicas',
  function (this: KspecWorld, ref: ObjectRef, n: number) {
    expectRolloutBound(this.cluster, ref, 'available', { min: n }, 'available replicas');
  },
);
// Model-only (the model's timeline): the same for ready replicas; e.g. `Then during the rollout deployment "web" never had fewer than 3 ready replicas`
Then(
  'during the rollout {object} never had fewer than {int} ready replicas',
  function (this: KspecWorld, ref: ObjectRef, n: number) {
    expectRolloutBound(this.cluster, ref, 'ready', { min: n }, 'ready replicas');
  },
);
// Model-only (the model's timeline): at no moment were there more pods, old and new; e.g. `Then during the rollout deployment "web" never had more than 4 pods`
Then(
  'during the rollout {object} never had more than {int} pods',
  function (this: KspecWorld, ref: ObjectRef, n: number) {
    expectRolloutBound(this.cluster, ref, 'pods', { max: n }, 'pods');
  },
);

/**
 * Model-only (the model's timeline): a table whose header names columns among old, new, pods, ready, available;
 * one row each time their values changed, from the last change of the Deployment's spec on; e.g. `Then the rollout of deployment "web" went through these steps:` and a table
 */
Then(
  'the rollout of {object} went through these steps:',
  function (this: KspecWorld, ref: ObjectRef, table: DataTable) {
    expectRolloutSteps(this.cluster, ref, table.raw());
  },
);
