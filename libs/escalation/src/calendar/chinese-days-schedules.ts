import chineseDays from 'chinese-days';
import { addDays, isWeekend, yearOf } from './calendar-date.js';
import type { HolidaySchedules } from './working-calendar.js';

const { getDayDetail } = chineseDays;

/**
 * The schedules the chinese-days package holds for `years`. It answers for any year, falling back
 * to the weekday rule where it has no data, so a year counts only when some day of it breaks that rule.
 */
export function chineseDaysSchedules(fromYear: number, toYear: number): HolidaySchedules {
  const years = new Set<number>();
  const holidays: string[] = [];
  const workdays: string[] = [];
  for (let day = `${fromYear}-01-01`; yearOf(day) <= toYear; day = addDays(day, 1)) {
    const work = getDayDetail(day).work;
    if (work === !isWeekend(day)) continue;
    (work ? workdays : holidays).push(day);
    years.add(yearOf(day));
  }
  return { years: [...years], holidays, workdays };
}
