// validateAffinity's node affinity (pkg/apis/core/validation/validation.go, v1.30): each NodeSelectorTerm's
// matchExpressions (operator and value count, a qualified-name key; v1.30 does not check the values as label values)
// and matchFields (In or NotIn with exactly one value, the key metadata.name, a node name as value), the preferred
// terms' weights.
import { type FieldError, field } from '../errors';
import { isDNS1123Subdomain, qualifiedName } from './meta';

export function validateNodeAffinity(affinity: any, f: string): FieldError[] {
  const na = affinity?.nodeAffinity;
  if (!na) return [];
  const errs: FieldError[] = [];
  const p = `${f}.nodeAffinity`;
  const required = na.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) {
    const terms = `${p}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
    if (!required.nodeSelectorTerms?.length)
      errs.push(field.required(terms, 'must have at least one node selector term'));
    else
      required.nodeSelectorTerms.forEach((t: any, i: number) =>
        errs.push(...validateNodeSelectorTerm(t, `${terms}[${i}]`)),
      );
  }
  (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: any, i: number) => {
    const q = `${p}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    const w = t?.weight ?? 0;
    if (w <= 0 || w > 100) errs.push(field.invalid(`${q}.weight`, w, 'must be in the range 1-100'));
    errs.push(...validateNodeSelectorTerm(t?.preference ?? {}, `${q}.preference`));
  });
  return errs;
}

function validateNodeSelectorTerm(term: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  (term?.matchExpressions ?? []).forEach((r: any, j: number) =>
    errs.push(...validateNodeSelectorRequirement(r, `${f}.matchExpressions[${j}]`)),
  );
  (term?.matchFields ?? []).forEach((r: any, j: number) =>
    errs.push(...validateNodeFieldSelectorRequirement(r, `${f}.matchFields[${j}]`)),
  );
  return errs;
}

/** ValidateNodeSelectorRequirement */
function validateNodeSelectorRequirement(r: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  const n = (r?.values ?? []).length;
  switch (r?.operator) {
    case 'In':
    case 'NotIn':
      if (!n) errs.push(field.required(`${f}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (n)
        errs.push(field.forbidden(`${f}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (n !== 1)
        errs.push(field.required(`${f}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(field.invalid(`${f}.operator`, r?.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...qualifiedName(`${f}.key`, r?.key ?? ''));
  return errs;
}

/** ValidateNodeFieldSelectorRequirement: only metadata.name, compared with one value. */
function validateNodeFieldSelectorRequirement(r: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  const values: string[] = r?.values ?? [];
  if (r?.operator === 'In' || r?.operator === 'NotIn') {
    if (values.length !== 1)
      errs.push(
        field.required(
          `${f}.values`,
          "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
        ),
      );
  } else errs.push(field.invalid(`${f}.operator`, r?.operator ?? '', 'not a valid selector operator'));
  if (r?.key !== 'metadata.name') errs.push(field.invalid(`${f}.key`, r?.key ?? '', 'not a valid field selector key'));
  else
    values.forEach((v, i) => {
      for (const m of isDNS1123Subdomain(v)) errs.push(field.invalid(`${f}.values[${i}]`, v, m));
    });
  return errs;
}
