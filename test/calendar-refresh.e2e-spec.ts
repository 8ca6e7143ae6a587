import pg from 'pg';
import { parseConfig } from '../libs/common/src/index.js';
import {
  HOLIDAY_SCHEDULE_DATA,
  holidayScheduleData,
} from '../libs/database/src/migrations/1766400000000-holiday-schedule-data.js';
import { chineseDaysSchedules } from '../libs/escalation/src/calendar/chinese-days-schedules.js';
import { calendarRefreshCommand } from '../apps/cli/src/calendar-refresh-command.js';
import { createTestDatabase } from './support/test-database.js';

type Day = { day: string; kind: string };

describe('holiday schedules as data, and luoshi calendar-refresh', () => {
  let database: { url: string; drop: () => Promise<void> };
  let db: pg.Client;
  const days = async (year: number): Promise<Day[]> =>
    (await db.query(`SELECT day::text, kind FROM holiday_calendar_day WHERE year = $1 ORDER BY day`, [year])).rows;
  const packageDays = (year: number): Day[] => {
    const s = chineseDaysSchedules(year, year);
    return [
      ...s.holidays.map((day) => ({ day, kind: 'HOLIDAY' })),
      ...s.workdays.map((day) => ({ day, kind: 'WORKDAY' })),
    ].sort((a, b) => a.day.localeCompare(b.day));
  };
  const refresh = () => calendarRefreshCommand(parseConfig({ DATABASE_URL: database.url }), () => undefined);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await database?.drop();
  });

  it("holds, for every year of the migration's data, exactly the installed chinese-days schedule", async () => {
    const data = holidayScheduleData();
    const years = Object.keys(HOLIDAY_SCHEDULE_DATA).map(Number);
    const published = chineseDaysSchedules(years[0]!, years.at(-1)!);
    expect(data.years).toEqual(published.years);
    expect(data.holidays).toEqual(published.holidays);
    expect(data.workdays).toEqual(published.workdays);

    const held = await db.query(`SELECT year, source FROM holiday_calendar_year ORDER BY year`);
    expect(held.rows).toEqual(years.map((year) => ({ year, source: 'chinese-days' })));
    for (const year of [2004, 2020, 2026]) expect(await days(year)).toEqual(packageDays(year));
  });

  it('adds a year the package publishes and the database lacks, leaves an ADMIN schedule alone, and is idempotent', async () => {
    // As a database migrated before the package published 2026, with 2025 replaced by an ADMIN.
    await db.query(`DELETE FROM holiday_calendar_year WHERE year = 2026`);
    await db.query(`UPDATE holiday_calendar_year SET source = 'admin' WHERE year = 2025`);
    await db.query(`DELETE FROM holiday_calendar_day WHERE year = 2025`);
    await db.query(`INSERT INTO holiday_calendar_day (day, year, kind) VALUES ('2025-01-01', 2025, 'HOLIDAY')`);

    const first = await refresh();
    expect(first.added).toEqual([2026]);
    expect(first.kept).toContainEqual({ year: 2025, source: 'admin' });
    expect(await days(2026)).toEqual(packageDays(2026));
    expect((await db.query(`SELECT source FROM holiday_calendar_year WHERE year = 2026`)).rows).toEqual([
      { source: 'chinese-days' },
    ]);
    expect(await days(2025)).toEqual([{ day: '2025-01-01', kind: 'HOLIDAY' }]);
    const audit = await db.query(
      `SELECT actor_id, after->>'year' AS year FROM audit_entry WHERE action = 'calendar.refresh'`,
    );
    expect(audit.rows).toEqual([{ actor_id: null, year: '2026' }]);

    const second = await refresh();
    expect(second.added).toEqual([]);
    expect(await days(2026)).toEqual(packageDays(2026));
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'calendar.refresh'`)).rows,
    ).toEqual([{ n: 1 }]);
  });
});
