// The deadline of one measure: the latest date its text names, else the last day of the plan.
import type { DraftMeasure, ImportWarning } from '../types.js';
import { findDeadline, planEndDeadline } from './deadline.js';
import { relativeDeadlines } from './relative.js';

export interface DeadlineContext {
  periodStart: number | null;
  periodEnd: number | null;
  /** Date of the document, for 印发之日起30日内. */
  signed: string | null;
}

/** Years further than this from the plan's period are likely misprints or quotations: warn. */
const PLAUSIBLE_DISTANCE = 10;

export function measureDeadline(
  text: string,
  ctx: DeadlineContext,
): Pick<DraftMeasure, 'deadline' | 'deadlineSource'> & { implausibleYears: number[] } {
  const found = findDeadline(text);
  const dates = [...(found ? [found.date] : []), ...relativeDeadlines(text, ctx.signed)].sort();
  if (dates.length === 0) {
    const end = planEndDeadline(ctx.periodEnd);
    return { deadline: end, deadlineSource: end ? 'plan-end' : 'none', implausibleYears: [] };
  }
  const start = ctx.periodStart ?? ctx.periodEnd;
  const end = ctx.periodEnd ?? ctx.periodStart;
  const implausibleYears =
    start === null || end === null
      ? []
      : (found?.years ?? []).filter((y) => y < start - PLAUSIBLE_DISTANCE || y > end! + PLAUSIBLE_DISTANCE);
  return { deadline: dates.at(-1)!, deadlineSource: 'text', implausibleYears };
}

export function implausibleYearWarning(line: number, excerpt: string, years: number[]): ImportWarning {
  return {
    line,
    message: `年份 ${years.join('、')} 超出规划期限 (year outside the plan's period ±${PLAUSIBLE_DISTANCE})`,
    excerpt,
  };
}
