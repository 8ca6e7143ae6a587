import { addDays, yearOf } from '../calendar/calendar-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { LEVELS, type EscalationLevel, type EscalationPolicy } from '../ladder/escalation-policy.js';
import { cutoff, threshold } from '../ladder/ladder.js';

/** What the sweep's SQL compares for one policy as of one date. */
export interface SweepPlan {
  /** Per level: the latest due date for which it is due. */
  cutoffs: Record<EscalationLevel, string>;
  /** (level, due date) pairs whose threshold was computed through a year without a schedule. */
  fallback: { level: EscalationLevel; dueDate: string }[];
  /** Those years, for the admins' warning. */
  unknownYears: Set<number>;
}

/**
 * The cutoffs of every level as of `asOf`, and which due dates (from `minDue`, the earliest due
 * date of an open task) got their threshold by the weekday fallback. Only due dates within reach
 * of an unknown year are recomputed, so this stays cheap over decades of due dates.
 */
export function planSweep(
  asOf: string,
  policy: EscalationPolicy,
  calendar: WorkingCalendar,
  minDue: string | null,
): SweepPlan {
  const unknownYears = new Set<number>();
  const cutoffs = Object.fromEntries(LEVELS.map((l) => [l, cutoff(l, asOf, policy, calendar, unknownYears)])) as Record<
    EscalationLevel,
    string
  >;
  const fallback: SweepPlan['fallback'] = [];
  const reach = Math.min(
    365,
    Math.max(policy.evaluationCalendarDays, 3 * policy.supervisionWorkingDays + 30, 3 * policy.dueSoonWorkingDays + 30),
  );
  const nearUnknown = (due: string) =>
    [addDays(due, -reach), due, addDays(due, reach)].some((d) => !calendar.knowsYear(yearOf(d)));
  if (minDue) {
    for (const level of LEVELS) {
      for (let due = minDue; due <= cutoffs[level]; due = addDays(due, 1)) {
        if (!nearUnknown(due)) continue;
        const reached = new Set<number>();
        threshold(level, due, policy, calendar, reached);
        if (!reached.size) continue;
        fallback.push({ level, dueDate: due });
        reached.forEach((y) => unknownYears.add(y));
      }
    }
  }
  return { cutoffs, fallback, unknownYears };
}
