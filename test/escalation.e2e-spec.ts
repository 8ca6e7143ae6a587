import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { publishSeed, SEED_CHONGQING, SEED_TENGZHOU } from './support/seed-plans.js';
import { startSweepProcessor, sweepAndWait, type SweepResult } from './support/sweeps.js';
import { codeOf, TestApp } from './support/test-app.js';
import { dropQueues } from './support/test-worker.js';

const SWEEP =
  'mutation($asOf: Date!) { runEscalationSweep(asOf: $asOf) { asOf raised calendarFallback reportReminders unknownYears } }';
const TASK = `query($id: ID!) { task(id: $id) { id version dueDate escalationLevel
  escalations { id level levelName asOf dueDate raisedAt calendarFallback task { id } } } }`;
const UPDATE =
  'mutation($input: UpdateTaskInput!) { updateTask(input: $input) { id dueDate escalationLevel version } }';

interface TaskView {
  id: string;
  version: number;
  dueDate: string;
  escalationLevel: number;
  escalations: {
    level: number;
    levelName: string;
    asOf: string;
    dueDate: string;
    calendarFallback: boolean;
    task: { id: string };
  }[];
}

// Each file migrates a database of its own and publishes seed plans first: slow on a busy machine.
jest.setTimeout(30_000);

describe('the escalation ladder and its sweep', () => {
  let t: TestApp;
  let db: DataSource;
  // A: the worked example (due Friday 2025-10-10); B: a backlog; C: cancelled; G: reported in September;
  // H: due 2025-10-10 too, in a plan whose own policy raises level 1 three working days ahead.
  let A: string, B: string, C: string, G: string, H: string;

  const PREFIX = `${process.env.QUEUE_PREFIX}_escalation`;
  let processor: { stop: () => Promise<void> };
  // Queued by the API, run by the worker's processor (here in-process).
  const sweep = (asOf: string, as = 'admin'): Promise<SweepResult> => sweepAndWait(t, asOf, as);
  const task = async (id: string): Promise<TaskView> =>
    (await t.gql<{ task: TaskView }>(TASK, { id }, 'admin')).data!.task;

  beforeAll(async () => {
    t = await TestApp.start({ QUEUE_PREFIX: PREFIX });
    processor = startSweepProcessor(t);
    db = t.get(DataSource);
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('leader', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    await t.user('health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    const [tengzhou] = await publishSeed(t, SEED_TENGZHOU, 'admin');
    const [chongqing] = await publishSeed(t, SEED_CHONGQING, 'admin');
    // Every task far from the dates swept, created long before them (so reporting periods apply).
    await db.query(`UPDATE task SET due_date = '2026-06-30', created_at = '2025-01-01'`);
    [A, B, C, G] = (await db.query('SELECT id FROM task WHERE plan_id = $1 ORDER BY id LIMIT 4', [tengzhou])).map(
      (r: { id: string }) => r.id,
    );
    [H] = (await db.query('SELECT id FROM task WHERE plan_id = $1 ORDER BY id LIMIT 1', [chongqing])).map(
      (r: { id: string }) => r.id,
    );
    await db.query(`UPDATE task SET due_date = '2025-10-10' WHERE id = ANY($1)`, [[A, C, H]]);
    const cancelled = await t.gql(UPDATE, { input: { taskId: C, expectedVersion: 1, status: 'CANCELLED' } }, 'sup');
    expect(cancelled.errors).toBeUndefined();
    const policy = await t.gql(
      'mutation($id: ID!) { setPlanEscalationPolicy(planId: $id, policy: { dueSoonWorkingDays: 3 }) { dueSoonWorkingDays overdueWorkingDays } }',
      { id: chongqing },
      'admin',
    );
    expect(policy.data).toEqual({ setPlanEscalationPolicy: { dueSoonWorkingDays: 3, overdueWorkingDays: 1 } });
    const [{ id: author }] = await db.query(`SELECT id FROM app_user WHERE username = 'health'`);
    await db.query(
      `INSERT INTO progress_report (task_id, author_id, submitted_at, progress_percent, narrative) VALUES ($1, $2, '2025-09-15T10:00:00+08:00', 40, '按计划推进')`,
      [G, author],
    );
  });
  afterAll(async () => {
    await processor?.stop();
    await t?.stop();
    await dropQueues(PREFIX);
  });

  it('raises nothing before the first threshold, while reminding of the missing August reports apart', async () => {
    const result = await sweep('2025-09-25');
    expect(result).toMatchObject({ asOf: '2025-09-25', raised: 0, unknownYears: [] });
    expect(result.reportReminders).toBeGreaterThan(10);
    expect((await task(A)).escalations).toEqual([]);
  });

  it('raises level 1 (临期提醒) five working days ahead, counting the adjusted Sunday 09-28', async () => {
    expect((await sweep('2025-09-26')).raised).toBe(1);
    const a = await task(A);
    expect(a.escalationLevel).toBe(1);
    expect(a.escalations).toEqual([
      expect.objectContaining({
        level: 1,
        levelName: '临期提醒',
        asOf: '2025-09-26',
        dueDate: '2025-10-10',
        task: { id: A },
      }),
    ]);
  });

  it('raises nothing when run again for the same date', async () => {
    expect(await sweep('2025-09-26')).toMatchObject({ raised: 0, reportReminders: 0 });
  });

  it("follows a plan's own policy: H (three working days) reaches level 1 on 09-29", async () => {
    expect((await task(H)).escalationLevel).toBe(0);
    expect((await sweep('2025-09-29')).raised).toBe(1);
    expect((await task(H)).escalationLevel).toBe(1);
  });

  it('climbs the worked example: 2 on the adjusted Saturday 10-11, 3 on 10-23, 4 on 11-09', async () => {
    expect((await sweep('2025-10-10')).raised).toBe(0);
    expect((await sweep('2025-10-11')).raised).toBe(2);
    expect((await sweep('2025-10-22')).raised).toBe(0);
    expect((await sweep('2025-10-23')).raised).toBe(2);
    expect((await sweep('2025-11-08')).raised).toBe(0);
    expect((await sweep('2025-11-09')).raised).toBe(2);
    const a = await task(A);
    expect(a.escalationLevel).toBe(4);
    expect(a.escalations.map((e) => [e.level, e.levelName, e.asOf])).toEqual([
      [1, '临期提醒', '2025-09-26'],
      [2, '逾期预警', '2025-10-11'],
      [3, '督办', '2025-10-23'],
      [4, '纳入考核', '2025-11-09'],
    ]);
  });

  it('raises every level due at once for a task found late (backlog)', async () => {
    await db.query(`UPDATE task SET due_date = '2025-01-10' WHERE id = $1`, [B]);
    expect((await sweep('2025-11-10')).raised).toBe(4);
    const b = await task(B);
    expect(b.escalationLevel).toBe(4);
    expect(b.escalations.map((e) => [e.level, e.asOf])).toEqual([1, 2, 3, 4].map((l) => [l, '2025-11-10']));
  });

  it('never escalates a cancelled task', async () => {
    expect((await task(C)).escalations).toEqual([]);
  });

  it('starts the ladder afresh for a new due date', async () => {
    const moved = await t.gql<{ updateTask: TaskView }>(
      UPDATE,
      { input: { taskId: A, expectedVersion: (await task(A)).version, dueDate: '2025-12-31' } },
      'sup',
    );
    expect(moved.data?.updateTask).toMatchObject({ dueDate: '2025-12-31', escalationLevel: 0 });
    expect((await sweep('2025-12-23')).raised).toBe(0);
    expect((await sweep('2025-12-24')).raised).toBe(1);
    const a = await task(A);
    expect(a.escalationLevel).toBe(1);
    expect(a.escalations.map((e) => [e.level, e.dueDate])).toEqual([
      [1, '2025-10-10'],
      [2, '2025-10-10'],
      [3, '2025-10-10'],
      [4, '2025-10-10'],
      [1, '2025-12-31'],
    ]);
  });

  it("filters the task list by the escalation level escalation contributes, within the caller's scope", async () => {
    // A is back at 1 on its new due date; B and H (Chongqing) stand at 4.
    const LIST = `query($min: Int) { tasks(first: 100, filter: { minEscalationLevel: $min }) {
      totalCount edges { node { id escalationLevel } } } }`;
    const list = async (min: number, as: string) => {
      const res = await t.gql<{ tasks: { totalCount: number; edges: { node: { id: string } }[] } }>(LIST, { min }, as);
      expect(res.errors).toBeUndefined();
      return res.data!.tasks;
    };
    const top = await list(4, 'admin');
    expect(top.edges.map((e) => e.node).sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [B, H].sort().map((id) => ({ id, escalationLevel: 4 })),
    );
    expect(top.totalCount).toBe(2);
    expect(new Set((await list(1, 'admin')).edges.map((e) => e.node.id))).toEqual(new Set([A, B, H]));
    // The Tengzhou supervisor never sees Chongqing's H, whatever its level.
    expect((await list(4, 'sup')).edges.map((e) => e.node.id)).toEqual([B]);
  });

  it('reminds of a missing report once per period, as a notification of its own and not an escalation', async () => {
    const reminders = await db.query(
      `SELECT task_id, period_start, report_due FROM report_reminder WHERE period_start = '2025-09-01' AND task_id = ANY($1)`,
      [[A, G]],
    );
    expect(reminders).toEqual([{ task_id: A, period_start: '2025-09-01', report_due: '2025-10-14' }]);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM report_reminder WHERE task_id = $1`, [A]);
    expect(n).toBe(4); // August to November: each sweep checks the latest period whose report is overdue
    expect((await task(A)).escalations.every((e) => e.level >= 1 && e.level <= 4)).toBe(true);
    const outbox = await db.query(`SELECT count(*)::int AS n FROM notification_outbox WHERE kind = 'REPORT_MISSING'`);
    expect(outbox[0].n).toBeGreaterThan(0);
  });

  it('lets only ADMIN and SUPERVISOR sweep, and only ADMIN sweep a future date', async () => {
    expect(codeOf(await t.gql(SWEEP, { asOf: '2025-12-24' }, 'health'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(SWEEP, { asOf: '2025-12-24' }, 'leader'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(SWEEP, { asOf: '2099-01-01' }, 'sup'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(SWEEP, { asOf: '2025-13-01' }, 'admin'))).toBe('BAD_USER_INPUT');
    expect((await sweep('2025-12-24', 'sup')).raised).toBe(0);
  });

  it('warns the admins and flags the events when a computation reaches a year without a schedule (2027)', async () => {
    const D = H;
    await db.query(`UPDATE task SET due_date = '2027-01-05' WHERE id = $1`, [D]);
    const result = await sweep('2027-01-06');
    expect(result.unknownYears).toEqual([2027]);
    expect(result.calendarFallback).toBeGreaterThanOrEqual(2);
    const d = await task(D);
    expect(d.escalations.filter((e) => e.dueDate === '2027-01-05').map((e) => [e.level, e.calendarFallback])).toEqual([
      [1, true],
      [2, true],
    ]);
    const warnings = await db.query(`SELECT payload FROM notification_outbox WHERE kind = 'CALENDAR_UNKNOWN_YEAR'`);
    expect(warnings).toEqual([{ payload: { years: [2027], asOf: '2027-01-06' } }]);
    await sweep('2027-01-06');
    expect(await db.query(`SELECT 1 FROM notification_outbox WHERE kind = 'CALENDAR_UNKNOWN_YEAR'`)).toHaveLength(1);
  });

  it("lets an ADMIN load 2027's schedule, which later sweeps count by, without fallback", async () => {
    const LOAD = `mutation($year: Int!, $holidays: [Date!]!, $workdays: [Date!]!) {
      loadHolidaySchedule(year: $year, holidays: $holidays, workdays: $workdays) { year source holidays workdays } }`;
    // Not the real 2027 schedule (unpublished as this is written): a Monday and Tuesday off, the Saturday before worked.
    const schedule = { year: 2027, holidays: ['2027-01-01', '2027-02-08', '2027-02-09'], workdays: ['2027-02-06'] };
    expect(codeOf(await t.gql(LOAD, schedule, 'sup'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(LOAD, { ...schedule, workdays: ['2027-02-05'] }, 'admin'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(LOAD, { ...schedule, holidays: ['2026-12-31'] }, 'admin'))).toBe('BAD_USER_INPUT');
    const loaded = await t.gql(LOAD, schedule, 'admin');
    expect(loaded.data).toEqual({ loadHolidaySchedule: { ...schedule, source: 'admin' } });
    const years = await t.gql<{ holidayScheduleYears: { year: number; source: string }[] }>(
      '{ holidayScheduleYears { year source } }',
      {},
      'sup',
    );
    expect(years.data!.holidayScheduleYears.at(-1)).toEqual({ year: 2027, source: 'admin' });
    expect(years.data!.holidayScheduleYears[0]).toEqual({ year: 2004, source: 'chinese-days' });

    // Due Wednesday 02-10: five working days back by the loaded schedule is 02-02 (02-06 worked,
    // 02-08 and 02-09 off); by weekdays alone it would be 02-03.
    const E = G;
    await db.query(`UPDATE task SET due_date = '2027-02-10' WHERE id = $1`, [E]);
    const result = await sweep('2027-02-02');
    expect(result.unknownYears).toEqual([]);
    const e = await task(E);
    expect(e.escalations.filter((x) => x.dueDate === '2027-02-10')).toEqual([
      expect.objectContaining({ level: 1, asOf: '2027-02-02', calendarFallback: false }),
    ]);
  });

  describe("each task's escalation state (task_escalation, kept by triggers on task)", () => {
    it('follows every task: published, closed, and moved to a new due date', async () => {
      const drift = await db.query(
        `SELECT t.id FROM task t LEFT JOIN task_escalation s ON s.task_id = t.id
         WHERE s.task_id IS NULL OR s.due_date <> t.due_date
            OR s.open <> (t.status NOT IN ('COMPLETED','CANCELLED')) OR s.plan_id <> t.plan_id`,
      );
      expect(drift).toEqual([]);
      const [{ open }] = await db.query('SELECT open FROM task_escalation WHERE task_id = $1', [C]);
      expect(open).toBe(false);
    });

    it('refuses an event for a task that does not exist, and deleting a task that has events', async () => {
      await expect(
        db.query(`INSERT INTO escalation_event (task_id, level, due_date, as_of)
                  VALUES (gen_random_uuid(), 1, '2025-01-01', '2025-01-01')`),
      ).rejects.toMatchObject({ driverError: { code: '23503' } });
      await expect(db.query('DELETE FROM task WHERE id = $1', [B])).rejects.toMatchObject({
        driverError: { code: '23503' },
      });
      await expect(
        db.query('UPDATE escalation_event SET task_id = $1 WHERE task_id = $2', [A, B]),
      ).rejects.toMatchObject({
        driverError: { code: '23503' },
      });
      expect(await db.query('SELECT count(*)::int AS n FROM escalation_event WHERE task_id = $1', [B])).toEqual([
        { n: 4 },
      ]);
    });

    it('raises nothing for a task whose due date moves while the sweep is choosing it', async () => {
      const [{ id: X }] = await db.query(
        `SELECT id FROM task WHERE id <> ALL($1) AND status NOT IN ('COMPLETED','CANCELLED') ORDER BY id LIMIT 1`,
        [[A, B, C, G, H]],
      );
      await db.query(`UPDATE task SET due_date = '2025-01-10' WHERE id = $1`, [X]);
      const mover = db.createQueryRunner();
      await mover.connect();
      try {
        await mover.startTransaction();
        await mover.query(`UPDATE task SET due_date = '2026-07-15' WHERE id = $1`, [X]);
        const sweeping = sweep('2025-11-12');
        // The sweep read X's old due date and now waits for the row the mover holds.
        for (let waiting = 0; !waiting; await new Promise((r) => setTimeout(r, 50))) {
          [{ waiting }] = await db.query(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity
             WHERE wait_event_type = 'Lock' AND query LIKE '%WITH cand AS%' AND datname = current_database()`,
          );
        }
        await mover.commitTransaction();
        await sweeping;
      } finally {
        await mover.release();
      }
      const x = await task(X);
      expect(x).toMatchObject({ dueDate: '2026-07-15', escalationLevel: 0 });
      expect(x.escalations.filter((e) => e.dueDate === '2025-01-10' || e.dueDate === '2026-07-15')).toEqual([]);
    });

    it('takes up the level already raised when a task returns to an earlier due date', async () => {
      expect((await task(B)).escalationLevel).toBe(4);
      await db.query(`UPDATE task SET due_date = '2026-07-15' WHERE id = $1`, [B]);
      expect((await task(B)).escalationLevel).toBe(0);
      await db.query(`UPDATE task SET due_date = '2025-01-10' WHERE id = $1`, [B]);
      expect((await task(B)).escalationLevel).toBe(4);
    });

    it('raises the rest of the ladder when an event above the task level already exists', async () => {
      const [{ id: Y }] = await db.query(
        `SELECT id FROM task WHERE id <> ALL($1) AND status NOT IN ('COMPLETED','CANCELLED') ORDER BY id OFFSET 1 LIMIT 1`,
        [[A, B, C, G, H]],
      );
      await db.query(`UPDATE task SET due_date = '2025-01-20' WHERE id = $1`, [Y]);
      // Written by hand behind the sweep's back: the task still stands at level 0.
      await db.query(
        `INSERT INTO escalation_event (task_id, level, due_date, as_of) VALUES ($1, 2, '2025-01-20', '2025-01-21')`,
        [Y],
      );
      expect((await sweep('2025-11-13')).raised).toBeGreaterThanOrEqual(3);
      const y = await task(Y);
      expect(y.escalationLevel).toBe(4);
      expect(
        y.escalations
          .filter((e) => e.dueDate === '2025-01-20')
          .map((e) => [e.level, e.asOf])
          .sort(),
      ).toEqual([
        [1, '2025-11-13'],
        [2, '2025-01-21'],
        [3, '2025-11-13'],
        [4, '2025-11-13'],
      ]);
    });
  });
});
