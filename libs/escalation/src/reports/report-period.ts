import { monthStart } from '../calendar/calendar-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { ReportCadence } from '../ladder/escalation-policy.js';

/** A reporting period [start, end) and the day its progress report is due by. */
export interface ReportPeriod {
  start: string;
  end: string;
  reportDue: string;
}

const MONTHS: Record<ReportCadence, number> = { [ReportCadence.MONTHLY]: 1, [ReportCadence.QUARTERLY]: 3 };

/**
 * The latest period whose report was due before `asOf`: monthly by default, a report for September
 * is due by the 5th working day of October (2025-10-14, after the National Day break).
 */
export function latestClosedPeriod(
  asOf: string,
  cadence: ReportCadence,
  dueWorkingDay: number,
  calendar: WorkingCalendar,
  unknownYears?: Set<number>,
): ReportPeriod {
  const months = MONTHS[cadence];
  const month = Number(asOf.slice(5, 7)) - 1;
  const current = monthStart(asOf, -(month % months));
  for (let back = 1; ; back++) {
    const start = monthStart(current, -months * back);
    const end = monthStart(start, months);
    const reportDue = calendar.nthWorkingDayOfMonth(end, dueWorkingDay, unknownYears);
    if (reportDue < asOf) return { start, end, reportDue };
  }
}
