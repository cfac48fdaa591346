// A picture of the cluster for a failure report: Ingresses → Services → Pods (inside the Node that runs them)
// → claims → volumes, laid out by dagre (pure JavaScript, no Graphviz) and drawn here as SVG. Endpoints that
// are not ready are dashed; colours say whether a thing is well (green), waiting (amber) or broken (red).
import * as dagre from '@dagrejs/dagre';

type Json = Record<string, any>;
export type Health = 'ok' | 'wait' | 'bad';

export interface Box {
  id: string;
  kind: 'ingress' | 'service' | 'pod' | 'pvc' | 'pv';
  lines: string[];
  health: Health;
  parent?: string;
}
export interface Group {
  id: string;
  lines: string[];
  health: Health;
}
export interface Link {
  from: string;
  to: string;
  dashed?: boolean;
}
export interface DiagramModel {
  groups: Group[];
  boxes: Box[];
  links: Link[];
  note?: string;
}

export interface DiagramInput {
  nodes: Json[];
  pods: Json[];
  services: Json[];
  endpointSlices: Json[];
  pvcs: Json[];
  pvs: Json[];
  ingresses?: Json[];
}

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);
const MAX_PODS = 150;

const key = (kind: string, o: Json) => `${kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
const named = (o: Json) =>
  (o.metadata?.namespace && o.metadata.namespace !== 'default' ? `${o.metadata.namespace}/` : '') + o.metadata?.name;
const userObject = (o: Json) =>
  !SYSTEM_NAMESPACES.has(o.metadata?.namespace) &&
  !(o.metadata?.namespace === 'default' && o.kind === 'Service' && o.metadata?.name === 'kubernetes');

function podHealth(p: Json): Health {
  const statuses: Json[] = p.status?.containerStatuses ?? [];
  if (
    p.status?.phase === 'Failed' ||
    statuses.some((c) => c.state?.waiting?.reason && c.state.waiting.reason !== 'ContainerCreating')
  )
    return 'bad';
  const ready = (p.status?.conditions ?? []).some((c: Json) => c.type === 'Ready' && c.status === 'True');
  return p.status?.phase === 'Running' && ready ? 'ok' : p.status?.phase === 'Succeeded' ? 'ok' : 'wait';
}

function podStatus(p: Json): string {
  const waiting = (p.status?.containerStatuses ?? []).map((c: Json) => c.state?.waiting?.reason).find(Boolean);
  return `${waiting ?? p.status?.phase ?? 'Pending'}${p.metadata?.deletionTimestamp ? ' (terminating)' : ''}`;
}

function servicePorts(s: Json): string {
  return (s.spec?.ports ?? [])
    .map((p: Json) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
    .join(',');
}

function nodeReady(n: Json): Health {
  const ready = (n.status?.conditions ?? []).find((c: Json) => c.type === 'Ready');
  return ready?.status === 'True' && !n.spec?.unschedulable ? 'ok' : ready?.status === 'True' ? 'wait' : 'bad';
}

export function diagramModel(input: DiagramInput): DiagramModel {
  const groups: Group[] = input.nodes.map((n) => ({
    id: `node/${n.metadata.name}`,
    lines: [`node ${n.metadata.name}`],
    health: nodeReady(n),
  }));
  const groupIds = new Set(groups.map((g) => g.id));
  const boxes: Box[] = [];
  const links: Link[] = [];
  const pods = input.pods.filter(userObject);
  const shown = pods.slice(0, MAX_PODS);
  for (const p of shown) {
    const parent = p.spec?.nodeName && groupIds.has(`node/${p.spec.nodeName}`) ? `node/${p.spec.nodeName}` : undefined;
    boxes.push({
      id: key('pod', p),
      kind: 'pod',
      lines: [`pod ${named(p)}`, `${podStatus(p)}${p.status?.podIP ? `  ${p.status.podIP}` : ''}`],
      health: podHealth(p),
      parent,
    });
    for (const v of p.spec?.volumes ?? []) {
      if (v.persistentVolumeClaim?.claimName)
        links.push({ from: key('pod', p), to: `pvc/${p.metadata.namespace}/${v.persistentVolumeClaim.claimName}` });
    }
  }
  const podIds = new Set(boxes.map((b) => b.id));
  for (const s of input.services.filter(userObject)) {
    const type = s.spec?.type ?? 'ClusterIP';
    const ip = s.spec?.clusterIP === 'None' ? 'headless' : (s.spec?.externalName ?? s.spec?.clusterIP ?? '');
    boxes.push({
      id: key('svc', s),
      kind: 'service',
      lines: [`svc ${named(s)}`, `${type} ${ip}`.trim(), servicePorts(s)].filter(Boolean),
      health: 'ok',
    });
  }
  const serviceIds = new Set(boxes.filter((b) => b.kind === 'service').map((b) => b.id));
  const endpointCount = new Map<string, number>();
  for (const slice of input.endpointSlices) {
    const svc = `svc/${slice.metadata?.namespace}/${slice.metadata?.labels?.['kubernetes.io/service-name']}`;
    if (!serviceIds.has(svc)) continue;
    for (const ep of slice.endpoints ?? []) {
      const target =
        ep.targetRef?.kind === 'Pod'
          ? `pod/${ep.targetRef.namespace ?? slice.metadata.namespace}/${ep.targetRef.name}`
          : undefined;
      if (ep.conditions?.ready !== false) endpointCount.set(svc, (endpointCount.get(svc) ?? 0) + 1);
      if (target && podIds.has(target)) links.push({ from: svc, to: target, dashed: ep.conditions?.ready === false });
    }
  }
  for (const b of boxes) {
    if (b.kind === 'service' && !b.lines[1].startsWith('ExternalName'))
      b.health = endpointCount.get(b.id) ? 'ok' : 'wait';
  }
  for (const ing of (input.ingresses ?? []).filter(userObject)) {
    boxes.push({
      id: key('ing', ing),
      kind: 'ingress',
      lines: [`ingress ${named(ing)}`, ...(ing.spec?.rules ?? []).map((r: Json) => r.host ?? '*').slice(0, 3)],
      health: 'ok',
    });
    for (const r of ing.spec?.rules ?? []) {
      for (const p of r.http?.paths ?? []) {
        const to = `svc/${ing.metadata.namespace}/${p.backend?.service?.name}`;
        if (serviceIds.has(to)) links.push({ from: key('ing', ing), to });
      }
    }
  }
  for (const c of input.pvcs.filter(userObject)) {
    const phase = c.status?.phase ?? 'Pending';
    boxes.push({
      id: key('pvc', c),
      kind: 'pvc',
      lines: [`pvc ${named(c)}`, `${phase}  ${c.spec?.resources?.requests?.storage ?? ''}`.trim()],
      health: phase === 'Bound' ? 'ok' : phase === 'Lost' ? 'bad' : 'wait',
    });
    if (c.spec?.volumeName) links.push({ from: key('pvc', c), to: `pv//${c.spec.volumeName}` });
  }
  for (const v of input.pvs) {
    const phase = v.status?.phase ?? 'Pending';
    boxes.push({
      id: key('pv', v),
      kind: 'pv',
      lines: [
        `pv ${v.metadata.name}`,
        `${phase}  ${v.spec?.capacity?.storage ?? ''}  ${v.spec?.storageClassName ?? ''}`.trim(),
      ],
      health: phase === 'Failed' ? 'bad' : phase === 'Released' ? 'wait' : 'ok',
    });
  }
  const ids = new Set(boxes.map((b) => b.id));
  const note = pods.length > shown.length ? `${pods.length - shown.length} more pods not drawn` : undefined;
  return { groups, boxes, links: links.filter((l) => ids.has(l.from) && ids.has(l.to)), note };
}

const FILL: Record<Box['kind'], string> = {
  ingress: '#ede7f6',
  service: '#e3f2fd',
  pod: '#ffffff',
  pvc: '#fff8e1',
  pv: '#f3e5f5',
};
const STROKE: Record<Health, string> = { ok: '#2e7d32', wait: '#f9a825', bad: '#c62828' };
const CHAR_WIDTH = 7.4,
  LINE_HEIGHT = 15,
  PAD = 8; // 12px monospace is about 7.2px a character

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const size = (lines: string[]) => ({
  width: Math.max(...lines.map((l) => l.length)) * CHAR_WIDTH + 2 * PAD,
  height: lines.length * LINE_HEIGHT + 2 * PAD - 4,
});

function text(lines: string[], x: number, y: number, bold = true): string {
  return lines
    .map(
      (l, i) =>
        `<text x="${x}" y="${y + i * LINE_HEIGHT}"${i === 0 && bold ? ' font-weight="bold"' : ''}>${escapeXml(l)}</text>`,
    )
    .join('');
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The model laid out and drawn: a self-contained SVG document. */
export function renderSvg(model: DiagramModel, title = 'cluster'): string {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 60, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const grp of model.groups) g.setNode(grp.id, { label: grp.id, paddingTop: 28 } as any);
  for (const b of model.boxes) {
    g.setNode(b.id, { label: b.id, ...size(b.lines) });
    if (b.parent) g.setParent(b.id, b.parent);
  }
  for (const l of model.links) g.setEdge(l.from, l.to);
  // an empty node would collapse to a point: give it the size of its label
  for (const grp of model.groups)
    if (!model.boxes.some((b) => b.parent === grp.id))
      g.setNode(grp.id, { label: grp.id, ...size([...grp.lines, '(no pods)']) });
  dagre.layout(g);
  const graph = g.graph() as { width?: number; height?: number };
  const width = Math.ceil(graph.width ?? 100),
    height = Math.ceil((graph.height ?? 100) + (model.note ? 20 : 0));
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="monospace" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>',
    `<rect width="${width}" height="${height}" fill="#fafafa"/>`,
  ];
  for (const grp of model.groups) {
    const n = g.node(grp.id) as any;
    const x = round(n.x - n.width / 2),
      y = round(n.y - n.height / 2);
    out.push(
      `<g class="node"><rect x="${x}" y="${y}" width="${round(n.width)}" height="${round(n.height)}" rx="6" fill="#eceff1" stroke="${STROKE[grp.health]}" stroke-width="2"/>${text(grp.lines, x + PAD, y + 16)}${model.boxes.some((b) => b.parent === grp.id) ? '' : text(['(no pods)'], x + PAD, y + 16 + LINE_HEIGHT, false)}</g>`,
    );
  }
  for (const l of model.links) {
    const e = g.edge(l.from, l.to) as any;
    const d = (e.points as { x: number; y: number }[])
      .map((p, i) => `${i ? 'L' : 'M'} ${round(p.x)} ${round(p.y)}`)
      .join(' ');
    out.push(
      `<path class="edge" d="${d}" fill="none" stroke="#555" stroke-width="1.3"${l.dashed ? ' stroke-dasharray="5,4"' : ''} marker-end="url(#arrow)"/>`,
    );
  }
  for (const b of model.boxes) {
    const n = g.node(b.id) as any;
    const x = round(n.x - n.width / 2),
      y = round(n.y - n.height / 2);
    out.push(
      `<g class="${b.kind}"><rect x="${x}" y="${y}" width="${round(n.width)}" height="${round(n.height)}" rx="4" fill="${FILL[b.kind]}" stroke="${STROKE[b.health]}" stroke-width="2"/>${text(b.lines, x + PAD, y + PAD + 10)}</g>`,
    );
  }
  if (model.note) out.push(text([model.note], 16, height - 8, false));
  out.push('</svg>');
  return out.join('\n') + '\n';
}
