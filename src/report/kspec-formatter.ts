// kspec's stdout formatter: Cucumber's progress dots and failure details, a progress line at each tenth of a
// long run, "did you mean" for steps that match no definition, and a closing line with passed, failed,
// virtual and wall time. The scenarios' wall time comes from Cucumber's run messages; the process's is
// wallClock.elapsed(), the time since the process started (what a person waited for).
import { ProgressFormatter, type IFormatterOptions } from '@cucumber/cucumber';
import type { Envelope } from '@cucumber/messages';
import { RunTally, summaryLine, progressLine } from './tally';
import { suggest } from '../cli/suggest';
import { phraseOf } from '../cli/catalogue';
import { wallClock } from '../runtime/wall-clock';

export function undefinedStepAdvice(steps: RunTally['undefinedSteps'], phrases: string[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of steps) {
    if (seen.has(s.text)) continue;
    seen.add(s.text);
    const close = suggest(s.text, phrases);
    out.push(`Undefined step "${s.text}" (${s.uri}, scenario "${s.scenario}").`);
    out.push(
      close.length
        ? `  Did you mean:\n${close.map((p) => `    ${p}`).join('\n')}`
        : '  No step in the catalogue is close; `kspec steps` lists them all.',
    );
  }
  return out.join('\n');
}

export default class KspecFormatter extends ProgressFormatter {
  static readonly documentation =
    'Progress, did-you-mean for undefined steps, and a closing line with virtual and wall time';

  constructor(options: IFormatterOptions) {
    super(options);
    const tally = new RunTally();
    options.eventBroadcaster.on('envelope', (e: Envelope) => {
      if (tally.add(e)) {
        const line = progressLine(tally.done, tally.total, tally.failed);
        if (line) this.log(`\n${line}\n`);
      }
      if (!e.testRunFinished) return;
      const phrases = this.supportCodeLibrary.stepDefinitions.map((d) => phraseOf(d.pattern));
      if (tally.undefinedSteps.length) this.log(`\n${undefinedStepAdvice(tally.undefinedSteps, phrases)}\n`);
      this.log(`\n${summaryLine(tally, wallClock.elapsed())}\n`);
    });
  }
}
