// Printing the object a mutating command acted on: `deployment.apps/web created`, or -o name|yaml|json.

import type { Ctx } from '../context';
import type { KObject } from '../../api/meta';
import { slashName } from '../resources';
import { toJson, toYaml } from '../printers/yaml';
import { templateChoice, printTemplate } from '../printers/template-printer';

export function printResult(ctx: Ctx, o: KObject, verb: string): void {
  const output = (ctx.parsed.flags.output as string | undefined) ?? '';
  const template = templateChoice(ctx);
  if (template) printTemplate(ctx, template, o);
  else if (output === 'name') ctx.out(slashName(ctx.resources, o) + '\n');
  else if (output === 'yaml') ctx.out(toYaml(o));
  else if (output === 'json') ctx.out(toJson(o));
  else ctx.out(`${slashName(ctx.resources, o)} ${verb}\n`);
}
