import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { HolidayScheduleYear } from './dtos/holiday-schedule-year.type.js';
import { WorkingCalendar } from './working-calendar.js';

/** The holiday schedules in the database: the chinese-days years seeded by migration, later ones loaded by ADMIN. */
@Injectable()
export class HolidayCalendarService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async calendar(m: EntityManager = this.dataSource.manager): Promise<WorkingCalendar> {
    const [years, days]: [{ year: number }[], { day: string; kind: string }[]] = await Promise.all([
      m.query('SELECT year FROM holiday_calendar_year'),
      m.query('SELECT day, kind FROM holiday_calendar_day'),
    ]);
    return new WorkingCalendar({
      years: years.map((y) => y.year),
      holidays: days.filter((d) => d.kind === 'HOLIDAY').map((d) => d.day),
      workdays: days.filter((d) => d.kind === 'WORKDAY').map((d) => d.day),
    });
  }

  async years(m: EntityManager = this.dataSource.manager, only?: number): Promise<HolidayScheduleYear[]> {
    return m.query(
      `SELECT y.year, y.source, y.loaded_at AS "loadedAt",
              coalesce(array_agg(d.day::text ORDER BY d.day) FILTER (WHERE d.kind = 'HOLIDAY'), '{}') AS holidays,
              coalesce(array_agg(d.day::text ORDER BY d.day) FILTER (WHERE d.kind = 'WORKDAY'), '{}') AS workdays
       FROM holiday_calendar_year y LEFT JOIN holiday_calendar_day d ON d.year = y.year
       WHERE $1::int IS NULL OR y.year = $1
       GROUP BY y.year ORDER BY y.year`,
      [only ?? null],
    );
  }
}
