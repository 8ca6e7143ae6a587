import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The State Council's holiday schedules (国务院办公厅节假日安排) for 2004–2026, as the chinese-days
 * package 1.5.7 published them: per year, the weekdays off and the weekend days worked (调休上班), as
 * MM-DD. Written here as data so that a deadline counts the same working days whatever package version
 * is installed; `luoshi calendar-refresh` adds the years a newer package publishes.
 */
export const HOLIDAY_SCHEDULE_DATA: Readonly<Record<number, { holidays: string; workdays: string }>> = {
  2004: {
    holidays: '01-01 01-22 01-23 01-26 01-27 01-28 05-03 05-04 05-05 05-06 05-07 10-01 10-04 10-05 10-06 10-07',
    workdays: '01-17 01-18 05-08 05-09 10-09 10-10',
  },
  2005: {
    holidays: '01-03 02-09 02-10 02-11 02-14 02-15 05-02 05-03 05-04 05-05 05-06 10-03 10-04 10-05 10-06 10-07',
    workdays: '02-05 02-06 04-30 05-08 10-08 10-09',
  },
  2006: {
    holidays: '01-02 01-03 01-30 01-31 02-01 02-02 02-03 05-01 05-02 05-03 05-04 05-05 10-02 10-03 10-04 10-05 10-06',
    workdays: '01-28 02-05 04-29 04-30 09-30 10-08 12-30 12-31',
  },
  2007: {
    holidays:
      '01-01 01-02 01-03 02-19 02-20 02-21 02-22 02-23 05-01 05-02 05-03 05-04 05-07 10-01 10-02 10-03 10-04 10-05 12-31',
    workdays: '02-17 02-25 04-28 04-29 09-29 09-30 12-29',
  },
  2008: {
    holidays: '01-01 02-06 02-07 02-08 02-11 02-12 04-04 05-01 05-02 06-09 09-15 09-29 09-30 10-01 10-02 10-03',
    workdays: '02-02 02-03 05-04 09-27 09-28',
  },
  2009: {
    holidays: '01-01 01-02 01-26 01-27 01-28 01-29 01-30 04-06 05-01 05-28 05-29 10-01 10-02 10-05 10-06 10-07 10-08',
    workdays: '01-04 01-24 02-01 05-31 09-27 10-10',
  },
  2010: {
    holidays:
      '01-01 02-15 02-16 02-17 02-18 02-19 04-05 05-03 06-14 06-15 06-16 09-22 09-23 09-24 10-01 10-04 10-05 10-06 10-07',
    workdays: '02-20 02-21 06-12 06-13 09-19 09-25 09-26 10-09',
  },
  2011: {
    holidays: '01-03 02-02 02-03 02-04 02-07 02-08 04-04 04-05 05-02 06-06 09-12 10-03 10-04 10-05 10-06 10-07',
    workdays: '01-30 02-12 04-02 10-08 10-09 12-31',
  },
  2012: {
    holidays:
      '01-02 01-03 01-23 01-24 01-25 01-26 01-27 04-02 04-03 04-04 04-30 05-01 06-22 10-01 10-02 10-03 10-04 10-05',
    workdays: '01-21 01-29 03-31 04-01 04-28 09-29',
  },
  2013: {
    holidays:
      '01-01 01-02 01-03 02-11 02-12 02-13 02-14 02-15 04-04 04-05 04-29 04-30 05-01 06-10 06-11 06-12 09-19 09-20 10-01 10-02 10-03 10-04 10-07',
    workdays: '01-05 01-06 02-16 02-17 04-07 04-27 04-28 06-08 06-09 09-22 09-29 10-12',
  },
  2014: {
    holidays: '01-01 01-31 02-03 02-04 02-05 02-06 04-07 05-01 05-02 06-02 09-08 10-01 10-02 10-03 10-06 10-07',
    workdays: '01-26 02-08 05-04 09-28 10-11',
  },
  2015: {
    holidays: '01-01 01-02 02-18 02-19 02-20 02-23 02-24 04-06 05-01 06-22 09-03 09-04 10-01 10-02 10-05 10-06 10-07',
    workdays: '01-04 02-15 02-28 09-06 10-10',
  },
  2016: {
    holidays: '01-01 02-08 02-09 02-10 02-11 02-12 04-04 05-02 06-09 06-10 09-15 09-16 10-03 10-04 10-05 10-06 10-07',
    workdays: '02-06 02-14 06-12 09-18 10-08 10-09',
  },
  2017: {
    holidays: '01-02 01-27 01-30 01-31 02-01 02-02 04-03 04-04 05-01 05-29 05-30 10-02 10-03 10-04 10-05 10-06',
    workdays: '01-22 02-04 04-01 05-27 09-30',
  },
  2018: {
    holidays:
      '01-01 02-15 02-16 02-19 02-20 02-21 04-05 04-06 04-30 05-01 06-18 09-24 10-01 10-02 10-03 10-04 10-05 12-31',
    workdays: '02-11 02-24 04-08 04-28 09-29 09-30 12-29',
  },
  2019: {
    holidays: '01-01 02-04 02-05 02-06 02-07 02-08 04-05 05-01 05-02 05-03 06-07 09-13 10-01 10-02 10-03 10-04 10-07',
    workdays: '02-02 02-03 04-28 05-05 09-29 10-12',
  },
  2020: {
    holidays:
      '01-01 01-24 01-27 01-28 01-29 01-30 01-31 04-06 05-01 05-04 05-05 06-25 06-26 10-01 10-02 10-05 10-06 10-07 10-08',
    workdays: '01-19 04-26 05-09 06-28 09-27 10-10',
  },
  2021: {
    holidays:
      '01-01 02-11 02-12 02-15 02-16 02-17 04-05 05-03 05-04 05-05 06-14 09-20 09-21 10-01 10-04 10-05 10-06 10-07',
    workdays: '02-07 02-20 04-25 05-08 09-18 09-26 10-09',
  },
  2022: {
    holidays:
      '01-03 01-31 02-01 02-02 02-03 02-04 04-04 04-05 05-02 05-03 05-04 06-03 09-12 10-03 10-04 10-05 10-06 10-07',
    workdays: '01-29 01-30 04-02 04-24 05-07 10-08 10-09',
  },
  2023: {
    holidays:
      '01-02 01-23 01-24 01-25 01-26 01-27 04-05 05-01 05-02 05-03 06-22 06-23 09-29 10-02 10-03 10-04 10-05 10-06',
    workdays: '01-28 01-29 04-23 05-06 06-25 10-07 10-08',
  },
  2024: {
    holidays:
      '01-01 02-12 02-13 02-14 02-15 02-16 04-04 04-05 05-01 05-02 05-03 06-10 09-16 09-17 10-01 10-02 10-03 10-04 10-07',
    workdays: '02-04 02-18 04-07 04-28 05-11 09-14 09-29 10-12',
  },
  2025: {
    holidays:
      '01-01 01-28 01-29 01-30 01-31 02-03 02-04 04-04 05-01 05-02 05-05 06-02 10-01 10-02 10-03 10-06 10-07 10-08',
    workdays: '01-26 02-08 04-27 09-28 10-11',
  },
  2026: {
    holidays:
      '01-01 01-02 02-16 02-17 02-18 02-19 02-20 02-23 04-06 05-01 05-04 05-05 06-19 09-25 10-01 10-02 10-05 10-06 10-07',
    workdays: '01-04 02-14 02-28 05-09 09-20 10-10',
  },
};

/** The data as full dates: the years held and, over all of them, the holidays and adjusted workdays. */
export function holidayScheduleData(): { years: number[]; holidays: string[]; workdays: string[] } {
  const entries = Object.entries(HOLIDAY_SCHEDULE_DATA);
  const dates = (year: string, days: string) => (days ? days.split(' ').map((d) => `${year}-${d}`) : []);
  return {
    years: entries.map(([year]) => Number(year)),
    holidays: entries.flatMap(([year, s]) => dates(year, s.holidays)),
    workdays: entries.flatMap(([year, s]) => dates(year, s.workdays)),
  };
}

/**
 * Replaces the years the escalation migration seeded from whatever chinese-days was installed with the
 * data above — a database migrated under another package version converges on the same schedules — and
 * adds those missing. A year an ADMIN loaded (source 'admin') is theirs and stays as it is.
 */
export class HolidayScheduleData1766400000000 implements MigrationInterface {
  name = 'HolidayScheduleData1766400000000';

  async up(q: QueryRunner): Promise<void> {
    const { years, holidays, workdays } = holidayScheduleData();
    await q.query(
      `INSERT INTO holiday_calendar_year (year, source) SELECT unnest($1::int[]), 'chinese-days'
       ON CONFLICT (year) DO NOTHING`,
      [years],
    );
    await q.query(
      `DELETE FROM holiday_calendar_day d USING holiday_calendar_year y
       WHERE y.year = d.year AND y.source = 'chinese-days' AND y.year = ANY($1::int[])`,
      [years],
    );
    await q.query(
      `INSERT INTO holiday_calendar_day (day, year, kind)
       SELECT x.day, extract(year FROM x.day)::int, x.kind
       FROM (SELECT unnest($1::date[]) AS day, 'HOLIDAY' AS kind
             UNION ALL SELECT unnest($2::date[]), 'WORKDAY') x
       JOIN holiday_calendar_year y ON y.year = extract(year FROM x.day)::int AND y.source = 'chinese-days'`,
      [holidays, workdays],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Before this migration the tables held no package data (the escalation migration only creates them).
    await q.query(`DELETE FROM holiday_calendar_year WHERE source = 'chinese-days' AND year = ANY($1::int[])`, [
      holidayScheduleData().years,
    ]);
  }
}
