// apiextensions-apiserver pkg/controller/status/naming_controller.go: a CRD's requested names are accepted
// unless another CRD of its group has them (`"crontabs" is already in use`); NamesAccepted says which, and
// Established waits as Installing (or NotAccepted) until the establishing controller sets it.

import { Controller, type ControllerContext } from '../../client/controller';
import { type KObject, clone, deepEqual } from '../../api/meta';
import { type CRDCondition, condition, setCRDCondition } from '../../apiserver/apiextensions/crd-strategy';

export class NamingConditionController extends Controller {
  readonly name = 'crd-naming-condition-controller';

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('customresourcedefinitions', (ev) => {
      // a CRD that goes or changes may release names another CRD of its group waits for
      if (
        ev.type === 'DELETED' ||
        (ev.old && !deepEqual(ev.old.status?.acceptedNames, ev.object.status?.acceptedNames))
      ) {
        for (const o of this.api.select('customresourcedefinitions'))
          if (o.spec?.group === ev.object.spec?.group) this.enqueueObject(o);
      }
      if (ev.type !== 'DELETED') this.enqueueObject(ev.object);
    });
  }

  sync(key: string): void {
    const crd = this.api.tryGet('customresourcedefinitions', undefined, key);
    if (!crd) return;
    const { names, namesAccepted, established } = calculateNamesAndConditions(
      crd,
      this.api.select('customresourcedefinitions'),
    );
    const old = condition(crd, 'NamesAccepted');
    if (
      deepEqual(crd.status?.acceptedNames ?? {}, names) &&
      old &&
      old.status === namesAccepted.status &&
      old.reason === namesAccepted.reason &&
      old.message === namesAccepted.message
    )
      return;
    const o = clone(crd);
    o.status = { ...o.status, acceptedNames: names };
    setCRDCondition(o, namesAccepted, this.api.clock.iso());
    setCRDCondition(o, established, this.api.clock.iso());
    this.api.updateStatus(o);
  }
}

/** calculateNamesAndConditions: each requested name is taken if it is already ours or nobody else's. */
export function calculateNamesAndConditions(
  crd: KObject,
  all: KObject[],
): { names: any; namesAccepted: CRDCondition; established: CRDCondition } {
  const resources = new Set<string>(),
    kinds = new Set<string>();
  for (const o of all) {
    if (o.spec?.group !== crd.spec.group) continue;
    const a = o.status?.acceptedNames ?? {};
    for (const n of [a.plural, a.singular, ...(a.shortNames ?? [])]) if (n) resources.add(n);
    for (const n of [a.kind, a.listKind]) if (n) kinds.add(n);
  }
  const requested = crd.spec.names ?? {},
    accepted = crd.status?.acceptedNames ?? {};
  const names: any = { ...accepted };
  // every conflict is checked; the last one found is the one the condition reports
  let failure: CRDCondition | undefined;
  const inUse = (want: string | undefined, have: string | undefined, used: Set<string>) =>
    want !== have && want !== undefined && used.has(want);
  const check = (key: string, used: Set<string>, reason: string) => {
    if (inUse(requested[key], accepted[key], used))
      failure = { type: 'NamesAccepted', status: 'False', reason, message: `"${requested[key]}" is already in use` };
    else if (requested[key] !== undefined) names[key] = requested[key];
  };
  check('plural', resources, 'PluralConflict');
  check('singular', resources, 'SingularConflict');
  const shortNames: string[] = requested.shortNames ?? [];
  for (const s of shortNames) {
    if (!(accepted.shortNames ?? []).includes(s) && resources.has(s))
      failure = {
        type: 'NamesAccepted',
        status: 'False',
        reason: 'ShortNamesConflict',
        message: `"${s}" is already in use`,
      };
  }
  // short names and categories follow the spec, removals included (nil there, none accepted)
  if (failure?.reason !== 'ShortNamesConflict') {
    if (requested.shortNames) names.shortNames = shortNames;
    else delete names.shortNames;
  }
  check('kind', kinds, 'KindConflict');
  check('listKind', kinds, 'ListKindConflict');
  if (requested.categories) names.categories = requested.categories;
  else delete names.categories;
  const namesAccepted = failure ?? {
    type: 'NamesAccepted',
    status: 'True',
    reason: 'NoConflicts',
    message: 'no conflicts found',
  };
  // Established starts False and only the establishing controller makes it True
  const prev = condition(crd, 'Established');
  let established: CRDCondition = prev
    ? { type: 'Established', status: prev.status, reason: prev.reason, message: prev.message }
    : { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' };
  if (established.status !== 'True' && namesAccepted.status === 'True') {
    established = {
      type: 'Established',
      status: 'False',
      reason: 'Installing',
      message: 'the initial names have been accepted',
    };
  }
  return { names, namesAccepted, established };
}
