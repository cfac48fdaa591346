// pkg/registry/apps/daemonset/strategy.go: the template generation, served in apps/v1 as the annotation
// deprecated.daemonset.template.generation, starts at 1 and grows when the pod template changes.
import type { ApiServer } from '../apiserver';
import { deepEqual } from '../../api/meta';

export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

export function registerDaemonSetStrategy(api: ApiServer): void {
  api.strategies.register('daemonsets', {
    admit: (op, ds, old) => {
      const prev = Number(old?.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? 0);
      const next = op === 'CREATE' ? 1 : deepEqual(ds.spec?.template, old?.spec?.template) ? prev : prev + 1;
      ds.metadata.annotations = { ...(ds.metadata.annotations ?? {}), [TEMPLATE_GENERATION_ANNOTATION]: String(next) };
      if (op === 'CREATE') ds.status = {};
    },
  });
}
