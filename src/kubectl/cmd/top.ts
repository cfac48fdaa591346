// kubectl top pod / top node (staging/src/k8s.io/kubectl/pkg/cmd/top): usage from the metrics.k8s.io API, which
// metrics-server serves. kspec has no metrics-server (containers use no CPU or memory), so discovery never lists
// the group and kubectl says what it says on a kubeadm cluster without one (top_pod.go, top_node.go).
import type { Command, Ctx } from '../context';
import { KubectlFailure } from '../errors';

function top(path: string, flags: Command['flags']): Command {
  return {
    path,
    flags,
    run(ctx: Ctx) {
      // SupportedMetricsAPIVersionAvailable: metrics.k8s.io in the server's groups
      if (!ctx.resources.all().some((r) => r.group === 'metrics.k8s.io'))
        throw new KubectlFailure('error: Metrics API not available');
      throw new KubectlFailure('error: kspec serves no metrics.k8s.io resources');
    },
  };
}

const COMMON = {
  selector: { type: 'string' as const, short: 'l' },
  'sort-by': { type: 'string' as const },
  'no-headers': { type: 'bool' as const },
  'show-capacity': { type: 'bool' as const },
};
export const topPod = top('kubectl top pod', {
  ...COMMON,
  'all-namespaces': { type: 'bool', short: 'A' },
  containers: { type: 'bool' },
  'field-selector': { type: 'string' },
  sum: { type: 'bool' },
});
export const topNode = top('kubectl top node', COMMON);
