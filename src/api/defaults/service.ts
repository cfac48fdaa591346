// SetDefaults_Service (pkg/apis/core/v1/defaults.go). ipFamilies and ipFamilyPolicy are set by the allocator
// at admission (pkg/registry/core/service/storage), not here.

export function defaultService(svc: any): void {
  const spec = svc.spec ?? (svc.spec = {});
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? null) === null) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const p of spec.ports ?? []) {
    if (!p) continue;
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '')
      p.targetPort = p.port;
  }
  const external = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  if (external && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (!spec.internalTrafficPolicy && (external || spec.type === 'ClusterIP')) spec.internalTrafficPolicy = 'Cluster';
  if (
    spec.type === 'LoadBalancer' &&
    (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null)
  ) {
    spec.allocateLoadBalancerNodePorts = true;
  }
}
