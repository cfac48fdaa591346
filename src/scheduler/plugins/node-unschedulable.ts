// NodeUnschedulable (framework/plugins/nodeunschedulable/node_unschedulable.go): a cordoned node takes only
// pods tolerating node.kubernetes.io/unschedulable:NoSchedule.
import type { FilterPlugin } from '../framework';
import { unresolvable } from '../types';
import { toleratesTaint } from '../../api/scheduling/taints';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
const TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export const nodeUnschedulablePlugin: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(state, node) {
    if (!node.unschedulable) return undefined;
    const tolerated = (state.pod.spec?.tolerations ?? []).some((t: any) => toleratesTaint(t, TAINT));
    return tolerated ? undefined : unresolvable(ERR_REASON_UNSCHEDULABLE);
  },
};
