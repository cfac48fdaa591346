// apps/v1 defaults (pkg/apis/apps/v1/defaults.go: SetDefaults_Deployment, SetDefaults_ReplicaSet), plus the
// pod template's PodSpec defaults that the generated defaulters apply recursively.
import { defaultPodSpec } from './pod';

export function defaultDeployment(d: any): void {
  const spec = d.spec ?? (d.spec = {});
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  const strategy = spec.strategy ?? (spec.strategy = {});
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = strategy.rollingUpdate ?? (strategy.rollingUpdate = {});
    if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = '25%';
    if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = '25%';
  }
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  if (spec.progressDeadlineSeconds === undefined || spec.progressDeadlineSeconds === null)
    spec.progressDeadlineSeconds = 600;
  defaultTemplate(spec);
}

export function defaultReplicaSet(rs: any): void {
  const spec = rs.spec ?? (rs.spec = {});
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  defaultTemplate(spec);
}

/**
 * SetDefaults_ReplicationController (pkg/apis/core/v1/defaults.go): the selector and the labels default to the
 * template's labels, replicas to 1.
 */
export function defaultReplicationController(rc: any): void {
  const spec = rc.spec ?? (rc.spec = {});
  const labels = spec.template?.metadata?.labels;
  if (labels) {
    if (!Object.keys(spec.selector ?? {}).length) spec.selector = { ...labels };
    const meta = rc.metadata ?? (rc.metadata = {});
    if (!Object.keys(meta.labels ?? {}).length) meta.labels = { ...labels };
  }
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  if (spec.template) defaultTemplate(spec);
}

function defaultTemplate(spec: any): void {
  const t = spec.template ?? (spec.template = {});
  if (!t.metadata) t.metadata = {};
  defaultPodSpec(t.spec ?? (t.spec = {}));
}
