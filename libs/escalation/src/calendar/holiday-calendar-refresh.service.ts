import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { yearOf } from './calendar-date.js';
import { chineseDaysSchedules } from './chinese-days-schedules.js';
import { yearEntityId } from './holiday-schedule.service.js';
import { HolidayCalendarService } from './holiday-calendar.service.js';

export interface CalendarRefresh {
  /** Years the installed chinese-days publishes that the database did not hold: now added. */
  added: number[];
  /** Years both hold, left as they are — the package's earlier data or an ADMIN's schedule. */
  kept: { year: number; source: string }[];
}

/**
 * `luoshi calendar-refresh`: after upgrading chinese-days (each November the State Council publishes
 * the next year), adds the years the package now knows. It only adds: a year already held keeps its
 * schedule, so sweeps never change under a deadline that was counted, and an ADMIN's load stands.
 */
@Injectable()
export class HolidayCalendarRefreshService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: HolidayCalendarService,
    private readonly audit: AuditService,
  ) {}

  /** Looks from 2000 to next year (Asia/Shanghai): the package answers with the weekday rule beyond its data. */
  refresh(now = new Date()): Promise<CalendarRefresh> {
    const nextYear = yearOf(new Date(now.getTime() + 8 * 3_600_000).toISOString()) + 1;
    const published = chineseDaysSchedules(2000, nextYear);
    return this.dataSource.transaction(async (m) => {
      // One refresh at a time: two would both see a year missing and the second would fail on its key.
      await m.query(`LOCK TABLE holiday_calendar_year IN SHARE ROW EXCLUSIVE MODE`);
      const held: { year: number; source: string }[] = await m.query(
        'SELECT year, source FROM holiday_calendar_year WHERE year = ANY($1::int[]) ORDER BY year',
        [published.years],
      );
      const heldYears = new Set(held.map((y) => y.year));
      const added = published.years.filter((y) => !heldYears.has(y)).sort((a, b) => a - b);
      if (!added.length) return { added, kept: held };
      await m.query(`INSERT INTO holiday_calendar_year (year, source) SELECT unnest($1::int[]), 'chinese-days'`, [
        added,
      ]);
      const days = [
        ...published.holidays.map((day) => ({ day, kind: 'HOLIDAY' })),
        ...published.workdays.map((day) => ({ day, kind: 'WORKDAY' })),
      ].filter((d) => added.includes(yearOf(d.day)));
      await m.query(
        `INSERT INTO holiday_calendar_day (day, year, kind)
         SELECT d, extract(year FROM d)::int, k FROM unnest($1::date[], $2::text[]) AS x(d, k)`,
        [days.map((d) => d.day), days.map((d) => d.kind)],
      );
      for (const year of added) {
        const [after] = await this.calendars.years(m, year);
        await this.audit.record(m, null, 'calendar.refresh', 'holiday_calendar_year', yearEntityId(year), null, after);
      }
      return { added, kept: held };
    });
  }
}
