// kubectl's template printers as PrintFlags chooses them (k8s.io/cli-runtime/pkg/genericclioptions,
// GoTemplatePrintFlags and JSONPathPrintFlags): `-o go-template=T`, `-o go-template --template=T`, `--template=T`
// alone, the `-file` forms reading T from a file, `template`/`templatefile` as aliases; and the output or error a
// template gives on one object or a List.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Ctx } from '../context';
import { CmdError } from '../errors';
import { TemplateExecError, TemplateParseError, executeGoTemplate, formatGoValue, parseGoTemplate } from './gotemplate';
import { JsonPathError, jsonpath } from '../../util/jsonpath';

const GO = ['go-template', 'go-template-file', 'template', 'templatefile'];
const JSONPATH = ['jsonpath', 'jsonpath-file', 'jsonpath-as-json'];

/** The flags a command that prints objects takes for templates. */
export const TEMPLATE_FLAGS = {
  template: { type: 'string' as const },
  'allow-missing-template-keys': { type: 'bool' as const, default: true },
};

export interface TemplateChoice {
  engine: 'go' | 'jsonpath';
  text: string;
}

/** The template -o and --template ask for, if any (read from its file for the -file formats). */
export function templateChoice(ctx: Ctx): TemplateChoice | undefined {
  let output = (ctx.parsed.flags.output as string | undefined) ?? '';
  const flag = (ctx.parsed.flags.template as string | undefined) ?? '';
  if (!output && flag) output = 'go-template';
  const eq = output.indexOf('=');
  const format = eq < 0 ? output : output.slice(0, eq);
  const engine = GO.includes(format) ? 'go' : JSONPATH.includes(format) ? 'jsonpath' : undefined;
  if (!engine) return undefined;
  const value = eq < 0 ? flag : output.slice(eq + 1);
  if (!value) throw new CmdError('template format specified but no template given');
  if (!format.endsWith('file')) return { engine, text: value };
  try {
    return { engine, text: fs.readFileSync(path.resolve(ctx.opts.cwd ?? process.cwd(), value), 'utf8') };
  } catch (e) {
    throw new CmdError(`error reading --template ${value}, ${(e as Error).message}\n`);
  }
}

/** Prints one object (or List) through the template: the output, or kubectl's debugging text and error. */
export function printTemplate(ctx: Ctx, choice: TemplateChoice, data: unknown): void {
  if (choice.engine === 'jsonpath') {
    try {
      ctx.out(jsonpath(choice.text, data));
    } catch (e) {
      if (e instanceof JsonPathError)
        throw new CmdError(
          `error executing jsonpath ${JSON.stringify(choice.text)}: ${e.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${choice.text}\n\tobject given to jsonpath engine was:\n\t\t${JSON.stringify(data)}\n\n`,
        );
      throw e;
    }
    return;
  }
  let tpl;
  try {
    tpl = parseGoTemplate(choice.text);
  } catch (e) {
    if (e instanceof TemplateParseError) throw new CmdError(`error parsing template ${choice.text}, ${e.message}\n`);
    throw e;
  }
  try {
    ctx.out(
      executeGoTemplate(tpl, data, { missingKeyError: ctx.parsed.flags['allow-missing-template-keys'] === false }),
    );
  } catch (e) {
    if (!(e instanceof TemplateExecError)) throw e;
    // GoTemplatePrinter.PrintObj writes what it had to the output, then returns the error
    ctx.out(
      `Error executing template: ${e.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${choice.text}\n` +
        `\traw data was:\n\t\t${JSON.stringify(data)}\n\tobject given to template engine was:\n\t\t${formatGoValue(data)}\n\n`,
    );
    throw new CmdError(`error executing template ${JSON.stringify(choice.text)}: ${e.message}`);
  }
}
