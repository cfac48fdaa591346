// One condition of an object's status.conditions, on any target, for people: what was expected, what the
// condition is.
import type { KObject } from '../api/meta';
import type { Cluster } from '../cluster';
import type { ObjectKey } from '../target/target';
import { type Scene, describeObject, sceneOf } from './scene';

export interface ConditionWant {
  status: string;
  reason?: string;
  message?: string;
}

/** undefined when the condition of that type matches (the message contains the text), else why not. */
export function conditionMismatch(obj: KObject, type: string, want: ConditionWant): string | undefined {
  const conds: any[] = obj.status?.conditions ?? [];
  const c = conds.find((x) => x.type === type);
  const expected = `condition ${type} with status ${want.status}${want.reason ? `, reason ${want.reason}` : ''}${want.message ? `, message containing ${JSON.stringify(want.message)}` : ''}`;
  const found = conds.length
    ? `its conditions:\n${conds.map((x) => `  ${x.type}=${x.status}${x.reason ? ` ${x.reason}` : ''}${x.message ? `: ${x.message}` : ''}`).join('\n')}`
    : 'it has no conditions';
  if (!c) return `expected ${expected}; ${found}`;
  if (
    c.status !== want.status ||
    (want.reason !== undefined && c.reason !== want.reason) ||
    (want.message !== undefined && !String(c.message ?? '').includes(want.message))
  ) {
    return `expected ${expected}; ${found}`;
  }
  return undefined;
}

/** The object has the condition, once what is under way has settled. */
export async function expectCondition(
  on: Scene | Cluster,
  ref: ObjectKey,
  type: string,
  want: ConditionWant,
): Promise<void> {
  const { target } = sceneOf(on);
  let obj: KObject | undefined, problem: string | undefined;
  if (
    await target.settled(
      async () => !(problem = (obj = await target.get(ref)) ? conditionMismatch(obj, type, want) : 'missing'),
    )
  )
    return;
  if (!obj) throw new Error(`${describeObject(ref)} does not exist`);
  throw new Error(`${describeObject(ref)}: ${problem}`);
}
