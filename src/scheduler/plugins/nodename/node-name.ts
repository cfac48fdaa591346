// NodeName (framework/plugins/nodename/node_name.go).
import type { ClusterEvent, FilterPlugin } from '../../framework';
import { unresolvable } from '../../types';

export const NAME = 'NodeName';
/** EventsToRegister: the cluster events that may make a pod this plugin rejected schedulable. */
export const EVENTS: ClusterEvent[] = ['NodeAdd'];

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export const nodeNamePlugin: FilterPlugin = {
  name: NAME,
  skip: (state) => !state.pod.spec?.nodeName,
  filter(state, node) {
    const want = state.pod.spec?.nodeName;
    return want && want !== node.name ? unresolvable(ERR_REASON_NODE_NAME) : undefined;
  },
};
