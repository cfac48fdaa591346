// describe.go describeQuota and describeLimitRange: a quota's scopes with their help texts and its Used/Hard
// table, a LimitRange's items one resource a line. Neither prints events.

import type { KObject } from '../../api/meta';

const SCOPE_HELP: Record<string, string> = {
  Terminating:
    'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating:
    'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort:
    'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort:
    'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

export function describeQuota(q: KObject, w: string[]): void {
  w.push(`Name:\t${q.metadata.name}\n`, `Namespace:\t${q.metadata.namespace}\n`);
  const scopes: string[] = [...(q.spec?.scopes ?? [])].sort();
  if (scopes.length) {
    w.push(`Scopes:\t${scopes.join(', ')}\n`);
    for (const s of scopes) if (SCOPE_HELP[s]) w.push(` * ${SCOPE_HELP[s]}\n`);
  }
  w.push('Resource\tUsed\tHard\n', '--------\t----\t----\n');
  const hard: Record<string, string> = q.status?.hard ?? {};
  for (const k of Object.keys(hard).sort()) w.push(`${k}\t${q.status?.used?.[k] ?? '0'}\t${hard[k]}\n`);
}

/** describeLimitRangeSpec: per item, the resources of max, min, default, defaultRequest and ratio, sorted. */
export function limitRangeRows(lr: KObject, prefix: string): string[] {
  const rows: string[] = [];
  for (const item of lr.spec?.limits ?? []) {
    const keys = [
      ...new Set(
        ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'].flatMap((f) => Object.keys(item[f] ?? {})),
      ),
    ].sort();
    for (const k of keys) {
      rows.push(
        `${prefix}${item.type}\t${k}\t${item.min?.[k] ?? '-'}\t${item.max?.[k] ?? '-'}\t${item.defaultRequest?.[k] ?? '-'}\t${item.default?.[k] ?? '-'}\t${item.maxLimitRequestRatio?.[k] ?? '-'}\n`,
      );
    }
  }
  return rows;
}

export function describeLimitRange(lr: KObject, w: string[]): void {
  w.push(`Name:\t${lr.metadata.name}\n`, `Namespace:\t${lr.metadata.namespace}\n`);
  w.push(
    'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n',
    '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n',
    ...limitRangeRows(lr, ''),
  );
}
