// NodeUnschedulable (framework/plugins/nodeunschedulable/node_unschedulable.go): a cordoned node takes only
// pods tolerating node.kubernetes.io/unschedulable:NoSchedule.
import type { Toleration } from 'kubernetes-types/core/v1';
import type { ClusterEvent, FilterPlugin } from '../../framework';
import { unresolvable } from '../../types';
import { toleratesTaint } from '../../../api/scheduling/taints';

export const NAME = 'NodeUnschedulable';
/** EventsToRegister: the cluster events that may make a pod this plugin rejected schedulable. */
export const EVENTS: ClusterEvent[] = ['NodeAdd', 'NodeTaint'];

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
const TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export const nodeUnschedulablePlugin: FilterPlugin = {
  name: NAME,
  filter(state, node) {
    if (!node.unschedulable) return undefined;
    const tolerated = (state.pod.spec?.tolerations ?? []).some((t: Toleration) => toleratesTaint(t, TAINT));
    return tolerated ? undefined : unresolvable(ERR_REASON_UNSCHEDULABLE);
  },
};
