// kubectl api-resources (staging/src/k8s.io/kubectl/pkg/cmd/apiresources/apiresources.go): sorted by group,
// then name; columns NAME SHORTNAMES APIVERSION NAMESPACED KIND.

import type { Command } from '../context';
import { apiVersionOf } from '../../api/kinds';
import { tabwrite } from '../printers/table';
import { DiscoveryFailure } from '../client/discovery';

export const apiResources: Command = {
  path: 'kubectl api-resources',
  flags: {
    namespaced: { type: 'bool', default: true },
    'api-group': { type: 'string' },
    output: { type: 'string', short: 'o' },
    'no-headers': { type: 'bool' },
    'sort-by': { type: 'string' },
    verbs: { type: 'strings' },
    cached: { type: 'bool' },
    categories: { type: 'strings' },
  },
  run(ctx) {
    let all;
    try {
      all = ctx.resources.all();
    } catch (e) {
      // discovery refused: apiresources.go still prints the table's header before the error
      if (e instanceof DiscoveryFailure && !ctx.flag('no-headers') && !ctx.flag('output'))
        ctx.out(tabwrite([['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']]));
      throw e;
    }
    let list = [...all].sort((a, b) =>
      a.group === b.group ? (a.resource < b.resource ? -1 : 1) : a.group < b.group ? -1 : 1,
    );
    if (ctx.has('namespaced')) list = list.filter((r) => r.namespaced === ctx.flag<boolean>('namespaced'));
    if (ctx.has('api-group')) list = list.filter((r) => r.group === ctx.flag('api-group'));
    if (ctx.flag('output') === 'name') {
      for (const r of list) ctx.out(r.group ? `${r.resource}.${r.group}\n` : `${r.resource}\n`);
      return;
    }
    const rows = ctx.flag('no-headers') ? [] : [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']];
    for (const r of list) rows.push([r.resource, r.short.join(','), apiVersionOf(r), String(r.namespaced), r.kind]);
    ctx.out(tabwrite(rows));
  },
};
