import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { publishSeed, SEED_TENGZHOU } from './support/seed-plans.js';
import { codeOf, TestApp } from './support/test-app.js';

// Setting up imports and publishes a seed plan: slow when the machine is busy.
jest.setTimeout(60_000);

const EVALUATION_FIELDS = `id kind title asOf status publishedAt plan { id } rules { id weightOnTime }
  scorecards { department { id } rank tasksTotal completedOnTime overdue escalationsByLevel noticesIssued score }
  indicators { indicatorId status reason }`;
const CREATE = `mutation($input: CreateEvaluationInput!) { createEvaluation(input: $input) { ${EVALUATION_FIELDS} } }`;
const RECOMPUTE = `mutation($id: ID!, $asOf: Date) { recomputeEvaluation(id: $id, asOf: $asOf) { ${EVALUATION_FIELDS} } }`;
const PUBLISH = `mutation($id: ID!) { publishEvaluation(id: $id) { ${EVALUATION_FIELDS} } }`;
const GET = `query($id: ID!) { evaluation(id: $id) { ${EVALUATION_FIELDS} } }`;
const SCORECARDS = `query($planId: ID, $asOf: Date!) { departmentScorecards(planId: $planId, asOf: $asOf) {
  department { id } rank tasksTotal completedOnTime overdue escalationsByLevel noticesIssued score } }`;

interface Evaluation {
  id: string;
  kind: string;
  title: string;
  asOf: string;
  status: string;
  publishedAt: string | null;
  plan: { id: string };
  rules: { id: string; weightOnTime: number };
  scorecards: { department: { id: string }; rank: number; overdue: number; score: number }[];
  indicators: { indicatorId: string; status: string }[];
}

describe('evaluations (中期评估 / 终期评估): frozen when computed, never changed once published', () => {
  let t: TestApp;
  let db: DataSource;
  let planId: string;
  let healthTasks: string[];

  beforeAll(async () => {
    t = await TestApp.start();
    db = t.get(DataSource);
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('cq.sup', UserRole.SUPERVISOR, { jurisdictionKey: 'chongqing' });
    await t.user('leader', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    await t.user('health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    [planId] = await publishSeed(t, SEED_TENGZHOU, 'admin');
    healthTasks = (
      await db.query(
        `SELECT t.id FROM task t JOIN department d ON d.id = t.department_id
         WHERE t.plan_id = $1 AND d.key = 'tengzhou.HEALTH' ORDER BY t.id`,
        [planId],
      )
    ).map((r: { id: string }) => r.id);
    await db.query(`UPDATE task SET due_date = '2030-12-31', original_due_date = '2030-12-31' WHERE plan_id = $1`, [
      planId,
    ]);
    // The Tengzhou plan prints no indicator table: give it one indicator to freeze.
    await db.query(
      `INSERT INTO indicator (plan_id, ordinal, name, unit, baseline_year, baseline_value, targets, source_line)
       VALUES ($1, 0, '家庭医生签约服务覆盖率', '%', 2016, '30', '[{"year": 2020, "value": "≥60"}]', 1)`,
      [planId],
    );
  });
  afterAll(() => t.stop());

  const create = (kind: string, asOf: string, as = 'sup') =>
    t.gql<{ createEvaluation: Evaluation }>(CREATE, { input: { planId, kind, asOf } }, as);
  const live = async (asOf: string) =>
    (await t.gql<{ departmentScorecards: Evaluation['scorecards'] }>(SCORECARDS, { planId, asOf }, 'leader')).data!
      .departmentScorecards;
  const makeOverdue = (id: string) =>
    db.query(`UPDATE task SET due_date = '2020-03-31', original_due_date = '2020-03-31' WHERE id = $1`, [id]);
  const health = (e: Evaluation) => e.scorecards.find((c) => c.department.id === healthOf(e))!;
  let healthDepartment: string;
  const healthOf = (_: Evaluation) => healthDepartment;

  it('lets the supervision office freeze the league table and indicator attainment as of a date', async () => {
    healthDepartment = (await db.query(`SELECT id FROM department WHERE key = 'tengzhou.HEALTH'`))[0].id;
    await makeOverdue(healthTasks[0]!);
    const res = await create('MID_TERM', '2020-06-30');
    expect(res.errors).toBeUndefined();
    const e = res.data!.createEvaluation;
    expect(e).toMatchObject({
      kind: 'MID_TERM',
      asOf: '2020-06-30',
      status: 'DRAFT',
      publishedAt: null,
      plan: { id: planId },
    });
    expect(e.title).toContain('中期评估');
    expect(e.scorecards).toEqual(await live('2020-06-30'));
    expect(health(e).overdue).toBe(1);
    expect(e.indicators).toEqual([
      { indicatorId: expect.any(String), status: 'UNKNOWN', reason: expect.stringContaining('尚无上报值') },
    ]);
    const frozen = await db.query('SELECT count(*)::int AS n FROM evaluation_scorecard WHERE evaluation_id = $1', [
      e.id,
    ]);
    expect(frozen[0].n).toBe(e.scorecards.length);
  });

  it('refuses leaders, liaisons and other jurisdictions (FORBIDDEN), drafts and bad dates (BAD_USER_INPUT)', async () => {
    expect(codeOf(await create('FINAL', '2020-12-31', 'leader'))).toBe('FORBIDDEN');
    expect(codeOf(await create('FINAL', '2020-12-31', 'health'))).toBe('FORBIDDEN');
    expect(codeOf(await create('FINAL', '2020-12-31', 'cq.sup'))).toBe('FORBIDDEN');
    expect(codeOf(await create('FINAL', '2020-13-01'))).toBe('BAD_USER_INPUT');
    await db.query(`UPDATE plan SET status = 'DRAFT' WHERE id = $1`, [planId]);
    expect(codeOf(await create('FINAL', '2020-12-31'))).toBe('BAD_USER_INPUT');
    await db.query(`UPDATE plan SET status = 'PUBLISHED' WHERE id = $1`, [planId]);
    const count = await db.query('SELECT count(*)::int AS n FROM evaluation');
    expect(count[0].n).toBe(1);
  });

  it('recomputes a draft with what changed since, then publishes it; a published one never changes', async () => {
    const draft = (await create('FINAL', '2020-12-31')).data!.createEvaluation;
    await makeOverdue(healthTasks[1]!);
    const recomputed = await t.gql<{ recomputeEvaluation: Evaluation }>(RECOMPUTE, { id: draft.id }, 'sup');
    expect(recomputed.errors).toBeUndefined();
    expect(health(recomputed.data!.recomputeEvaluation).overdue).toBe(2);
    expect(codeOf(await t.gql(PUBLISH, { id: draft.id }, 'leader'))).toBe('FORBIDDEN');

    const published = await t.gql<{ publishEvaluation: Evaluation }>(PUBLISH, { id: draft.id }, 'sup');
    expect(published.errors).toBeUndefined();
    const p = published.data!.publishEvaluation;
    expect(p.status).toBe('PUBLISHED');
    expect(p.publishedAt).toEqual(expect.any(String));

    // The world moves on: the live table follows, the published evaluation does not.
    await makeOverdue(healthTasks[2]!);
    await t.gql(
      'mutation($input: ScoringRulesInput!) { updateScoringRules(input: $input) { id } }',
      { input: { weightOnTime: 5 } },
      'admin',
    );
    const liveHealth = (await live('2020-12-31')).find((c) => c.department.id === healthDepartment)!;
    expect(liveHealth.overdue).toBe(3);
    const read = (await t.gql<{ evaluation: Evaluation }>(GET, { id: draft.id }, 'leader')).data!.evaluation;
    expect(read).toEqual(p);
    expect(read.rules.weightOnTime).toBe(50);

    expect(codeOf(await t.gql(RECOMPUTE, { id: draft.id }, 'sup'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(RECOMPUTE, { id: draft.id, asOf: '2021-06-30' }, 'admin'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(PUBLISH, { id: draft.id }, 'sup'))).toBe('BAD_USER_INPUT');
    expect((await t.gql<{ evaluation: Evaluation }>(GET, { id: draft.id }, 'leader')).data!.evaluation).toEqual(p);
  });

  it('publishes one evaluation of each kind per plan', async () => {
    const second = (await create('FINAL', '2021-06-30')).data!.createEvaluation;
    expect(codeOf(await t.gql(PUBLISH, { id: second.id }, 'sup'))).toBe('BAD_USER_INPUT');
    const list = (
      await t.gql<{ evaluations: { id: string; status: string; kind: string }[] }>(
        'query($planId: ID!) { evaluations(planId: $planId) { id status kind } }',
        { planId },
        'leader',
      )
    ).data!.evaluations;
    expect(list.map((e) => [e.kind, e.status])).toEqual([
      ['FINAL', 'DRAFT'],
      ['FINAL', 'PUBLISHED'],
      ['MID_TERM', 'DRAFT'],
    ]);
    const mid = await t.gql<{ publishEvaluation: Evaluation }>(PUBLISH, { id: list[2]!.id }, 'admin');
    expect(mid.data!.publishEvaluation.status).toBe('PUBLISHED');
  });

  it('enforces the freeze in the database too, whatever writes to it', async () => {
    const [{ id }] = await db.query(`SELECT id FROM evaluation WHERE status = 'PUBLISHED' LIMIT 1`);
    const refused = async (sql: string, params: unknown[] = [id]) =>
      db.query(sql, params).then(
        () => 'changed',
        (error: { driverError?: { code?: string } }) => error.driverError?.code,
      );
    expect(await refused(`UPDATE evaluation SET title = '改' WHERE id = $1`)).toBe('LSF01');
    expect(await refused(`DELETE FROM evaluation WHERE id = $1`)).toBe('LSF01');
    expect(await refused(`UPDATE evaluation_scorecard SET score = 100 WHERE evaluation_id = $1`)).toBe('LSF01');
    expect(await refused(`DELETE FROM evaluation_indicator WHERE evaluation_id = $1`)).toBe('LSF01');
    expect(await refused(`DELETE FROM evaluation_scorecard WHERE evaluation_id = $1`)).toBe('LSF01');
    expect(
      await refused(
        `INSERT INTO evaluation_scorecard (evaluation_id, department_id, rank, tasks_total, tasks_completed,
           completed_on_time, tasks_due, due_completed_on_time, overdue, escalations_by_level, notices_issued,
           report_reminders, score)
         SELECT $1, d.id, 99, 0, 0, 0, 0, 0, 0, '{0,0,0,0}', 0, 0, 100 FROM department d
         WHERE NOT EXISTS (SELECT 1 FROM evaluation_scorecard s WHERE s.evaluation_id = $1 AND s.department_id = d.id)
         LIMIT 1`,
      ),
    ).toBe('LSF01');
    const [draft] = await db.query(`SELECT id FROM evaluation WHERE status = 'DRAFT' LIMIT 1`);
    expect(await refused(`UPDATE evaluation SET title = '草稿可改' WHERE id = $1`, [draft.id])).toBe('changed');
  });
});
