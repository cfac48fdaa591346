// Columns of `kubectl get` per resource, as pkg/printers/internalversion/printers.go builds them.

import type { KObject } from '../../api/meta';
import {
  since,
  formatLabels,
  formatLabelSelector,
  formatEndpoints,
  accessModes,
  nodeRoles,
  intOrStringOr,
  ingressAddress,
} from '../../api/format';
import { formatTime } from '../../runtime/clock';
import { printPodRow, podWide } from './pods';
import { POLICY_COLUMNS } from './columns-policy';
import { canonicalQuantity } from '../../api/quantity';

export interface Columns {
  headers: string[];
  wide: string[];
  row(o: KObject, now: number): string[];
  wideRow?(o: KObject, now: number): string[];
  /** the order of every column with -o wide, where the printer puts wide columns between normal ones (events) */
  order?: string[];
}

/** The headers kubectl shows, with or without -o wide. */
export function headersOf(cols: Columns, wide: boolean): string[] {
  return wide ? (cols.order ?? [...cols.headers, ...cols.wide]) : [...cols.headers];
}

/** A row's cells, with or without -o wide, in the order of headersOf. */
export function cellsOf(cols: Columns, o: KObject, now: number, wide: boolean): string[] {
  const row = cols.row(o, now);
  if (!wide) return row;
  row.push(...(cols.wideRow ? cols.wideRow(o, now) : cols.wide.map(() => '')));
  if (!cols.order) return row;
  const produced = [...cols.headers, ...cols.wide];
  return cols.order.map((h) => row[produced.indexOf(h)]);
}

const none = (s: string | undefined) => (s ? s : '<none>');
const age = (o: KObject, now: number) => since(o.metadata.creationTimestamp, now);
const int = (n: unknown) => String(n ?? 0);

/** formatHosts: the first three rule hosts, `*` when none names one. */
export function ingressHosts(rules: any[]): string {
  const list: string[] = [];
  let more = false;
  for (const r of rules) {
    if (list.length === 3) more = true;
    if (!more && r?.host) list.push(r.host);
  }
  if (!list.length) return '*';
  return more ? `${list.join(',')} + ${rules.length - 3} more...` : list.join(',');
}

function containersAndImages(spec: any): [string, string] {
  const cs = spec?.template?.spec?.containers ?? [];
  return [cs.map((c: any) => c.name).join(','), cs.map((c: any) => c.image).join(',')];
}

/** makePortString */
export function servicePorts(svc: KObject): string {
  const ports = svc.spec?.ports ?? [];
  if (!ports.length) return '<none>';
  return ports
    .map((p: any) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`))
    .join(',');
}

/** getServiceExternalIP: a load balancer's addresses (clipped unless wide), then the external IPs in full. */
export function serviceExternalIP(svc: KObject, wide: boolean): string {
  const s = svc.spec ?? {};
  const ext: string[] = s.externalIPs ?? [];
  switch (s.type) {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = ingressAddress(svc, wide);
      if (ext.length) return [...(lb ? lb.split(',') : []), ...ext].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return s.externalName;
  }
  return '<unknown>';
}

function serviceRow(o: KObject, now: number, wide: boolean): string[] {
  return [
    o.metadata.name!,
    o.spec?.type ?? '',
    none(o.spec?.clusterIP),
    serviceExternalIP(o, wide),
    servicePorts(o),
    age(o, now),
  ];
}

function ingressRow(o: KObject, now: number, wide: boolean): string[] {
  return [
    o.metadata.name!,
    o.spec?.ingressClassName || '<none>',
    ingressHosts(o.spec?.rules ?? []),
    ingressAddress(o, wide),
    (o.spec?.tls ?? []).length ? '80, 443' : '80',
    age(o, now),
  ];
}

/** formatHPAMetrics: each metric's current/target, at most two, then ` + N more...`. */
export function formatHPAMetrics(specs: any[] | undefined, statuses: any[] | undefined): string {
  if (!specs?.length) return '<none>';
  const st = statuses ?? [];
  const q = (v: unknown) => (v === undefined || v === null ? '' : canonicalQuantity(v as string));
  const list = specs.map((spec, i) => {
    const cur = st[i];
    switch (spec.type) {
      case 'External':
      case 'Object': {
        const key = spec.type === 'External' ? 'external' : 'object';
        const target = spec[key]?.target ?? {};
        if (target.averageValue !== undefined)
          return `${cur?.[key]?.current?.averageValue !== undefined ? q(cur[key].current.averageValue) : '<unknown>'}/${q(target.averageValue)} (avg)`;
        return `${cur?.[key] ? q(cur[key].current?.value) : '<unknown>'}/${q(target.value)}`;
      }
      case 'Pods':
        return `${cur?.pods ? q(cur.pods.current?.averageValue) : '<unknown>'}/${q(spec.pods?.target?.averageValue)}`;
      case 'Resource':
      case 'ContainerResource': {
        const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
        const m = spec[key] ?? {},
          target = m.target ?? {};
        if (target.averageValue !== undefined)
          return `${m.name}: ${cur?.[key] ? q(cur[key].current?.averageValue) : '<unknown>'}/${q(target.averageValue)}`;
        const current =
          cur?.[key]?.current?.averageUtilization !== undefined
            ? `${cur[key].current.averageUtilization}%`
            : '<unknown>';
        return `${m.name}: ${current}/${target.averageUtilization !== undefined ? `${target.averageUtilization}%` : '<auto>'}`;
      }
      default:
        return '<unknown type>';
    }
  });
  return list.length > 2 ? `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...` : list.join(', ');
}

/** formatEventSource: the component (or reportingController), then the host (or reportingInstance) if any. */
function eventSource(o: KObject): string {
  const component = o.source?.component || o.reportingController || o.reportingComponent || '';
  const instance = o.source?.host || o.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

/** printEvent's cells: times fall back to eventTime, a series gives the last time and the count. */
function eventCells(o: KObject, now: number) {
  const io = o.involvedObject ?? {};
  const first = since(o.firstTimestamp ?? o.eventTime, now);
  let last = o.lastTimestamp ? since(o.lastTimestamp, now) : first;
  let count = o.count || 1;
  if (o.series) {
    last = since(o.series.lastObservedTime, now);
    count = o.series.count ?? 0;
  }
  const target = io.name ? `${(io.kind ?? '').toLowerCase()}/${io.name}` : (io.kind ?? '').toLowerCase();
  return { first, last, count: String(count), target, message: (o.message ?? '').trim() };
}

function nodeStatus(n: KObject): string {
  const ready = (n.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
  const parts = [!ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (n.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function nodeAddress(n: KObject, type: string): string {
  return (n.status?.addresses ?? []).find((a: any) => a.type === type)?.address ?? '<none>';
}

/** printJob's STATUS: Complete, Failed, Terminating, Suspended, FailureTarget or Running. */
function jobStatus(o: KObject): string {
  const has = (t: string) => (o.status?.conditions ?? []).some((c: any) => c.type === t && c.status === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (has('Suspended')) return 'Suspended';
  if (has('FailureTarget')) return 'FailureTarget';
  return 'Running';
}

export const COLUMNS: Record<string, Columns> = {
  // the default table convertor (rest.NewDefaultTableConvertor): the name and "Created At", a timestamp
  customresourcedefinitions: {
    headers: ['NAME', 'CREATED AT'],
    wide: [],
    row: (o) => [o.metadata.name!, o.metadata.creationTimestamp ?? '<unknown>'],
  },
  ingresses: {
    headers: ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
    wide: [],
    row: (o, now) => ingressRow(o, now, true),
  },
  ingressclasses: {
    headers: ['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE'],
    wide: [],
    row: (o, now) => {
      const p = o.spec?.parameters;
      return [
        o.metadata.name!,
        o.spec?.controller ?? '',
        p ? `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>',
        age(o, now),
      ];
    },
  },
  pods: {
    headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
    wide: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
    row: (o, now) => printPodRow(o, now),
    wideRow: (o) => podWide(o),
  },
  deployments: {
    headers: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now) => [
      o.metadata.name!,
      `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
      int(o.status?.updatedReplicas),
      int(o.status?.availableReplicas),
      age(o, now),
    ],
    wideRow: (o) => [...containersAndImages(o.spec), formatLabelSelector(o.spec?.selector)],
  },
  replicasets: {
    headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now) => [
      o.metadata.name!,
      int(o.spec?.replicas),
      int(o.status?.replicas),
      int(o.status?.readyReplicas),
      age(o, now),
    ],
    wideRow: (o) => [...containersAndImages(o.spec), formatLabelSelector(o.spec?.selector)],
  },
  replicationcontrollers: {
    headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now) => [
      o.metadata.name!,
      int(o.spec?.replicas),
      int(o.status?.replicas),
      int(o.status?.readyReplicas),
      age(o, now),
    ],
    wideRow: (o) => [...containersAndImages(o.spec), formatLabels(o.spec?.selector)],
  },
  statefulsets: {
    headers: ['NAME', 'READY', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES'],
    row: (o, now) => [o.metadata.name!, `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`, age(o, now)],
    wideRow: (o) => containersAndImages(o.spec),
  },
  daemonsets: {
    headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now) => [
      o.metadata.name!,
      int(o.status?.desiredNumberScheduled),
      int(o.status?.currentNumberScheduled),
      int(o.status?.numberReady),
      int(o.status?.updatedNumberScheduled),
      int(o.status?.numberAvailable),
      formatLabels(o.spec?.template?.spec?.nodeSelector),
      age(o, now),
    ],
    wideRow: (o) => [...containersAndImages(o.spec), formatLabelSelector(o.spec?.selector)],
  },
  services: {
    headers: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
    wide: ['SELECTOR'],
    row: (o, now) => serviceRow(o, now, true),
    wideRow: (o) => [formatLabels(o.spec?.selector)],
  },
  poddisruptionbudgets: {
    headers: ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'],
    wide: [],
    row: (o, now) => [
      o.metadata.name!,
      intOrStringOr(o.spec?.minAvailable, 'N/A'),
      intOrStringOr(o.spec?.maxUnavailable, 'N/A'),
      int(o.status?.disruptionsAllowed),
      age(o, now),
    ],
  },
  networkpolicies: {
    headers: ['NAME', 'POD-SELECTOR', 'AGE'],
    wide: [],
    row: (o, now) => [o.metadata.name!, formatLabelSelector(o.spec?.podSelector ?? {}), age(o, now)],
  },
  endpoints: {
    headers: ['NAME', 'ENDPOINTS', 'AGE'],
    wide: [],
    row: (o, now) => [o.metadata.name!, formatEndpoints(o), age(o, now)],
  },
  endpointslices: {
    headers: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
    wide: [],
    row: (o, now) => {
      const ports = (o.ports ?? []).map((p: any) => String(p.port ?? '')).filter((x: string) => x);
      const addrs: string[] = [];
      let count = 0;
      for (const e of o.endpoints ?? [])
        for (const a of e.addresses ?? []) {
          count++;
          if (addrs.length < 3) addrs.push(a);
        }
      const eps = addrs.length ? addrs.join(',') + (count > 3 ? ` + ${count - 3} more...` : '') : '<unset>';
      return [
        o.metadata.name!,
        o.addressType ?? '',
        ports.length
          ? ports.length > 3
            ? ports.slice(0, 3).join(',') + ` + ${ports.length - 3} more...`
            : ports.join(',')
          : '<unset>',
        eps,
        age(o, now),
      ];
    },
  },
  nodes: {
    headers: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
    wide: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
    row: (o, now) => [
      o.metadata.name!,
      nodeStatus(o),
      nodeRoles(o),
      age(o, now),
      o.status?.nodeInfo?.kubeletVersion ?? '',
    ],
    wideRow: (o) => [
      nodeAddress(o, 'InternalIP'),
      nodeAddress(o, 'ExternalIP'),
      o.status?.nodeInfo?.osImage || '<unknown>',
      o.status?.nodeInfo?.kernelVersion || '<unknown>',
      o.status?.nodeInfo?.containerRuntimeVersion || '<unknown>',
    ],
  },
  namespaces: {
    headers: ['NAME', 'STATUS', 'AGE'],
    wide: [],
    row: (o, now) => [o.metadata.name!, o.status?.phase ?? '', age(o, now)],
  },
  persistentvolumes: {
    headers: [
      'NAME',
      'CAPACITY',
      'ACCESS MODES',
      'RECLAIM POLICY',
      'STATUS',
      'CLAIM',
      'STORAGECLASS',
      'VOLUMEATTRIBUTESCLASS',
      'REASON',
      'AGE',
    ],
    wide: ['VOLUMEMODE'],
    row: (o, now) => {
      const c = o.spec?.claimRef;
      return [
        o.metadata.name!,
        o.spec?.capacity?.storage ?? '',
        accessModes(o.spec?.accessModes),
        o.spec?.persistentVolumeReclaimPolicy ?? '',
        o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? ''),
        c ? `${c.namespace}/${c.name}` : '',
        o.spec?.storageClassName ?? '',
        o.spec?.volumeAttributesClassName || '<unset>',
        o.status?.reason ?? '',
        age(o, now),
      ];
    },
    wideRow: (o) => [o.spec?.volumeMode ?? '<unset>'],
  },
  persistentvolumeclaims: {
    headers: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
    wide: ['VOLUMEMODE'],
    row: (o, now) => {
      const bound = !!o.spec?.volumeName;
      return [
        o.metadata.name!,
        o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? ''),
        o.spec?.volumeName ?? '',
        bound ? (o.status?.capacity?.storage ?? '') : '',
        bound ? accessModes(o.status?.accessModes) : '',
        o.spec?.storageClassName ?? '',
        o.status?.currentVolumeAttributesClassName || o.spec?.volumeAttributesClassName || '<unset>',
        age(o, now),
      ];
    },
    wideRow: (o) => [o.spec?.volumeMode ?? '<unset>'],
  },
  events: {
    headers: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
    wide: ['SUBOBJECT', 'SOURCE', 'FIRST SEEN', 'COUNT', 'NAME'],
    // SUBOBJECT and SOURCE come before MESSAGE, FIRST SEEN, COUNT and NAME after it
    order: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'],
    row: (o, now) => {
      const c = eventCells(o, now);
      return [c.last, o.type ?? '', o.reason ?? '', c.target, c.message];
    },
    wideRow: (o, now) => {
      const c = eventCells(o, now);
      return [o.involvedObject?.fieldPath ?? '', eventSource(o), c.first, c.count, o.metadata.name!];
    },
  },
  leases: {
    headers: ['NAME', 'HOLDER', 'AGE'],
    wide: [],
    row: (o, now) => [o.metadata.name!, o.spec?.holderIdentity ?? '', age(o, now)],
  },
  // printPriorityClass writes the PREEMPTIONPOLICY cell only when wide, which the API server's tables always are
  priorityclasses: {
    headers: ['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY'],
    wide: [],
    row: (o, now) => [
      o.metadata.name!,
      String(o.value ?? 0),
      String(o.globalDefault ?? false),
      age(o, now),
      o.preemptionPolicy ?? '',
    ],
  },
  horizontalpodautoscalers: {
    headers: ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
    wide: [],
    row: (o, now) => [
      o.metadata.name!,
      `${o.spec?.scaleTargetRef?.kind ?? ''}/${o.spec?.scaleTargetRef?.name ?? ''}`,
      formatHPAMetrics(o.spec?.metrics, o.status?.currentMetrics),
      o.spec?.minReplicas === undefined || o.spec?.minReplicas === null ? '<unset>' : String(o.spec.minReplicas),
      int(o.spec?.maxReplicas),
      int(o.status?.currentReplicas),
      age(o, now),
    ],
  },
  configmaps: {
    headers: ['NAME', 'DATA', 'AGE'],
    wide: [],
    row: (o, now) => [
      o.metadata.name!,
      String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length),
      age(o, now),
    ],
  },
  secrets: {
    headers: ['NAME', 'TYPE', 'DATA', 'AGE'],
    wide: [],
    row: (o, now) => [o.metadata.name!, o.type ?? '', String(Object.keys(o.data ?? {}).length), age(o, now)],
  },
  serviceaccounts: {
    headers: ['NAME', 'SECRETS', 'AGE'],
    wide: [],
    row: (o, now) => [o.metadata.name!, String((o.secrets ?? []).length), age(o, now)],
  },
  storageclasses: {
    headers: ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
    wide: [],
    row: (o, now) => {
      const def =
        o.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ||
        o.metadata.annotations?.['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
      return [
        def ? `${o.metadata.name} (default)` : o.metadata.name!,
        o.provisioner ?? '',
        o.reclaimPolicy ?? 'Delete',
        o.volumeBindingMode ?? 'Immediate',
        String(o.allowVolumeExpansion ?? false),
        age(o, now),
      ];
    },
  },
  jobs: {
    headers: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now) => {
      const p = o.spec?.parallelism ?? 0;
      const completions =
        o.spec?.completions !== undefined && o.spec?.completions !== null
          ? `${o.status?.succeeded ?? 0}/${o.spec.completions}`
          : p > 1
            ? `${o.status?.succeeded ?? 0}/1 of ${p}`
            : `${o.status?.succeeded ?? 0}/1`;
      const start = o.status?.startTime ? Date.parse(o.status.startTime) : undefined;
      const end = o.status?.completionTime ? Date.parse(o.status.completionTime) : now;
      return [
        o.metadata.name!,
        jobStatus(o),
        completions,
        start === undefined ? '' : since(formatTime(start), end),
        age(o, now),
      ];
    },
    wideRow: (o) => [...containersAndImages(o.spec), formatLabelSelector(o.spec?.selector)],
  },
  cronjobs: {
    headers: ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now) => [
      o.metadata.name!,
      o.spec?.schedule ?? '',
      o.spec?.timeZone ?? '<none>',
      o.spec?.suspend === undefined || o.spec?.suspend === null ? '<unset>' : o.spec.suspend ? 'True' : 'False',
      String((o.status?.active ?? []).length),
      o.status?.lastScheduleTime ? since(o.status.lastScheduleTime, now) : '<none>',
      age(o, now),
    ],
    wideRow: (o) => [
      ...containersAndImages(o.spec?.jobTemplate?.spec),
      formatLabelSelector(o.spec?.jobTemplate?.spec?.selector),
    ],
  },
  controllerrevisions: {
    headers: ['NAME', 'CONTROLLER', 'REVISION', 'AGE'],
    wide: [],
    row: (o, now) => {
      const ref = (o.metadata.ownerReferences ?? []).find((r: any) => r.controller);
      const group = ref?.apiVersion?.includes('/') ? ref.apiVersion.split('/')[0] : '';
      return [
        o.metadata.name!,
        ref ? `${ref.kind.toLowerCase()}${group ? '.' + group : ''}/${ref.name}` : '<none>',
        String(o.revision ?? 0),
        age(o, now),
      ];
    },
  },
  ...POLICY_COLUMNS,
};

/** Any other resource: NAME and AGE. */
export const GENERIC: Columns = {
  headers: ['NAME', 'AGE'],
  wide: [],
  row: (o, now) => [o.metadata.name!, age(o, now)],
};
