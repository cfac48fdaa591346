// How the defaulting admission plugins pick among classes marked default (StorageClass: pkg/volume/util
// GetDefaultClass; IngressClass: defaultingressclass getDefaultClass): the newest, ties by name.

import type { KObject } from '../../api/meta';

export function newestDefault(classes: KObject[], isDefault: (c: KObject) => boolean): KObject | undefined {
  const defaults = classes.filter(isDefault);
  defaults.sort((a, b) => {
    const ta = a.metadata.creationTimestamp ?? '',
      tb = b.metadata.creationTimestamp ?? '';
    if (ta === tb) return a.metadata.name! < b.metadata.name! ? -1 : 1;
    return ta > tb ? -1 : 1;
  });
  return defaults[0];
}
