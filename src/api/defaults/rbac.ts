// RBAC defaulting (pkg/apis/rbac/v1/defaults.go).

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** SetDefaults_RoleBinding / ClusterRoleBinding and SetDefaults_Subject (pkg/apis/rbac/v1/defaults.go). */
export function defaultRoleBinding(b: any): void {
  if (b.roleRef && !b.roleRef.apiGroup) b.roleRef.apiGroup = RBAC_GROUP;
  for (const s of b.subjects ?? []) {
    if (s && !s.apiGroup && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = RBAC_GROUP;
  }
}
