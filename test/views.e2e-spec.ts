import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { publishSeed, SEED_TENGZHOU } from './support/seed-plans.js';
import { codeOf, TestApp } from './support/test-app.js';

// Setting up imports and publishes a seed plan: slow when the machine is busy.
jest.setTimeout(60_000);

const MATRIX = `query($planId: ID!) { responsibilityMatrix(planId: $planId) {
  plan { id } departments { id shortName } measures { id code }
  cells { departmentId measureId taskId role status overdue escalationLevel } } }`;
const OVERVIEW = `query($groupBy: OverviewGrouping, $planId: ID, $departmentId: ID, $asOf: Date) {
  taskOverview(groupBy: $groupBy, planId: $planId, departmentId: $departmentId, asOf: $asOf) {
    asOf groupBy totals { total overdue completed inProgress notStarted }
    rows { departmentId planId department { key } plan { id } notStarted inProgress pendingReview completed cancelled total overdue
      overdueTasks: tasks(overdueOnly: true, first: 1) { totalCount }
      inProgressTasks: tasks(status: [IN_PROGRESS], first: 1) { totalCount } } } }`;
/** The tasks behind a row's overdue number, one department at a time (a page costs its rows). */
const OVERDUE_TASKS = `query($departmentId: ID!, $asOf: Date) { taskOverview(departmentId: $departmentId, asOf: $asOf) {
  rows { tasks(overdueOnly: true, first: 50) { edges { node { id } } } } } }`;

interface Cell {
  departmentId: string;
  measureId: string;
  taskId: string;
  role: string;
  status: string;
  overdue: boolean;
  escalationLevel: number;
}
interface Matrix {
  plan: { id: string };
  departments: { id: string; shortName: string }[];
  measures: { id: string; code: string }[];
  cells: Cell[];
}
interface OverviewRow {
  departmentId: string | null;
  planId: string | null;
  department: { key: string } | null;
  plan: { id: string } | null;
  notStarted: number;
  inProgress: number;
  pendingReview: number;
  completed: number;
  cancelled: number;
  total: number;
  overdue: number;
  overdueTasks: { totalCount: number };
  inProgressTasks: { totalCount: number };
}
interface Overview {
  asOf: string;
  groupBy: string;
  totals: { total: number; overdue: number; completed: number; inProgress: number; notStarted: number };
  rows: OverviewRow[];
}

describe("leaders' views: responsibility matrix and overview", () => {
  let t: TestApp;
  let db: DataSource;
  let planId: string;
  let healthId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    db = t.get(DataSource);
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('leader', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    await t.user('cq.leader', UserRole.LEADER, { jurisdictionKey: 'chongqing' });
    await t.user('health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    await t.user('cq.health', UserRole.LIAISON, { departmentKey: 'chongqing.HEALTH' });
    [planId] = await publishSeed(t, SEED_TENGZHOU, 'admin');
    healthId = (await db.query(`SELECT id FROM department WHERE key = 'tengzhou.HEALTH'`))[0].id;
  });
  afterAll(() => t.stop());

  const matrix = async (as: string) => t.gql<{ responsibilityMatrix: Matrix }>(MATRIX, { planId }, as);
  const overview = async (vars: Record<string, unknown>, as = 'leader') => {
    const res = await t.gql<{ taskOverview: Overview }>(OVERVIEW, vars, as);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.taskOverview;
  };
  const overdueIds = async (departmentId: string, asOf: string) => {
    const res = await t.gql<{ taskOverview: { rows: { tasks: { edges: { node: { id: string } }[] } }[] } }>(
      OVERDUE_TASKS,
      { departmentId, asOf },
      'leader',
    );
    return res.data!.taskOverview.rows[0]!.tasks.edges.map((e) => e.node.id);
  };
  const tasksOf = async (dept: string, n: number): Promise<string[]> =>
    (
      await db.query(
        `SELECT t.id FROM task t JOIN department d ON d.id = t.department_id
         WHERE t.plan_id = $1 AND d.key = $2 ORDER BY t.id LIMIT $3`,
        [planId, dept, n],
      )
    ).map((r: { id: string }) => r.id);

  /** What the roll-ups must hold: the same counts read from the tasks themselves (empty when they do). */
  const rollupDrift = async () => [
    ...(await db.query(`
      SELECT * FROM (
        SELECT p.jurisdiction_id, t.department_id, t.status, count(*)::int AS n
        FROM task t JOIN plan p ON p.id = t.plan_id GROUP BY 1, 2, 3) actual
      FULL JOIN (SELECT * FROM task_status_count WHERE n <> 0) kept USING (jurisdiction_id, department_id, status)
      WHERE actual.n IS DISTINCT FROM kept.n`)),
    ...(await db.query(`
      SELECT * FROM (
        SELECT p.jurisdiction_id, date_trunc('month', t.due_date)::date AS due_month, t.department_id, count(*)::int AS n
        FROM task t JOIN plan p ON p.id = t.plan_id WHERE t.status NOT IN ('COMPLETED','CANCELLED') GROUP BY 1, 2, 3) actual
      FULL JOIN (SELECT * FROM task_open_due WHERE n <> 0) kept USING (jurisdiction_id, due_month, department_id)
      WHERE actual.n IS DISTINCT FROM kept.n`)),
  ];

  it('gives one cell per task of the plan: departments × measures, with role, status, overdue and escalation', async () => {
    const [overdueTask, escalatedTask] = await tasksOf('tengzhou.HEALTH', 2);
    await db.query(`UPDATE task SET due_date = '2020-01-01' WHERE id = $1`, [overdueTask]);
    await db.query(`UPDATE task SET due_date = '2099-12-31' WHERE id = $1`, [escalatedTask]);
    await db.query(`UPDATE task_escalation SET level = 3 WHERE task_id = $1`, [escalatedTask]);

    const res = await matrix('leader');
    expect(res.errors).toBeUndefined();
    const m = res.data!.responsibilityMatrix;
    const tasks: { id: string; department_id: string; measure_id: string; role: string; status: string }[] =
      await db.query('SELECT id, department_id, measure_id, role, status FROM task WHERE plan_id = $1', [planId]);
    expect(m.plan.id).toBe(planId);
    expect(m.cells).toHaveLength(tasks.length);
    expect(new Set(m.cells.map((c) => c.taskId))).toEqual(new Set(tasks.map((x) => x.id)));
    for (const task of tasks) {
      expect(m.cells.find((c) => c.taskId === task.id)).toMatchObject({
        departmentId: task.department_id,
        measureId: task.measure_id,
        role: task.role,
        status: task.status,
      });
    }
    expect(new Set(m.departments.map((d) => d.id))).toEqual(new Set(tasks.map((x) => x.department_id)));
    const measures: { id: string }[] = await db.query('SELECT id FROM measure WHERE plan_id = $1 ORDER BY ordinal', [
      planId,
    ]);
    expect(m.measures.map((x) => x.id)).toEqual(measures.map((x) => x.id));
    expect(m.cells.find((c) => c.taskId === overdueTask)).toMatchObject({ overdue: true, escalationLevel: 0 });
    expect(m.cells.find((c) => c.taskId === escalatedTask)).toMatchObject({ overdue: false, escalationLevel: 3 });
    // The department leading the most measures comes first.
    const leads = (id: string) => m.cells.filter((c) => c.departmentId === id && c.role === 'LEAD').length;
    expect(m.departments.map((d) => leads(d.id))).toEqual(
      [...m.departments.map((d) => leads(d.id))].sort((a, b) => b - a),
    );
  });

  it('scopes the matrix: ADMIN and the jurisdiction see it, another jurisdiction does not', async () => {
    expect((await matrix('admin')).data!.responsibilityMatrix.cells.length).toBeGreaterThan(0);
    expect((await matrix('sup')).data!.responsibilityMatrix.cells.length).toBeGreaterThan(0);
    expect(codeOf(await matrix('cq.leader'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(MATRIX, { planId: '00000000-0000-0000-0000-000000000001' }, 'leader'))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(MATRIX, { planId }))).toBe('UNAUTHENTICATED');
  });

  it('shows a liaison the measures its department is on, with every department there; FORBIDDEN without tasks in the plan', async () => {
    expect(codeOf(await matrix('cq.health'))).toBe('FORBIDDEN');
    const res = await matrix('health');
    expect(res.errors).toBeUndefined();
    const m = res.data!.responsibilityMatrix;
    const own: { measure_id: string }[] = await db.query(
      'SELECT DISTINCT measure_id FROM task WHERE plan_id = $1 AND department_id = $2',
      [planId, healthId],
    );
    expect(new Set(m.measures.map((x) => x.id))).toEqual(new Set(own.map((r) => r.measure_id)));
    const onThose: { n: number }[] = await db.query(
      'SELECT count(*)::int AS n FROM task WHERE measure_id = ANY($1::uuid[])',
      [own.map((r) => r.measure_id)],
    );
    expect(m.cells).toHaveLength(onThose[0]!.n);
    expect(m.departments.length).toBeGreaterThan(1); // the cooperating departments on its measures
  });

  it('counts tasks per department by status and overdue, jurisdiction-wide, matching the tasks', async () => {
    // Due dates inside asOf's month: only those before asOf are overdue.
    const [early, late, done] = await tasksOf('tengzhou.PUBLIC_SECURITY', 3);
    await db.query(`UPDATE task SET due_date = '2020-06-03' WHERE id = $1`, [early]);
    await db.query(`UPDATE task SET due_date = '2020-06-20' WHERE id = $1`, [late]);
    await db.query(
      `UPDATE task SET due_date = '2020-05-01', status = 'COMPLETED', completed_at = '2020-04-01' WHERE id = $1`,
      [done],
    );
    const asOf = '2020-06-15';
    const o = await overview({ asOf });
    expect(o).toMatchObject({ asOf, groupBy: 'DEPARTMENT' });
    const expected: { department_id: string; total: number; overdue: number; completed: number }[] = await db.query(
      `SELECT department_id, count(*)::int AS total, count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed,
              count(*) FILTER (WHERE status NOT IN ('COMPLETED','CANCELLED') AND due_date < $1)::int AS overdue
       FROM task GROUP BY 1`,
      [asOf],
    );
    expect(o.rows).toHaveLength(expected.length);
    for (const e of expected) {
      expect(o.rows.find((r) => r.departmentId === e.department_id)).toMatchObject({
        total: e.total,
        overdue: e.overdue,
        completed: e.completed,
        planId: null,
      });
    }
    expect(o.totals.total).toBe(expected.reduce((s, e) => s + e.total, 0));
    const police = o.rows.find((r) => r.department?.key === 'tengzhou.PUBLIC_SECURITY')!;
    expect(await overdueIds(police.departmentId!, asOf)).toContain(early);
    expect(await overdueIds(police.departmentId!, asOf)).not.toContain(late);
    // Most overdue first.
    expect(o.rows.map((r) => r.overdue)).toEqual([...o.rows.map((r) => r.overdue)].sort((a, b) => b - a));
    expect(await rollupDrift()).toEqual([]);
  });

  it('opens every number with the tasks query behind it', async () => {
    const o = await overview({ asOf: '2021-01-01' });
    for (const row of o.rows) {
      expect(row.overdueTasks.totalCount).toBe(row.overdue);
      expect(row.inProgressTasks.totalCount).toBe(row.inProgress);
    }
  });

  it('stays consistent with the tasks in the same transaction: status moves, new due dates, inserts and deletes', async () => {
    const [a, b] = await tasksOf('tengzhou.HEALTH', 2);
    const before = (await overview({ asOf: '2030-01-01' })).rows.find((r) => r.departmentId === healthId)!;
    const version = (await db.query('SELECT version FROM task WHERE id = $1', [a]))[0].version;
    const moved = await t.gql(
      'mutation($input: UpdateTaskInput!) { updateTask(input: $input) { status } }',
      { input: { taskId: a, expectedVersion: version, status: 'IN_PROGRESS' } },
      'health',
    );
    expect(moved.errors).toBeUndefined();
    const after = (await overview({ asOf: '2030-01-01' })).rows.find((r) => r.departmentId === healthId)!;
    expect(after.inProgress).toBe(before.inProgress + 1);
    expect(after.notStarted).toBe(before.notStarted - 1);
    expect(after.total).toBe(before.total);

    await db.transaction(async (m) => {
      await m.query(`UPDATE task SET due_date = '2019-02-11' WHERE id = $1`, [b]);
      await m.query(`UPDATE task SET progress_percent = 10`);
      const [{ id }] = await m.query(
        `INSERT INTO task (measure_id, plan_id, department_id, role, due_date, original_due_date)
         SELECT measure_id, plan_id, d.id, 'COOPERATING', '2019-03-31', '2019-03-31'
         FROM task, department d WHERE task.id = $1
           AND NOT EXISTS (SELECT 1 FROM task x WHERE x.measure_id = task.measure_id AND x.department_id = d.id)
         ORDER BY d.key LIMIT 1
         RETURNING id`,
        [b],
      );
      await m.query('DELETE FROM task WHERE id = $1', [id]);
    });
    expect(await rollupDrift()).toEqual([]);
    expect(await overdueIds(healthId, '2019-03-01')).toEqual([b]);
  });

  it('groups by plan for one department, and by department within one plan', async () => {
    const byPlan = await overview({ groupBy: 'PLAN', departmentId: healthId, asOf: '2020-06-15' });
    expect(byPlan.rows).toHaveLength(1);
    const row = byPlan.rows[0]!;
    const [health] = await db.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status NOT IN ('COMPLETED','CANCELLED') AND due_date < $2)::int AS overdue
       FROM task WHERE department_id = $1`,
      [healthId, '2020-06-15'],
    );
    expect(row).toMatchObject({ planId, departmentId: healthId, plan: { id: planId }, ...health });
    expect(row.overdueTasks.totalCount).toBe(health.overdue);

    const inPlan = await overview({ planId, asOf: '2020-06-15' }, 'sup');
    expect(inPlan.rows.every((r) => r.planId === planId)).toBe(true);
    expect(inPlan.totals.total).toBe(
      (await db.query('SELECT count(*)::int AS n FROM task WHERE plan_id = $1', [planId]))[0].n,
    );
  });

  it('refuses liaisons, other jurisdictions’ plans and a plan grouping without a filter', async () => {
    expect(codeOf(await t.gql(OVERVIEW, {}, 'health'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(OVERVIEW, { planId }, 'cq.leader'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(OVERVIEW, { groupBy: 'PLAN' }, 'leader'))).toBe('BAD_USER_INPUT');
    const other = await overview({}, 'cq.leader');
    expect(other.rows).toEqual([]);
  });
});
