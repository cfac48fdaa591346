// RoleBinding and ClusterRoleBinding validation (pkg/apis/rbac/validation/validation.go): the roleRef names a Role or
// ClusterRole of rbac.authorization.k8s.io and can never change; each subject is a ServiceAccount, User or Group.
import { type FieldError, GoLiteral, field } from '../errors';
import { isDNS1123Subdomain, isPathSegmentName } from './meta';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export function validateRoleBinding(b: any, old: any, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = b.roleRef ?? {};
  if (ref.apiGroup !== RBAC_GROUP) errs.push(field.notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) errs.push(field.notSupported('roleRef.kind', ref.kind ?? '', kinds));
  if (!ref.name) errs.push(field.required('roleRef.name', ''));
  else for (const m of isPathSegmentName(ref.name)) errs.push(field.invalid('roleRef.name', ref.name, m));
  (b.subjects ?? []).forEach((s: any, i: number) =>
    errs.push(...validateSubject(s ?? {}, namespaced, `subjects[${i}]`)),
  );
  // ValidateRoleBindingUpdate: the binding's meaning is its roleRef; a new role takes a new binding
  const was = old?.roleRef;
  if (was && (was.apiGroup !== ref.apiGroup || was.kind !== ref.kind || was.name !== ref.name)) {
    const shown = new GoLiteral(
      `rbac.RoleRef{APIGroup:${JSON.stringify(ref.apiGroup ?? '')}, Kind:${JSON.stringify(ref.kind ?? '')}, Name:${JSON.stringify(ref.name ?? '')}}`,
    );
    errs.push(field.invalid('roleRef', shown, 'cannot change roleRef'));
  }
  return errs;
}

/** ValidateRoleBindingSubject */
function validateSubject(s: any, namespaced: boolean, f: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.name) errs.push(field.required(`${f}.name`, ''));
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.name) for (const m of isDNS1123Subdomain(s.name)) errs.push(field.invalid(`${f}.name`, s.name, m));
      if (s.apiGroup) errs.push(field.notSupported(`${f}.apiGroup`, s.apiGroup, ['']));
      if (!namespaced && !s.namespace) errs.push(field.required(`${f}.namespace`, ''));
      break;
    case 'User':
    case 'Group':
      if (s.apiGroup !== RBAC_GROUP) errs.push(field.notSupported(`${f}.apiGroup`, s.apiGroup ?? '', [RBAC_GROUP]));
      break;
    default:
      errs.push(field.notSupported(`${f}.kind`, s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}
