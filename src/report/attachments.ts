// What a failed scenario attaches so it can be understood without a rerun: the objects the failing step looked
// at (YAML), the cluster at that moment (kubectl get), the timeline of writes and Events with virtual times,
// the last command and its output, and a diagram. Every Secret value is redacted from all of them.
import type { Cluster, CommandResult } from '../cluster';
import { timelineText } from '../assert/report';
import { clusterSnapshot } from './snapshot';
import { diagramModel, renderSvg } from './diagram';
import { redactText, secretValues } from '../api/redact';
import { objectsLookedAt } from './looked-at';

export interface Attachment {
  fileName: string;
  mediaType: string;
  body: string;
}

export interface FailureContext {
  cluster: Cluster;
  /** the object the failing step compared, as YAML */
  failedObject?: { name: string; yaml: string };
  /** the failing step's text: the objects it names are attached */
  stepText?: string;
  lastCommand?: CommandResult;
  /** how many timeline entries to keep */
  timelineLimit?: number;
  /** keep the cluster's creation and the nodes' Lease renewals in the timeline (KSPEC_TIMELINE=full) */
  fullTimeline?: boolean;
}

/** The timeline a report shows: by default without the cluster's creation and the Lease heartbeats. */
export function reportedTimeline(cluster: Cluster, full = process.env.KSPEC_TIMELINE === 'full') {
  const entries = cluster.timeline();
  if (full) return entries;
  // the timeline folds its oldest entries away (src/apiserver/timeline.ts): the bootstrap may be gone already
  const folded = cluster.timelineTotal() - entries.length;
  return entries.slice(Math.max(0, cluster.bootstrapEntries - folded)).filter((e) => e.resource !== 'leases');
}

function optionalList(cluster: Cluster, kind: string): any[] {
  try {
    return cluster.list(kind);
  } catch {
    return [];
  }
}

export function clusterDiagram(cluster: Cluster, title: string): string {
  return renderSvg(
    diagramModel({
      nodes: cluster.list('nodes'),
      pods: cluster.list('pods'),
      services: cluster.list('services'),
      endpointSlices: cluster.list('endpointslices'),
      pvcs: cluster.list('persistentvolumeclaims'),
      pvs: cluster.list('persistentvolumes'),
      ingresses: optionalList(cluster, 'ingresses'),
    }),
    title,
  );
}

/** Every value of every Secret the cluster holds or held (the timeline keeps the versions written), in every form. */
export function clusterSecretValues(cluster: Cluster): string[] {
  const secrets = [
    ...cluster.list('secrets'),
    ...cluster
      .timeline()
      .filter((e) => e.resource === 'secrets' && e.object)
      .map((e) => e.object!),
  ];
  return secretValues(secrets);
}

export function failureAttachments(ctx: FailureContext): Attachment[] {
  const { cluster } = ctx;
  const secrets = clusterSecretValues(cluster);
  const clean = (s: string) => redactText(s, secrets);
  const entries =
    ctx.fullTimeline === undefined ? reportedTimeline(cluster) : reportedTimeline(cluster, ctx.fullTimeline);
  // times count from the cluster's start either way
  const start = cluster.timelineStart();
  const limit = ctx.timelineLimit ?? 200;
  const recent = entries.slice(-limit);
  // the entries shown of all there were: the bootstrap filtered out, or the timeline's whole count (folded ones too)
  const filtered = entries.length < cluster.timeline().length;
  const of = filtered ? entries.length : cluster.timelineTotal();
  const skipped = filtered
    ? " (the cluster's creation and Lease renewals left out: KSPEC_TIMELINE=full keeps them)"
    : '';
  const header =
    recent.length < of
      ? `(the last ${recent.length} of ${of} entries${skipped})\n`
      : skipped
        ? `${skipped.trim()}\n`
        : '';
  const out: Attachment[] = [
    { fileName: 'timeline.txt', mediaType: 'text/plain', body: clean(header + timelineText(recent, start) + '\n') },
  ];
  if (ctx.failedObject)
    out.push({
      fileName: `${ctx.failedObject.name}.yaml`,
      mediaType: 'application/yaml',
      body: clean(ctx.failedObject.yaml),
    });
  const seen = ctx.stepText && !ctx.failedObject ? objectsLookedAt(cluster, ctx.stepText) : '';
  if (seen) out.push({ fileName: 'objects.yaml', mediaType: 'application/yaml', body: clean(seen) });
  if (ctx.lastCommand) {
    const r = ctx.lastCommand;
    const line = r.command.startsWith('kubectl') ? r.command : `kubectl ${r.command}`;
    out.push({
      fileName: 'last-command.txt',
      mediaType: 'text/plain',
      body: clean(`$ ${line}\n(exit status ${r.exitCode})\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`),
    });
  }
  out.push({ fileName: 'cluster.txt', mediaType: 'text/plain', body: clean(clusterSnapshot(cluster)) });
  out.push({
    fileName: 'cluster.svg',
    mediaType: 'image/svg+xml',
    body: clean(clusterDiagram(cluster, 'the cluster when the step failed')),
  });
  return out;
}
