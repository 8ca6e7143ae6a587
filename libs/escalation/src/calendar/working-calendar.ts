import { addDays, isWeekend, yearOf } from './calendar-date.js';

/** The State Council's schedules luoshi holds: which years, their holidays and adjusted workdays (调休). */
export interface HolidaySchedules {
  years: readonly number[];
  /** Days off that would otherwise be working days (节假日). */
  holidays: readonly string[];
  /** Weekend days worked instead (调休上班). */
  workdays: readonly string[];
}

/**
 * Working days by the schedules held. A day of a year without a schedule is judged by the
 * Monday–Friday rule — the fallback — and its year is added to the `reached` set the caller
 * passes, so the caller can flag and report it instead of trusting it silently.
 */
export class WorkingCalendar {
  private readonly years: ReadonlySet<number>;
  private readonly holidays: ReadonlySet<string>;
  private readonly workdays: ReadonlySet<string>;

  constructor(schedules: HolidaySchedules) {
    this.years = new Set(schedules.years);
    this.holidays = new Set(schedules.holidays);
    this.workdays = new Set(schedules.workdays);
  }

  knowsYear(year: number): boolean {
    return this.years.has(year);
  }

  isWorkingDay(date: string, unknownYears?: Set<number>): boolean {
    if (unknownYears && !this.years.has(yearOf(date))) unknownYears.add(yearOf(date));
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    return !isWeekend(date);
  }

  /** The |n|-th working day after `date` (n > 0) or before it (n < 0), never counting `date` itself. */
  shiftWorkingDays(date: string, n: number, unknownYears?: Set<number>): string {
    if (!Number.isInteger(n) || n === 0) throw new RangeError(`working-day shift must be a non-zero integer, got ${n}`);
    const step = n > 0 ? 1 : -1;
    let day = date;
    for (let left = Math.abs(n); left > 0;) {
      day = addDays(day, step);
      if (this.isWorkingDay(day, unknownYears)) left--;
    }
    return day;
  }

  /** The n-th working day of the month that starts on `monthStart` (1 = its first working day). */
  nthWorkingDayOfMonth(monthStart: string, n: number, unknownYears?: Set<number>): string {
    const first = addDays(monthStart, -1);
    return this.shiftWorkingDays(first, n, unknownYears);
  }
}
