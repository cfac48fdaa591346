// The kubelet's volume manager (pkg/kubelet/volumemanager): mounts a scheduled pod's volumes on its node,
// reporting `FailedMount` with the operation executor's message and retrying with exponential back-off
// (500 ms doubling to 2m2s, nestedpendingoperations); refreshes configMap, secret, downwardAPI and projected
// volumes at the pod's next periodic sync (60 s) after the objects change, except subPath mounts, which keep
// what they had at start; removes a pod's emptyDirs when the pod goes. Objects are found through a
// `<kind>/<ns>/<name>` -> pods index kept from the pod watch, so a change touches only the pods that use it.
// The CSI volumes of the pods it is mounting or has mounted are the node's status.volumesInUse (GetVolumesInUse,
// sorted): reported as soon as they change, while the node's kubelet runs, and dropped when the pod goes (its
// volumes unmounted); a CSI volume mounts once the node's status.volumesAttached lists it.

import { Controller, type ControllerContext } from '../../client/controller';
import { type KObject, clone, deepEqual, objKey, splitKey } from '../../api/meta';
import { type Disks, nodeHost } from '../../world/disks';
import { layerHost } from './files';
import {
  type MountSource,
  NotAttachedError,
  SetUpError,
  checkHostPathType,
  emptyDirPath,
  volumeSource,
} from './sources';
import { isAttachable, uniqueVolumeName } from '../../api/storage/util';

export const SYNC_PERIOD_MS = 60_000;
const BACKOFF_INITIAL_MS = 500,
  BACKOFF_MAX_MS = 122_000,
  ATTACH_TIMEOUT_MS = 120_000;

export interface PodMounts {
  uid: string;
  node: string;
  /** the volumes as the containers see them now */
  sources: Map<string, MountSource>;
  /** as they were when the containers started: what subPath mounts keep showing */
  initial: Map<string, MountSource>;
  error?: { volume: string; message: string; unattached?: boolean };
  /** when mounting first failed: an unattached volume is reported after waiting 2 minutes */
  firstFailure?: number;
  backoffMs: number;
  refreshQueued?: boolean;
  /** the unique names of its CSI volumes, reported in use on its node */
  inUse: string[];
}

export type MountResult = { ok: true; mounts: PodMounts } | { ok: false; volume: string; message: string };

/** The objects a pod's volumes read (`configmaps/<ns>/<name>`, `secrets/...`, `persistentvolumeclaims/...`). */
export function podVolumeObjects(pod: KObject): string[] {
  const ns = pod.metadata.namespace ?? 'default';
  const out = new Set<string>();
  const add = (kind: string, name: string | undefined) => {
    if (name) out.add(`${kind}/${ns}/${name}`);
  };
  for (const v of pod.spec?.volumes ?? []) {
    add('configmaps', v?.configMap?.name);
    add('secrets', v?.secret?.secretName);
    add('persistentvolumeclaims', v?.persistentVolumeClaim?.claimName);
    for (const s of v?.projected?.sources ?? []) {
      add('configmaps', s?.configMap?.name);
      add('secrets', s?.secret?.name);
    }
  }
  return [...out];
}

export class VolumeManager extends Controller {
  readonly name = 'kubelet-volume-manager';
  private mounted = new Map<string, PodMounts>();
  private podsByObject = new Map<string, Set<string>>();
  /** told when a pod's volumes mount after failing, so its kubelet starts it */
  private readonly onMounted?: (podKey: string) => void;
  /** whether the node's kubelet runs (a stopped one reports nothing) */
  private readonly running: (node: string) => boolean;
  /** node -> unique volume name -> how many of its pods use it */
  private inUse = new Map<string, Map<string, number>>();
  /** node -> pods waiting for a volume to be attached */
  private awaitingAttach = new Map<string, Set<string>>();

  constructor(
    ctx: ControllerContext,
    readonly disks: Disks,
    kubelet: { onMounted?(podKey: string): void; running?(node: string): boolean } = {},
  ) {
    super(ctx);
    this.onMounted = kubelet.onMounted;
    this.running = kubelet.running ?? (() => true);
    this.watch('pods', (ev) => {
      const key = objKey(ev.object);
      if (ev.type === 'DELETED') {
        for (const o of podVolumeObjects(ev.object)) this.podsByObject.get(o)?.delete(key);
        this.tearDown(key);
        return;
      }
      // the objects the volumes read change only with the volumes (a status write shares them)
      if (
        ev.old?.spec?.volumes !== ev.object.spec?.volumes ||
        ev.old?.metadata.namespace !== ev.object.metadata.namespace
      ) {
        for (const o of ev.old ? podVolumeObjects(ev.old) : []) this.podsByObject.get(o)?.delete(key);
        for (const o of podVolumeObjects(ev.object)) {
          let s = this.podsByObject.get(o);
          if (!s) this.podsByObject.set(o, (s = new Set()));
          s.add(key);
        }
      }
      if (ev.object.spec?.nodeName && !this.mounted.has(key)) this.enqueue(key);
    });
    // a volume listed in the node's volumesAttached lets the pods waiting for it mount it
    this.watch('nodes', (ev) => {
      if (ev.type === 'DELETED' || deepEqual(ev.old?.status?.volumesAttached, ev.object.status?.volumesAttached))
        return;
      for (const podKey of this.awaitingAttach.get(ev.object.metadata.name!) ?? []) this.enqueue(podKey);
    });
    for (const kind of ['configmaps', 'secrets', 'persistentvolumeclaims']) {
      this.watch(kind, (ev) => {
        for (const podKey of this.podsByObject.get(`${kind}/${objKey(ev.object)}`) ?? []) this.onObjectChange(podKey);
      });
    }
  }

  private onObjectChange(podKey: string): void {
    const m = this.mounted.get(podKey);
    if (!m || m.error) {
      this.enqueue(podKey);
      return;
    } // a failed mount may now succeed
    if (m.refreshQueued) return;
    m.refreshQueued = true;
    this.enqueueAfter(`refresh:${podKey}`, SYNC_PERIOD_MS);
  }

  sync(item: string): void {
    const refresh = item.startsWith('refresh:');
    const key = refresh ? item.slice('refresh:'.length) : item;
    const [ns, name] = splitKey(key);
    const pod = this.api.tryGet('pods', ns, name);
    if (!pod || !pod.spec?.nodeName || (pod.metadata.deletionTimestamp && !this.mounted.has(key))) return;
    // the volume manager is part of the kubelet: a stopped one sets up nothing until it starts again (start)
    if (!this.mounted.has(key) && !this.running(pod.spec.nodeName)) return;
    const failedBefore = !!this.mounted.get(key)?.error;
    const r = this.mount(pod, refresh);
    if (r.ok && failedBefore) this.onMounted?.(key);
    if (!r.ok) {
      const m = this.mounted.get(key)!;
      if (!m.error?.unattached) {
        this.ctx.recorder.event(
          pod,
          'Warning',
          'FailedMount',
          `MountVolume.SetUp failed for volume ${JSON.stringify(r.volume)} : ${r.message}`,
          'kubelet',
          pod.spec.nodeName,
        );
      } else if (this.now() - m.firstFailure! >= ATTACH_TIMEOUT_MS) {
        // WaitForAttachAndMount's timeout (podAttachAndMountTimeout)
        this.ctx.recorder.event(
          pod,
          'Warning',
          'FailedMount',
          `Unable to attach or mount volumes: unmounted volumes=[${r.volume}], unattached volumes=[${r.volume}], failed to process volumes=[]: timed out waiting for the condition`,
          'kubelet',
          pod.spec.nodeName,
        );
      }
      m.backoffMs = m.backoffMs ? Math.min(m.backoffMs * 2, BACKOFF_MAX_MS) : BACKOFF_INITIAL_MS;
      const timeoutIn = m.firstFailure! + ATTACH_TIMEOUT_MS - this.now();
      this.enqueueAfter(key, m.error?.unattached && timeoutIn > 0 ? Math.min(m.backoffMs, timeoutIn) : m.backoffMs);
    }
  }

  /**
   * WaitForAttachAndMount: sets up every volume of a scheduled pod (once; a refresh re-reads the objects).
   * The kubelet starts no container until this succeeds.
   */
  mount(pod: KObject, refresh = false): MountResult {
    const key = objKey(pod);
    let m = this.mounted.get(key);
    if (m && m.uid !== pod.metadata.uid) {
      this.tearDown(key);
      m = undefined;
    }
    if (!m)
      this.mounted.set(
        key,
        (m = {
          uid: pod.metadata.uid!,
          node: pod.spec.nodeName,
          sources: new Map(),
          initial: new Map(),
          backoffMs: 0,
          inUse: [],
        }),
      );
    if (m.sources.size && !m.error && !refresh) return { ok: true, mounts: m };
    this.setInUse(m, this.csiVolumes(pod));
    const sources = new Map<string, MountSource>();
    for (const v of pod.spec?.volumes ?? []) {
      try {
        const src = volumeSource(this.api, pod, v);
        if (src.type === 'disk' && src.hostPathType !== undefined)
          checkHostPathType(this.disks, src.host, src.path, src.hostPathType);
        else if (src.type === 'disk') this.disks.mkdir(src.host, src.path);
        sources.set(v.name, src);
      } catch (e) {
        if (!(e instanceof SetUpError)) throw e;
        m.error = { volume: v.name, message: e.message, unattached: e instanceof NotAttachedError };
        m.firstFailure ??= this.now();
        this.awaitAttach(m.node, key, m.error.unattached!);
        return { ok: false, ...m.error };
      }
    }
    m.error = undefined;
    m.firstFailure = undefined;
    this.awaitAttach(m.node, key, false);
    m.refreshQueued = false;
    m.sources = sources;
    if (!m.initial.size) m.initial = sources;
    return { ok: true, mounts: m };
  }

  /** The mounts of a pod, setting them up if the kubelet has not yet; undefined while they fail. */
  mountsOf(pod: KObject): PodMounts | undefined {
    const r = this.mount(pod);
    return r.ok ? r.mounts : undefined;
  }

  /** The volume's last SetUp error, if any. */
  errorOf(pod: KObject): { volume: string; message: string } | undefined {
    return this.mounted.get(objKey(pod))?.error;
  }

  private tearDown(key: string): void {
    const m = this.mounted.get(key);
    if (!m) return;
    this.mounted.delete(key);
    this.awaitAttach(m.node, key, false);
    this.setInUse(m, []);
    for (const [name, src] of m.sources) {
      if (src.type === 'disk' && src.plugin === 'kubernetes.io/empty-dir')
        this.disks.remove(nodeHost(m.node), emptyDirPath(m.uid, name));
    }
    this.disks.dropHosts(layerHost(m.uid, ''));
  }

  private awaitAttach(node: string, podKey: string, waiting: boolean): void {
    let s = this.awaitingAttach.get(node);
    if (waiting) {
      if (!s) this.awaitingAttach.set(node, (s = new Set()));
      s.add(podKey);
    } else s?.delete(podKey);
  }

  /** The unique names of the pod's bound CSI volumes (attachable and device-mountable, so reported in use). */
  private csiVolumes(pod: KObject): string[] {
    const out: string[] = [];
    for (const v of pod.spec?.volumes ?? []) {
      const claim = v?.persistentVolumeClaim?.claimName;
      const pvName = claim
        ? this.api.tryGet('persistentvolumeclaims', pod.metadata.namespace, claim)?.spec?.volumeName
        : undefined;
      const pv = pvName ? this.api.tryGet('persistentvolumes', undefined, pvName) : undefined;
      if (pv && isAttachable(pv)) out.push(uniqueVolumeName(pv));
    }
    return out;
  }

  private setInUse(m: PodMounts, names: string[]): void {
    if (deepEqual(m.inUse, names)) return;
    let counts = this.inUse.get(m.node);
    if (!counts) this.inUse.set(m.node, (counts = new Map()));
    for (const n of m.inUse) {
      const c = (counts.get(n) ?? 1) - 1;
      if (c) counts.set(n, c);
      else counts.delete(n);
    }
    for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
    m.inUse = names;
    this.reportInUse(m.node);
  }

  /** The node's kubelet starts again: the pods bound to it meanwhile get their volumes, and volumesInUse is reported. */
  start(nodeName: string): void {
    for (const p of this.api.select('pods', { nodeName })) if (!this.mounted.has(objKey(p))) this.enqueueObject(p);
    this.reportInUse(nodeName);
  }

  /** The node status setter VolumesInUse, written as soon as the set changes (or the kubelet starts again). */
  reportInUse(nodeName: string): void {
    if (!this.running(nodeName)) return;
    const node = this.api.tryGet('nodes', undefined, nodeName);
    if (!node) return;
    const names = [...(this.inUse.get(nodeName)?.keys() ?? [])].sort();
    if (deepEqual(node.status?.volumesInUse ?? [], names)) return;
    const next = clone(node);
    if (names.length) next.status.volumesInUse = names;
    else delete next.status.volumesInUse;
    this.api.updateStatus(next);
  }
}
