// kubectl describe poddisruptionbudget (staging/src/k8s.io/kubectl/pkg/describe/describe.go
// describePodDisruptionBudgetV1): the budget, its selector and status counts, then the events through the
// same tabwriter.

import type { KObject } from '../../api/meta';
import { formatLabelSelector, intOrStringOr } from '../../api/format';

const L2 = '    ';

export function describePodDisruptionBudget(pdb: KObject, w: string[]): void {
  const spec = pdb.spec ?? {},
    s = pdb.status ?? {};
  w.push(`Name:\t${pdb.metadata.name}\n`, `Namespace:\t${pdb.metadata.namespace}\n`);
  if (spec.minAvailable !== undefined && spec.minAvailable !== null)
    w.push(`Min available:\t${intOrStringOr(spec.minAvailable, '')}\n`);
  else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null)
    w.push(`Max unavailable:\t${intOrStringOr(spec.maxUnavailable, '')}\n`);
  w.push(spec.selector ? `Selector:\t${formatLabelSelector(spec.selector)}\n` : 'Selector:\t<unset>\n');
  w.push(
    'Status:\n',
    `${L2}Allowed disruptions:\t${s.disruptionsAllowed ?? 0}\n`,
    `${L2}Current:\t${s.currentHealthy ?? 0}\n`,
    `${L2}Desired:\t${s.desiredHealthy ?? 0}\n`,
    `${L2}Total:\t${s.expectedPods ?? 0}\n`,
  );
}
