import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { shanghaiToday } from '../libs/common/src/index.js';
import { publishSeed, SEED_CHONGQING, SEED_TENGZHOU } from './support/seed-plans.js';
import { codeOf, TestApp } from './support/test-app.js';

// Setting up imports and publishes a seed plan: slow when the machine is busy.
jest.setTimeout(60_000);

const SCORECARDS = `query($planId: ID, $asOf: Date!) { departmentScorecards(planId: $planId, asOf: $asOf) {
  department { id key } rank tasksTotal tasksCompleted completedOnTime tasksDue dueCompletedOnTime onTimeRate overdue
  escalationsByLevel noticesIssued reportTimeliness reportReminders score } }`;
const ATTAINMENT = `query($planId: ID!, $asOf: Date) { indicatorAttainment(planId: $planId, asOf: $asOf) {
  indicatorId name target targetYear baselineValue value valueYear status reason } }`;
const RULES = `mutation($input: ScoringRulesInput!) { updateScoringRules(input: $input) {
  id weightOnTime weightNotOverdue weightReporting escalationPenalties noticePenalty reportWindowDays } }`;

interface Card {
  department: { id: string; key: string };
  rank: number;
  tasksTotal: number;
  tasksCompleted: number;
  completedOnTime: number;
  tasksDue: number;
  dueCompletedOnTime: number;
  onTimeRate: number;
  overdue: number;
  escalationsByLevel: number[];
  noticesIssued: number;
  reportTimeliness: number | null;
  reportReminders: number;
  score: number;
}
interface Attainment {
  indicatorId: string;
  name: string;
  target: string | null;
  targetYear: number | null;
  value: string | null;
  status: string;
  reason: string;
}

describe("leaders' views: scorecards and indicator attainment", () => {
  let t: TestApp;
  let db: DataSource;
  let planId: string;
  let healthId: string;
  let health: string[];

  beforeAll(async () => {
    t = await TestApp.start();
    db = t.get(DataSource);
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('leader', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    await t.user('cq.leader', UserRole.LEADER, { jurisdictionKey: 'chongqing' });
    await t.user('health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    [planId] = await publishSeed(t, SEED_TENGZHOU, 'admin');
    healthId = (await db.query(`SELECT id FROM department WHERE key = 'tengzhou.HEALTH'`))[0].id;
    health = (
      await db.query('SELECT id FROM task WHERE plan_id = $1 AND department_id = $2 ORDER BY id', [planId, healthId])
    ).map((r: { id: string }) => r.id);
    expect(health.length).toBeGreaterThanOrEqual(6);
    await arrangeHealthTasks();
  });
  afterAll(() => t.stop());

  /**
   * As of 2020-12-31: t1 done on time, t2 done after its original date (extended), t3 overdue,
   * t4 not due, t5 accepted only in 2021 (open and overdue then), t6 cancelled; the rest due 2030.
   */
  async function arrangeHealthTasks() {
    const [t1, t2, t3, t4, t5, t6] = health;
    await db.query(
      `UPDATE task SET status = 'NOT_STARTED', due_date = '2030-12-31', original_due_date = '2030-12-31',
         completed_at = NULL WHERE department_id = $1`,
      [healthId],
    );
    const set = (id: string, sql: string) => db.query(`UPDATE task SET ${sql} WHERE id = $1`, [id]);
    await set(
      t1!,
      `status = 'COMPLETED', completed_at = '2020-03-01T10:00+08', original_due_date = '2020-06-30', due_date = '2020-06-30'`,
    );
    await set(
      t2!,
      `status = 'COMPLETED', completed_at = '2020-09-01T10:00+08', original_due_date = '2020-06-30', due_date = '2020-10-31'`,
    );
    await set(t3!, `status = 'IN_PROGRESS', original_due_date = '2020-06-30', due_date = '2020-06-30'`);
    await set(t4!, `original_due_date = '2021-06-30', due_date = '2021-06-30'`);
    await set(
      t5!,
      `status = 'COMPLETED', completed_at = '2021-02-01T10:00+08', original_due_date = '2020-11-30', due_date = '2020-11-30'`,
    );
    await set(t6!, `status = 'CANCELLED', original_due_date = '2020-01-31', due_date = '2020-01-31'`);
    const event = (task: string, level: number, asOf: string) =>
      db.query(`INSERT INTO escalation_event (task_id, level, due_date, as_of) VALUES ($1, $2, '2020-06-30', $3)`, [
        task,
        level,
        asOf,
      ]);
    await event(t3!, 1, '2020-06-23');
    await event(t3!, 2, '2020-07-01');
    await event(t3!, 3, '2020-07-14');
    await event(t3!, 4, '2021-01-10'); // after asOf: not counted
    await event(t5!, 1, '2020-11-23');
    await event(t5!, 2, '2020-12-01');
    await event(t6!, 2, '2020-02-03'); // a cancelled task's: not counted
    const notice = async (seq: number, createdAt: string, task: string) => {
      const [{ id }] = await db.query(
        `INSERT INTO supervision_notice (jurisdiction_id, year, seq, number, department_id, requirements, response_due,
           issued_by, created_at)
         SELECT d.jurisdiction_id, 2020, $2::int, '督办〔2020〕' || $2::text || '号', d.id, '限期整改', '2021-01-31',
                (SELECT id FROM app_user WHERE username = 'sup'), $3
         FROM department d WHERE d.id = $1 RETURNING id`,
        [healthId, seq, createdAt],
      );
      await db.query('INSERT INTO supervision_notice_task (notice_id, task_id) VALUES ($1, $2)', [id, task]);
    };
    await notice(1, '2020-12-01T09:00+08', t3!);
    await notice(2, '2021-01-05T09:00+08', t3!); // after asOf
    await db.query(
      `INSERT INTO report_reminder (task_id, period_start, period_end, report_due, as_of)
       VALUES ($1, '2020-10-01', '2020-10-31', '2020-11-06', '2020-11-09'), ($1, '2021-01-01', '2021-01-31', '2021-02-05', '2021-02-08')`,
      [t3],
    );
  }

  const cards = async (vars: Record<string, unknown>, as = 'leader') => {
    const res = await t.gql<{ departmentScorecards: Card[] }>(SCORECARDS, vars, as);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.departmentScorecards;
  };

  it('counts a department as of a date: on time against the original due date, overdue, escalations, notices', async () => {
    const card = (await cards({ planId, asOf: '2020-12-31' })).find((c) => c.department.id === healthId)!;
    const total = health.length - 1; // the cancelled task is not the department's work any more
    expect(card).toMatchObject({
      tasksTotal: total,
      tasksCompleted: 2,
      completedOnTime: 1,
      tasksDue: 4,
      dueCompletedOnTime: 1,
      onTimeRate: 0.25,
      overdue: 2,
      escalationsByLevel: [2, 2, 1, 0],
      noticesIssued: 1,
      reportTimeliness: null, // every task was created after the window began
      reportReminders: 1,
    });
    // docs/scoring.md, default rules: 50×0.25 + 30×(1 − 2/total) + 20×1, less 0.5×2 + 1×1 (escalations) + 1×1 (notice)
    const expected = Math.round((12.5 + 30 * (1 - 2 / total) + 20 - 3) * 10) / 10;
    expect(card.score).toBe(expected);
  });

  it('orders the league table by score, best first, equal scores sharing a rank (并列), and reads the same across the jurisdiction', async () => {
    const table = await cards({ planId, asOf: '2020-12-31' });
    const competitionRanks = table.map((c, i) => 1 + table.slice(0, i).filter((d) => d.score > c.score).length);
    expect(table.map((c) => c.rank)).toEqual(competitionRanks);
    expect(new Set(table.map((c) => c.rank)).size).toBeLessThan(table.length); // the seed has equal scores
    expect(table.map((c) => c.score)).toEqual([...table.map((c) => c.score)].sort((a, b) => b - a));
    const departments: { n: number }[] = await db.query(
      `SELECT count(DISTINCT department_id)::int AS n FROM task WHERE plan_id = $1 AND status <> 'CANCELLED'`,
      [planId],
    );
    expect(table).toHaveLength(departments[0]!.n);
    expect(table.at(-1)!.department.id).toBe(healthId); // the only department with anything overdue
    const wide = await cards({ asOf: '2020-12-31' });
    expect(wide.find((c) => c.department.id === healthId)).toEqual(table.find((c) => c.department.id === healthId));
    expect(await cards({ asOf: '2020-12-31' }, 'cq.leader')).toEqual([]);
  });

  it('moves with asOf: later completions, escalations and notices count when their date has come', async () => {
    const card = (await cards({ planId, asOf: '2021-03-01' })).find((c) => c.department.id === healthId)!;
    expect(card).toMatchObject({
      tasksCompleted: 3,
      completedOnTime: 1,
      overdue: 1,
      escalationsByLevel: [2, 2, 1, 1],
      noticesIssued: 2,
      reportReminders: 2,
    });
  });

  it('measures report timeliness over the reporting window before asOf', async () => {
    const [, , t3, t4] = health;
    await db.query(`UPDATE task SET created_at = '2020-01-01' WHERE department_id = $1`, [healthId]);
    const report = await t.gql(
      'mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) { id } }',
      { input: { taskId: t4, progressPercent: 10, narrative: '已启动' } },
      'health',
    );
    expect(report.errors).toBeUndefined();
    await db.query(
      `INSERT INTO progress_report (task_id, author_id, submitted_at, progress_percent, narrative)
       VALUES ($1, (SELECT id FROM app_user WHERE username = 'health'), '2020-12-20T10:00+08', 40, '推进中')`,
      [t3],
    );
    const then = (await cards({ planId, asOf: '2020-12-31' })).find((c) => c.department.id === healthId)!;
    const open2020 = health.length - 1 - 2; // less the cancelled and the two completed by then
    expect(then.reportTimeliness).toBeCloseTo(1 / open2020, 6);
    const today = shanghaiToday();
    const now = (await cards({ planId, asOf: today })).find((c) => c.department.id === healthId)!;
    expect(now.reportTimeliness).toBeCloseTo(1 / (open2020 - 1), 6); // t5 is done by now; t4 reported today
  });

  it('scores by rules an ADMIN changes, and only an ADMIN', async () => {
    expect(codeOf(await t.gql(RULES, { input: { weightOnTime: 100 } }, 'sup'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(RULES, { input: { escalationPenalties: [1, 2, 3] } }, 'admin'))).toBe('BAD_USER_INPUT');
    expect(
      codeOf(await t.gql(RULES, { input: { weightOnTime: 0, weightNotOverdue: 0, weightReporting: 0 } }, 'admin')),
    ).toBe('BAD_USER_INPUT');
    const changed = await t.gql<{ updateScoringRules: { weightOnTime: number; escalationPenalties: number[] } }>(
      RULES,
      {
        input: {
          weightOnTime: 1,
          weightNotOverdue: 0,
          weightReporting: 0,
          escalationPenalties: [0, 0, 0, 0],
          noticePenalty: 0,
        },
      },
      'admin',
    );
    expect(changed.data!.updateScoringRules).toMatchObject({ weightOnTime: 1, escalationPenalties: [0, 0, 0, 0] });
    const card = (await cards({ planId, asOf: '2020-12-31' })).find((c) => c.department.id === healthId)!;
    expect(card.score).toBe(25); // on time only: 1 of 4 due
    const rules = await t.gql<{ scoringRules: { weightOnTime: number } }>(
      '{ scoringRules { weightOnTime } }',
      {},
      'leader',
    );
    expect(rules.data!.scoringRules.weightOnTime).toBe(1);
  });

  it('refuses liaisons and plans outside the jurisdiction', async () => {
    expect(codeOf(await t.gql(SCORECARDS, { planId, asOf: '2020-12-31' }, 'health'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(SCORECARDS, { planId, asOf: '2020-12-31' }, 'cq.leader'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(SCORECARDS, { planId, asOf: '2020-02-30' }, 'leader'))).toBe('BAD_USER_INPUT');
  });

  describe('indicator attainment (重庆 精神卫生 plan: baselines of 2022, targets for 2025)', () => {
    let cqPlan: string;
    const indicatorBy = async (target: string): Promise<string> =>
      (
        await db.query(`SELECT id FROM indicator WHERE plan_id = $1 AND targets @> $2::jsonb`, [
          cqPlan,
          JSON.stringify([{ value: target }]),
        ])
      )[0].id;

    beforeAll(async () => {
      await t.user('cq.sup', UserRole.SUPERVISOR, { jurisdictionKey: 'chongqing' });
      await t.user('cq.health', UserRole.LIAISON, { departmentKey: 'chongqing.HEALTH' });
      const plans = await publishSeed(t, SEED_CHONGQING, 'admin');
      const [row] = await db.query(
        `SELECT plan_id FROM indicator WHERE plan_id = ANY($1::uuid[]) GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
        [plans],
      );
      cqPlan = row.plan_id;
      const [task] = await db.query(
        `SELECT t.id FROM task t JOIN department d ON d.id = t.department_id
         WHERE t.plan_id = $1 AND d.key = 'chongqing.HEALTH' ORDER BY t.id LIMIT 1`,
        [cqPlan],
      );
      const report = async (values: { target: string; value: string }[], submittedAt: string) => {
        const indicatorValues = await Promise.all(
          values.map(async (v) => ({ indicatorId: await indicatorBy(v.target), value: v.value })),
        );
        const res = await t.gql<{ submitProgressReport: { id: string } }>(
          'mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) { id } }',
          { input: { taskId: task.id, progressPercent: 30, narrative: '指标报送', indicatorValues } },
          'cq.health',
        );
        expect(res.errors).toBeUndefined();
        await db.query('UPDATE progress_report SET submitted_at = $2 WHERE id = $1', [
          res.data!.submitProgressReport.id,
          submittedAt,
        ]);
      };
      await report(
        [
          { target: '≥70', value: '72' },
          { target: '1/80', value: '1/110' },
          { target: '5—10', value: '7' },
          { target: '≥95', value: '90' },
        ],
        '2024-06-01T10:00+08',
      );
      await report([{ target: '≥95', value: '93.5' }], '2024-06-20T10:00+08');
      await report([{ target: '≥70', value: '59' }], '2024-07-15T10:00+08');
    });

    const attainment = async (asOf: string, as = 'cq.sup') => {
      const res = await t.gql<{ indicatorAttainment: Attainment[] }>(ATTAINMENT, { planId: cqPlan, asOf }, as);
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      return res.data.indicatorAttainment;
    };
    const byTarget = async (list: Attainment[], target: string) => {
      const id = await indicatorBy(target);
      return list.find((a) => a.indicatorId === id)!;
    };

    it('judges each indicator against its target for the year, with the reason', async () => {
      const list = await attainment('2024-06-30');
      expect(await byTarget(list, '≥70')).toMatchObject({ status: 'ON_TRACK', value: '72', targetYear: 2025 });
      const ratio = await byTarget(list, '1/80'); // 1/120 → 1/80: a fifth of the way at half time
      expect(ratio).toMatchObject({ status: 'AT_RISK', value: '1/110' });
      expect(ratio.reason).toContain('进度滞后');
      expect(await byTarget(list, '5—10')).toMatchObject({ status: 'ON_TRACK', value: '7' });
      const latest = await byTarget(list, '≥95'); // 93 → 95: the later report (93.5) counts
      expect(latest).toMatchObject({ status: 'AT_RISK', value: '93.5' });
      const unreported = list.filter((a) => a.value === null);
      expect(unreported.length).toBeGreaterThan(0);
      expect(unreported.every((a) => a.status === 'UNKNOWN' && a.reason.includes('尚无上报值'))).toBe(true);
    });

    it('takes the latest value reported up to asOf', async () => {
      expect(await byTarget(await attainment('2024-07-31'), '≥70')).toMatchObject({ status: 'OFF_TRACK', value: '59' });
      expect((await byTarget(await attainment('2024-05-31'), '≥70')).status).toBe('UNKNOWN');
      expect((await byTarget(await attainment('2026-03-31'), '5—10')).status).toBe('ON_TRACK');
      const missed = await byTarget(await attainment('2026-03-31'), '≥95');
      expect(missed.status).toBe('OFF_TRACK');
      expect(missed.reason).toContain('目标年度已过');
    });

    it('is read within the plan’s scope', async () => {
      expect((await attainment('2024-06-30', 'cq.health')).length).toBeGreaterThan(0);
      expect(codeOf(await t.gql(ATTAINMENT, { planId: cqPlan, asOf: '2024-06-30' }, 'leader'))).toBe('FORBIDDEN');
    });
  });
});
