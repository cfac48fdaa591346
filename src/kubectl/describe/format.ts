// The pieces describe.go shares between describers: multi-line labels, annotations, tolerations and taints,
// and the Events table (DescribeEvents).

import type { Ctx } from '../context';
import type { KObject } from '../../api/meta';
import { isStatusError } from '../../api/errors';
import { since } from '../../api/format';
import { goTabwriter } from '../../util/go/tabwriter';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export function labels(w: string[], title: string, m: Record<string, string> | undefined): void {
  w.push(`${title}:\t`);
  const keys = Object.keys(m ?? {}).sort();
  if (!keys.length) {
    w.push('<none>\n');
    return;
  }
  keys.forEach((k, i) => w.push(`${i ? '\t' : ''}${k}=${m![k]}\n`));
}

export function annotations(w: string[], title: string, m: Record<string, string> | undefined): void {
  w.push(`${title}:\t`);
  const keys = Object.keys(m ?? {})
    .filter((k) => k !== LAST_APPLIED)
    .sort();
  if (!keys.length) {
    w.push('<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    let v = m![k];
    // printAnnotationsMultiline: long or multi-line values are cut
    if (v.length > 140 || v.includes('\n')) v = v.length > 140 ? v.slice(0, 140 / 2) + '...' : v;
    w.push(`${i ? '\t' : ''}${k}: ${v}\n`);
  });
}

export function tolerations(w: string[], title: string, ts: any[] | undefined): void {
  w.push(`${title}:\t`);
  if (!ts?.length) {
    w.push('<none>\n');
    return;
  }
  [...ts]
    .sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0))
    .forEach((t, i) => {
      let s = i ? '\t' : '';
      s += t.key ?? '';
      if (t.value) s += `=${t.value}`;
      if (t.effect) s += `:${t.effect}`;
      if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
      if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
      w.push(s + '\n');
    });
}

/**
 * A describer's read of related objects (events, a node's pods, a deployment's ReplicaSets): a Forbidden answer
 * leaves that part out, as kubectl's describers ignore the error (describe pod without `list events` prints the rest).
 */
export function related<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (isStatusError(e) && e.reason === 'Forbidden') return undefined;
    throw e;
  }
}

/**
 * The object's events. searchEvents returns its (empty) list with the error, and the describers drop the error:
 * a user who may not list events reads `Events: <none>`.
 */
export function eventsOf(ctx: Ctx, o: KObject): KObject[] {
  return (
    related(() =>
      ctx.api
        .list('events', {
          namespace: o.metadata.namespace ?? 'default',
          fieldSelector: `involvedObject.name=${o.metadata.name}`,
        })
        .filter(
          (e) =>
            e.involvedObject?.kind === o.kind && (!e.involvedObject?.uid || e.involvedObject.uid === o.metadata.uid),
        ),
    ) ?? []
  );
}

export function describeEvents(ctx: Ctx, events: KObject[] | undefined): string {
  if (!events) return ''; // `if events != nil { DescribeEvents(...) }`
  if (!events.length) return 'Events:\t<none>\n';
  const time = (e: KObject) => Date.parse(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '') || 0;
  const sorted = [...events].sort((a, b) => time(a) - time(b));
  let out = 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n  ----\t------\t----\t----\t-------\n';
  for (const e of sorted) {
    const first = since(e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp, ctx.now);
    let interval = first;
    if (e.series) interval = `${since(e.series.lastObservedTime, ctx.now)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 1) > 1) interval = `${since(e.lastTimestamp, ctx.now)} (x${e.count} over ${first})`;
    out += `  ${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${e.source?.component || e.reportingComponent || ''}\t${(e.message ?? '').trim()}\n`;
  }
  return out;
}

/** printTaintsMultilineWithIndent: `key=value:Effect`, one a line, sorted by effect, then key. */
export function taints(w: string[], title: string, ts: any[] | undefined): void {
  w.push(`${title}:\t`);
  if (!ts?.length) {
    w.push('<none>\n');
    return;
  }
  const key = (t: any) => `${t.effect ?? ''},${t.key ?? ''}`;
  [...ts]
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .forEach((t, i) => w.push(`${i ? '\t' : ''}${t.key}${t.value ? '=' + t.value : ''}:${t.effect}\n`));
}

export { goList } from '../../util/go/fmt';

/**
 * The description and its Events in one tabwriter, as describe.go writes them: `Events:\t<none>` joins the
 * column block above it; a table starts after a line without tabs, so it aligns on its own.
 */
export function withEvents(ctx: Ctx, o: KObject, w: string[]): string {
  return goTabwriter(w.join('') + (ctx.flag('show-events') ? describeEvents(ctx, eventsOf(ctx, o)) : ''));
}
