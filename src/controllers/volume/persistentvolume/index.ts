// pkg/controller/volume/persistentvolume/index.go: volumes indexed by their access-mode set. A claim is matched
// against every set that holds all its modes, fewest modes first, so it gets what is closest to what it asked
// for (an RWO claim prefers an RWO volume to an RWO+ROX one of the same size).

import type { KObject } from '../../../api/meta';
import {
  accessModesFromKey,
  accessModesKey,
  containsAllAccessModes,
  findMatchingVolume,
} from '../../../api/storage/volume';

export class PersistentVolumeOrderedIndex {
  private byModes = new Map<string, Map<string, KObject>>();
  private modesOf = new Map<string, string>();

  /** Keeps the index in step with the volume informer. */
  store(pv: KObject): void {
    this.remove(pv.metadata.name!);
    const key = accessModesKey(pv.spec?.accessModes);
    let m = this.byModes.get(key);
    if (!m) this.byModes.set(key, (m = new Map()));
    m.set(pv.metadata.name!, pv);
    this.modesOf.set(pv.metadata.name!, key);
  }

  remove(name: string): void {
    const key = this.modesOf.get(name);
    if (key === undefined) return;
    const m = this.byModes.get(key)!;
    m.delete(name);
    if (!m.size) this.byModes.delete(key);
    this.modesOf.delete(name);
  }

  get(name: string): KObject | undefined {
    const key = this.modesOf.get(name);
    return key === undefined ? undefined : this.byModes.get(key)?.get(name);
  }

  /** allPossibleMatchingAccessModes: the indexed sets holding every requested mode, fewest modes first. */
  allPossibleMatchingAccessModes(requested: string[] | undefined): string[][] {
    return [...this.byModes.keys()]
      .map(accessModesFromKey)
      .filter((modes) => containsAllAccessModes(modes, requested))
      .sort((a, b) => a.length - b.length || accessModesKey(a).localeCompare(accessModesKey(b)));
  }

  /** findBestMatchForClaim / findByClaim. Within a set, volumes are taken in name order (Kubernetes: cache order). */
  findBestMatchForClaim(claim: KObject, delayBinding: boolean): KObject | undefined {
    for (const modes of this.allPossibleMatchingAccessModes(claim.spec?.accessModes)) {
      const volumes = [...(this.byModes.get(accessModesKey(modes))?.values() ?? [])].sort((a, b) =>
        a.metadata.name! < b.metadata.name! ? -1 : 1,
      );
      const best = findMatchingVolume(claim, volumes, delayBinding);
      if (best) return best;
    }
    return undefined;
  }
}
