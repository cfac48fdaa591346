// kubectl's deprecated --record (staging/src/k8s.io/kubectl/pkg/cmd/util/record_flags.go): the command line is
// written to the `kubernetes.io/change-cause` annotation, which the Deployment controller copies to the new
// ReplicaSet and `kubectl rollout history` shows.

import type { KObject } from '../api/meta';
import type { Ctx } from './context';
import type { FlagSpec } from './args';

export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
export const RECORD_FLAG: FlagSpec = { record: { type: 'bool' } };
/** what pflag prints when a deprecated flag is used */
export const RECORD_DEPRECATED = 'Flag --record has been deprecated, --record will be removed in the future\n';

/**
 * parseCommandArguments: `kubectl`, the positional words (the command's own words first), then every flag as
 * ` --<name>=<value>` in the order given, e.g. `kubectl set image deployment/web web=nginx:1.25 --record=true`.
 */
export function changeCause(ctx: Ctx): string {
  const words = [...ctx.command.split(' ').slice(1), ...ctx.parsed.args];
  const flags = ctx.parsed.given.map(([name, value]) => ` --${name}=${value}`).join('');
  return `kubectl${words.length ? ' ' + words.join(' ') : ''}${flags}`;
}

/** ChangeCauseRecorder.Record when --record is true; nothing otherwise (NoopRecorder). */
export function record(ctx: Ctx, obj: KObject): void {
  if (!ctx.flag<boolean>('record') || !obj.metadata || typeof obj.metadata !== 'object') return;
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [CHANGE_CAUSE_ANNOTATION]: changeCause(ctx) };
}
