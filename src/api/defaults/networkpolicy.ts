// SetDefaults_NetworkPolicy (pkg/apis/networking/v1/defaults.go): ports default to TCP; a policy without
// policyTypes gets Ingress, and Egress too when it has egress rules.

export function defaultNetworkPolicy(np: any): void {
  const spec = np.spec ?? (np.spec = {});
  for (const dir of ['ingress', 'egress']) {
    for (const rule of spec[dir] ?? []) for (const p of rule?.ports ?? []) if (p && !p.protocol) p.protocol = 'TCP';
  }
  if (!spec.policyTypes?.length) spec.policyTypes = spec.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
}
