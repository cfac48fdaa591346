// Failure messages for people: what was expected, what was found (by field path), the object as it is, and
// the recent history that led there.

import { dump } from 'js-yaml';
import type { TimelineEntry } from '../apiserver/timeline';
import { goDurationSeconds } from '../util/go/duration';
import type { Difference } from './match';
import { describeDifferences } from './diff';
import { redactObject } from '../api/redact';

/** An object as YAML, without the noise of managedFields; a Secret's values are redacted (failure messages end up in reports). */
export function objectYaml(obj: unknown): string {
  if (obj === undefined) return '(none)\n';
  const copy = redactObject(JSON.parse(JSON.stringify(obj)));
  if (copy?.metadata?.managedFields) delete copy.metadata.managedFields;
  return dump(copy, { lineWidth: 120, noRefs: true });
}

/** One timeline entry as a line: `+12s  Normal  ScalingReplicaSet  Scaled up replica set web-5d4f to 3`. */
export function timelineLine(e: TimelineEntry, start: number): string {
  const at = `+${goDurationSeconds(Math.max(0, e.time - start))}`;
  if (e.kind === 'event') return `${at}  ${e.verb}  ${e.reason ?? ''}  ${e.message ?? ''}`.trimEnd();
  const what = `${e.resource}/${e.namespace ? `${e.namespace}/` : ''}${e.name}`;
  return `${at}  ${e.verb}  ${what}${e.actor ? `  by ${e.actor}` : ''}${e.message ? `  ${e.message}` : ''}`;
}

export function timelineText(entries: readonly TimelineEntry[], start: number): string {
  return entries.map((e) => timelineLine(e, start)).join('\n');
}

const indent = (text: string, by = '  ') =>
  text
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');

export interface MatchFailure {
  /** `deployment "web" in namespace "default"` */
  subject: string;
  differences: Difference[];
  object?: unknown;
  history?: readonly TimelineEntry[];
  /** the cluster's start, for `+12s` times */
  start?: number;
  /** e.g. `after 5m0s of virtual time` */
  note?: string;
  /** a workload's pods, one status line each (src/assert/pod-status.ts): why they are not running */
  pods?: string[];
}

/** The message of a failed `matches` assertion. */
export function matchFailureMessage(f: MatchFailure): string {
  const parts = [
    `${f.subject} does not match${f.note ? ` ${f.note}` : ''}:`,
    indent(describeDifferences(f.differences).join('\n')),
  ];
  if (f.pods) parts.push('', 'its pods:', indent(f.pods.length ? f.pods.join('\n') : '(none)'));
  if (f.object !== undefined) parts.push('', `${f.subject} is now:`, indent(objectYaml(f.object)));
  if (f.history?.length)
    parts.push('', 'its recent history:', indent(timelineText(f.history, f.start ?? f.history[0].time)));
  return parts.join('\n');
}

/** The message when the object is not there at all (or is there when it should not be). */
export function existenceMessage(
  subject: string,
  exists: boolean,
  history?: readonly TimelineEntry[],
  start?: number,
  note?: string,
): string {
  const parts = [
    exists
      ? `${subject} exists, but it should not${note ? ` ${note}` : ''}`
      : `${subject} does not exist${note ? ` ${note}` : ''}`,
  ];
  if (history?.length) parts.push('', 'its recent history:', indent(timelineText(history, start ?? history[0].time)));
  return parts.join('\n');
}
