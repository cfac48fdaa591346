// Schedules as robfig/cron's ParseStandard reads them (five fields, or a descriptor: @yearly, @monthly,
// @weekly, @daily, @hourly, @every <duration>), evaluated in the CronJob's time zone (UTC without one, the
// kube-controller-manager's zone on kubeadm). The arithmetic is cron-parser's.

import { type CronExpression, CronExpressionParser } from 'cron-parser';
import { parseGoDuration } from './go/duration';

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export interface Schedule {
  error?: string;
  /** the first activation strictly after t (ms), in the time zone */
  next(t: number, tz?: string): number;
}

export function standardSchedule(text: string): Schedule {
  const spec = text.trim();
  if (spec.startsWith('@every ')) {
    const d = parseGoDuration(spec.slice(7).trim());
    if ('error' in d) return invalid(`failed to parse duration ${spec}: ${d.error}`);
    // ConstantDelaySchedule: rounded to whole seconds, at least one second
    const every = Math.max(1000, Math.floor(d.ms / 1000) * 1000);
    return { next: (t) => Math.floor(t / 1000) * 1000 + every };
  }
  const expr = spec.startsWith('@') ? DESCRIPTORS[spec] : spec;
  if (expr === undefined) return invalid(`unrecognized descriptor: ${spec}`);
  const fields = expr.split(/\s+/).filter((f) => f);
  if (fields.length !== 5) return invalid(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  try {
    CronExpressionParser.parse(expr, { tz: 'UTC' });
  } catch (e) {
    return invalid((e as Error).message);
  }
  // parsed once per time zone; each question resets its current date. An answer a = next(t0) holds for every t
  // in [t0, a), so the last few are kept: a controller asks about the same interval on every sync.
  const parsed = new Map<string, CronExpression>();
  const answers: { tz: string; from: number; to: number }[] = [];
  return {
    next(t, tz = 'UTC') {
      for (const a of answers) if (a.tz === tz && a.from <= t && t < a.to) return a.to;
      let e = parsed.get(tz);
      if (!e) parsed.set(tz, (e = CronExpressionParser.parse(expr, { currentDate: new Date(t), tz })));
      else e.reset(new Date(t));
      const to = e.next().getTime();
      answers.unshift({ tz, from: t, to });
      if (answers.length > 4) answers.pop();
      return to;
    },
  };
}

function invalid(error: string): Schedule {
  return {
    error,
    next: () => {
      throw new Error(error);
    },
  };
}
