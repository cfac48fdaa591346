// kubectl create poddisruptionbudget|pdb (staging/src/k8s.io/kubectl/pkg/cmd/create/create_pdb.go): a
// policy/v1 budget from --selector and one of --min-available / --max-unavailable (a number or a percentage).

import type { Command } from '../../context';
import { CmdError } from '../../errors';
import { parseLabelSelector } from '../../../api/selectors';
import { COMMON, createObject, oneName, generatedMeta } from './create';

const INT_OR_PERCENT = /^[0-9]+%?$/;

/** metav1.ParseToLabelSelector: equality goes to matchLabels, the rest to matchExpressions; `!=`, `<`, `>` have no LabelSelector form. */
export function parseToLabelSelector(text: string): any {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: any[] = [];
  const ops: Record<string, string> = { In: 'In', NotIn: 'NotIn', Exists: 'Exists', DoesNotExist: 'DoesNotExist' };
  let reqs;
  try {
    reqs = parseLabelSelector(text);
  } catch (e) {
    throw new CmdError(`couldn't parse the selector string "${text}": ${(e as Error).message}`);
  }
  for (const r of reqs) {
    if (r.op === 'Equals') {
      matchLabels[r.key] = r.values[0];
      continue;
    }
    if (r.op === 'Gt' || r.op === 'Lt')
      throw new CmdError(`"${r.op.toLowerCase()}" isn't supported in label selectors`);
    if (!ops[r.op]) throw new CmdError(`"!=" is not a valid label selector operator`);
    matchExpressions.push({ key: r.key, operator: ops[r.op], ...(r.values.length ? { values: [...r.values] } : {}) });
  }
  return { matchLabels, ...(matchExpressions.length ? { matchExpressions } : {}) };
}

/** intstr.Parse: digits are an int, anything else a string. */
const intstrParse = (v: string) => (/^[0-9]+$/.test(v) ? Number(v) : v);

export const createPodDisruptionBudget: Command = {
  path: 'kubectl create poddisruptionbudget',
  flags: {
    ...COMMON,
    selector: { type: 'string' },
    'min-available': { type: 'string' },
    'max-unavailable': { type: 'string' },
  },
  run(ctx) {
    const name = oneName(ctx, 'kubectl create poddisruptionbudget');
    const min = ctx.flag<string>('min-available') ?? '',
      max = ctx.flag<string>('max-unavailable') ?? '';
    if (!ctx.flag<string>('selector')) throw new CmdError('a selector must be specified');
    if (!min && !max) throw new CmdError('one of min-available or max-unavailable must be specified');
    if (min && max) throw new CmdError('min-available and max-unavailable cannot be both specified');
    if (min && !INT_OR_PERCENT.test(min)) throw new CmdError('invalid format specified for min-available');
    if (max && !INT_OR_PERCENT.test(max)) throw new CmdError('invalid format specified for max-unavailable');
    const spec: any = { selector: parseToLabelSelector(ctx.flag<string>('selector') ?? '') };
    if (max) spec.maxUnavailable = intstrParse(max);
    if (min) spec.minAvailable = intstrParse(min);
    // create_pdb.go: the object as kubectl builds it, with the zero status its typed struct prints
    createObject(
      ctx,
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: generatedMeta(ctx, name),
        spec,
        status: { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 },
      },
      'failed to create poddisruptionbudgets: ',
    );
  },
};
