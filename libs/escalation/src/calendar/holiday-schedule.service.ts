import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BadInputError, isCalendarDate } from '@app/common';
import { AuditService } from '@app/audit';
import type { AuthUser } from '@app/auth';
import { isWeekend, yearOf } from './calendar-date.js';
import type { HolidayScheduleYear } from './dtos/holiday-schedule-year.type.js';
import { HolidayCalendarService } from './holiday-calendar.service.js';

/** ADMIN loads a year's schedule once the State Council publishes it (each November). */
@Injectable()
export class HolidayScheduleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: HolidayCalendarService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Loads (or replaces) one year's schedule as the State Council published it: the weekdays off
   * and the weekend days worked. Sweeps from then on count that year's working days by it.
   */
  load(admin: AuthUser, year: number, holidays: string[], workdays: string[]): Promise<HolidayScheduleYear> {
    validateSchedule(year, holidays, workdays);
    return this.dataSource.transaction(async (m) => {
      const [before] = await this.calendars.years(m, year);
      await m.query('DELETE FROM holiday_calendar_day WHERE year = $1', [year]);
      await m.query(
        `INSERT INTO holiday_calendar_year (year, source, loaded_by, loaded_at) VALUES ($1, 'admin', $2, now())
         ON CONFLICT (year) DO UPDATE SET source = 'admin', loaded_by = $2, loaded_at = now()`,
        [year, admin.id],
      );
      // Only days that break the Monday–Friday rule are kept: a holiday on a weekend changes nothing.
      const days = [
        ...holidays.filter((d) => !isWeekend(d)).map((day) => ({ day, kind: 'HOLIDAY' })),
        ...workdays.map((day) => ({ day, kind: 'WORKDAY' })),
      ];
      await m.query(
        `INSERT INTO holiday_calendar_day (day, year, kind) SELECT d, $1, k FROM unnest($2::date[], $3::text[]) AS x(d, k)`,
        [year, days.map((d) => d.day), days.map((d) => d.kind)],
      );
      const [after] = await this.calendars.years(m, year);
      await this.audit.record(
        m,
        admin.id,
        'calendar.load',
        'holiday_calendar_year',
        yearEntityId(year),
        before ?? null,
        after,
      );
      return after!;
    });
  }
}

function validateSchedule(year: number, holidays: string[], workdays: string[]): void {
  if (!Number.isInteger(year) || year < 1990 || year > 2200)
    throw new BadInputError('年份须在 1990–2200 之间 (year must be 1990–2200)');
  const all = [...holidays, ...workdays];
  const bad = all.find((d) => !isCalendarDate(d) || yearOf(d) !== year);
  if (bad) throw new BadInputError(`日期 ${bad} 不在 ${year} 年内 (every date must fall in ${year})`);
  if (!holidays.length) throw new BadInputError('节假日安排至少包含一个假日 (a schedule lists its holidays)');
  const weekday = workdays.find((d) => !isWeekend(d));
  if (weekday) throw new BadInputError(`调休上班日 ${weekday} 不是周末 (an adjusted workday is a Saturday or Sunday)`);
  const both = holidays.find((d) => workdays.includes(d));
  if (both) throw new BadInputError(`${both} 不能既是假日又是上班日 (a day is a holiday or a workday, not both)`);
}

/** audit_entry wants a uuid; a year is named by one that spells it (…-000000002027). */
export function yearEntityId(year: number): string {
  return `00000000-0000-0000-0000-${String(year).padStart(12, '0')}`;
}
