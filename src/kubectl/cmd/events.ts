// kubectl events (staging/src/k8s.io/kubectl/pkg/cmd/events/events.go and event_printer.go): the namespace's
// Events, oldest first by last seen, `--for kind/name`, `--types Warning,Normal`, -A with a NAMESPACE column;
// OBJECT is `Kind/name`, LAST SEEN says `(xN over T)` for a repeated Event.

import type { Command } from '../context';
import type { KObject } from '../../api/meta';
import { KubectlFailure } from '../errors';
import { since } from '../../api/format';
import { goTabwriter } from '../../util/go/tabwriter';
import { toYaml, toJson } from '../printers/yaml';

const last = (e: KObject) =>
  e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp;

/** getInterval: when it was last seen, and how often over how long for a repeated Event. */
function interval(e: KObject, now: number): string {
  const first = since(e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
  if ((e.count ?? 1) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

export const events: Command = {
  path: 'kubectl events',
  flags: {
    'all-namespaces': { type: 'bool', short: 'A' },
    for: { type: 'string' },
    types: { type: 'strings' },
    watch: { type: 'bool', short: 'w' },
    output: { type: 'string', short: 'o' },
    'no-headers': { type: 'bool' },
    'chunk-size': { type: 'int' },
    'show-managed-fields': { type: 'bool' },
    template: { type: 'string' },
    'allow-missing-template-keys': { type: 'bool', default: true },
  },
  run(ctx) {
    if (ctx.flag('watch'))
      throw new KubectlFailure(
        'error: kspec does not model `kubectl events --watch`: a scenario has no terminal to stream to',
      );
    const all = ctx.flag<boolean>('all-namespaces');
    const types = ctx.flag<string[]>('types');
    for (const t of types) {
      if (!['normal', 'warning'].includes(t.toLowerCase()))
        throw new KubectlFailure(`error: valid --types are Normal or Warning`);
    }
    let items = ctx.api.list('events', { namespace: all ? undefined : ctx.namespace });
    const target = ctx.flag<string>('for');
    if (target) {
      const [kind, name] = target.includes('/') ? target.split('/') : [target, ''];
      const r = ctx.resources.resolve(kind);
      if (!r || !name) throw new KubectlFailure(`error: --for must be in resource/name form`);
      items = items.filter((e) => e.involvedObject?.kind === r.kind && e.involvedObject?.name === name);
    }
    if (types.length)
      items = items.filter((e) => types.some((t) => t.toLowerCase() === String(e.type ?? '').toLowerCase()));
    items = [...items].sort((a, b) => Date.parse(last(a) ?? '') - Date.parse(last(b) ?? ''));
    const output = ctx.flag<string>('output');
    if (output === 'yaml' || output === 'json') {
      const list = { apiVersion: 'v1', kind: 'EventList', items, metadata: { resourceVersion: '' } };
      ctx.out(output === 'yaml' ? toYaml(list) : toJson(list));
      return;
    }
    if (output)
      throw new KubectlFailure(
        `error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`,
      );
    if (!items.length) {
      ctx.err(all ? 'No events found.\n' : `No events found in ${ctx.namespace} namespace.\n`);
      return;
    }
    const rows = items.map((e) => [
      ...(all ? [e.metadata.namespace ?? ''] : []),
      interval(e, ctx.now),
      e.type ?? '',
      e.reason ?? '',
      `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`,
      String(e.message ?? '').trim(),
    ]);
    const headers = [...(all ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
    const text = [...(ctx.flag('no-headers') ? [] : [headers]), ...rows].map((r) => r.join('\t') + '\n').join('');
    // printers.GetNewTabWriter: minwidth 6, padding 3
    ctx.out(goTabwriter(text, 6, 3));
  },
};
