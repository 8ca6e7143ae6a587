import { addDays } from '../calendar/calendar-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { EscalationLevel, EscalationPolicy } from './escalation-policy.js';

/** The date from which `level` is due for a task due on `due`. */
export function threshold(
  level: EscalationLevel,
  due: string,
  policy: EscalationPolicy,
  calendar: WorkingCalendar,
  unknownYears?: Set<number>,
): string {
  switch (level) {
    case 1:
      return calendar.shiftWorkingDays(due, -policy.dueSoonWorkingDays, unknownYears);
    case 2:
      return calendar.shiftWorkingDays(due, policy.overdueWorkingDays, unknownYears);
    case 3:
      return calendar.shiftWorkingDays(due, policy.supervisionWorkingDays, unknownYears);
    case 4:
      return addDays(due, policy.evaluationCalendarDays);
  }
}

/**
 * The latest due date whose `level` is due as of `asOf`. Every threshold moves forward with the
 * due date (never back), so "level due by asOf" is exactly "due date ≤ cutoff": the sweep's SQL
 * compares one date per level instead of computing working days per task.
 */
export function cutoff(
  level: EscalationLevel,
  asOf: string,
  policy: EscalationPolicy,
  calendar: WorkingCalendar,
  unknownYears?: Set<number>,
): string {
  const reached = (due: string) => threshold(level, due, policy, calendar, unknownYears) <= asOf;
  let due = asOf;
  if (reached(due)) {
    while (reached(addDays(due, 1))) due = addDays(due, 1);
  } else {
    do due = addDays(due, -1);
    while (!reached(due));
  }
  return due;
}
