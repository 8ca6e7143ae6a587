import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { publishSeed, SEED_TENGZHOU } from './support/seed-plans.js';
import { codeOf, TestApp } from './support/test-app.js';

const TASK = `query($id: ID!) { task(id: $id) { id status version progressPercent dueDate originalDueDate escalationLevel overdue role
  department { functionCode } measure { id code } reports { id progressPercent narrative problems nextSteps author { username } }
  reviews { accepted comment } cooperatingTasks { id role department { functionCode } reports { narrative } } } }`;
const UPDATE = `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { id status version progressPercent dueDate } }`;
const REPORT = `mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) { id progressPercent narrative author { username } task { id version } } }`;

interface TaskView {
  id: string;
  status: string;
  version: number;
  progressPercent: number;
  dueDate: string;
  originalDueDate: string;
  escalationLevel: number;
  role: string;
  department: { functionCode: string };
  measure: { id: string; code: string };
  reports: { id: string; progressPercent: number; narrative: string; author: { username: string } }[];
  reviews: { accepted: boolean; comment: string | null }[];
  cooperatingTasks: {
    id: string;
    role: string;
    department: { functionCode: string };
    reports: { narrative: string }[];
  }[];
}

describe('department work on tasks', () => {
  let t: TestApp;
  let db: DataSource;
  let planId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    db = t.get(DataSource);
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('leader', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    await t.user('health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    await t.user('police', UserRole.LIAISON, { departmentKey: 'tengzhou.PUBLIC_SECURITY' });
    [planId] = await publishSeed(t, SEED_TENGZHOU, 'admin');
  });
  afterAll(() => t.stop());

  /** A task of `dept` on a measure where `dept` leads and another department cooperates. */
  async function leadTask(dept: string): Promise<{ lead: string; cooperating: string; cooperatingDept: string }> {
    const rows = await db.query(
      `SELECT l.id AS lead, c.id AS cooperating, f.function_code AS "cooperatingDept"
       FROM task l JOIN department d ON d.id = l.department_id
       JOIN task c ON c.measure_id = l.measure_id AND c.id <> l.id AND c.role = 'COOPERATING'
       JOIN department f ON f.id = c.department_id
       WHERE l.plan_id = $1 AND d.key = $2 AND l.role = 'LEAD' AND l.status = 'NOT_STARTED' ORDER BY l.id LIMIT 1`,
      [planId, dept],
    );
    return rows[0];
  }

  /**
   * The `offset`-th task of `dept`, never one `leadTask` could pick: task ids are random, and a test
   * here must not find another test's reports on its task.
   */
  async function taskOf(dept: string, offset = 0): Promise<string> {
    const rows = await db.query(
      `SELECT t.id FROM task t JOIN department d ON d.id = t.department_id
       WHERE t.plan_id = $1 AND d.key = $2
         AND NOT (t.role = 'LEAD' AND EXISTS (
           SELECT 1 FROM task c WHERE c.measure_id = t.measure_id AND c.id <> t.id AND c.role = 'COOPERATING'))
       ORDER BY t.id OFFSET $3 LIMIT 1`,
      [planId, dept, offset],
    );
    return rows[0].id;
  }

  const view = async (id: string, as = 'sup') => (await t.gql<{ task: TaskView }>(TASK, { id }, as)).data!.task;

  it('walks the lifecycle: liaison starts and submits, supervisor returns with a comment, then accepts', async () => {
    const id = await taskOf('tengzhou.HEALTH');
    let v = (await view(id, 'health')).version;
    const move = async (status: string, as = 'health') =>
      t.gql<{ updateTask: { status: string; version: number } }>(
        UPDATE,
        { input: { taskId: id, expectedVersion: v, status } },
        as,
      );

    let res = await move('IN_PROGRESS');
    expect(res.data!.updateTask).toMatchObject({ status: 'IN_PROGRESS', version: v + 1 });
    v++;
    expect(codeOf(await move('COMPLETED'))).toBe('BAD_USER_INPUT'); // completion goes through review
    res = await move('PENDING_REVIEW');
    expect(res.data!.updateTask.status).toBe('PENDING_REVIEW');
    v++;
    expect(codeOf(await move('COMPLETED'))).toBe('FORBIDDEN'); // only the supervision office accepts

    const review = `mutation($id: ID!, $accept: Boolean!, $comment: String) { reviewTaskCompletion(taskId: $id, accept: $accept, comment: $comment) { status version } }`;
    expect(codeOf(await t.gql(review, { id, accept: false }, 'sup'))).toBe('BAD_USER_INPUT'); // a return needs its reason
    expect(codeOf(await t.gql(review, { id, accept: true }, 'health'))).toBe('FORBIDDEN');
    const returned = await t.gql<{ reviewTaskCompletion: { status: string } }>(
      review,
      { id, accept: false, comment: '缺少佐证材料' },
      'sup',
    );
    expect(returned.data!.reviewTaskCompletion.status).toBe('IN_PROGRESS');

    const queue = await t.gql<{ workQueue: { returnedTasks: { id: string; reviews: { comment: string }[] }[] } }>(
      '{ workQueue { returnedTasks { id reviews { comment } } } }',
      {},
      'health',
    );
    expect(queue.data!.workQueue.returnedTasks).toEqual([{ id, reviews: [{ comment: '缺少佐证材料' }] }]);
    const TASK_FIELDS = 'id role status progressPercent dueDate originalDueDate version overdue measure { code }';
    const [inQueue, alone] = await Promise.all([
      t.gql<{ workQueue: { returnedTasks: unknown[] } }>(
        `{ workQueue { returnedTasks { ${TASK_FIELDS} } } }`,
        {},
        'health',
      ),
      t.gql<{ task: unknown }>(`query($id: ID!) { task(id: $id) { ${TASK_FIELDS} } }`, { id }, 'health'),
    ]);
    expect(inQueue.data!.workQueue.returnedTasks).toEqual([alone.data!.task]);

    v = (await view(id)).version;
    await move('PENDING_REVIEW');
    const reviewQueue = await t.gql<{ reviewQueue: { pendingReviews: { id: string }[] } }>(
      '{ reviewQueue { pendingReviews { id } } }',
      {},
      'sup',
    );
    expect(reviewQueue.data!.reviewQueue.pendingReviews.map((x) => x.id)).toContain(id);
    const accepted = await t.gql<{ reviewTaskCompletion: { status: string } }>(
      review,
      { id, accept: true, comment: '同意' },
      'sup',
    );
    expect(accepted.data!.reviewTaskCompletion.status).toBe('COMPLETED');
    const done = await view(id);
    expect(done).toMatchObject({ status: 'COMPLETED', progressPercent: 100 });
    expect(done.reviews.map((r) => r.accepted)).toEqual([true, false]);
    expect(
      codeOf(
        await t.gql(UPDATE, { input: { taskId: id, expectedVersion: done.version, status: 'IN_PROGRESS' } }, 'sup'),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['NOT_STARTED → COMPLETED', { status: 'COMPLETED' }, 'sup', 'BAD_USER_INPUT'],
    ['NOT_STARTED → PENDING_REVIEW', { status: 'PENDING_REVIEW' }, 'health', 'BAD_USER_INPUT'],
    ['percent 101', { progressPercent: 101 }, 'health', 'BAD_USER_INPUT'],
    ['percent -1', { progressPercent: -1 }, 'health', 'BAD_USER_INPUT'],
    ['a liaison moving the due date', { dueDate: '2021-06-30' }, 'health', 'FORBIDDEN'],
    ['a bad due date', { dueDate: '2021-13-01' }, 'sup', 'BAD_USER_INPUT'],
    ["another department's task", { progressPercent: 10 }, 'police', 'FORBIDDEN'],
    ['a leader', { progressPercent: 10 }, 'leader', 'FORBIDDEN'],
    ['a stale version', { progressPercent: 10, expectedVersion: 0 }, 'health', 'CONFLICT'],
  ])('refuses %s and changes nothing', async (_, change, as, code) => {
    const id = await taskOf('tengzhou.HEALTH', 3);
    const before = await view(id);
    const res = await t.gql(UPDATE, { input: { taskId: id, expectedVersion: before.version, ...change } }, as);
    expect(codeOf(res)).toBe(code);
    expect(await view(id)).toEqual(before);
  });

  it('answers NOT_FOUND for unknown ids and UNAUTHENTICATED without a token', async () => {
    const missing = '00000000-0000-0000-0000-000000000001';
    expect(
      codeOf(await t.gql(UPDATE, { input: { taskId: missing, expectedVersion: 1, progressPercent: 5 } }, 'sup')),
    ).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(TASK, { id: missing }, 'sup'))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(TASK, { id: 'nonsense' }, 'sup'))).toBe('NOT_FOUND');
    // Read by a prepared statement (pg's own error, not TypeORM's): still a missing task.
    expect(
      codeOf(await t.gql(UPDATE, { input: { taskId: 'nonsense', expectedVersion: 1, progressPercent: 5 } }, 'sup')),
    ).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(TASK, { id: missing }))).toBe('UNAUTHENTICATED');
  });

  it('lets exactly one of twenty concurrent updates naming one version win', async () => {
    const id = await taskOf('tengzhou.HEALTH', 4);
    const { version } = await view(id, 'health');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.gql<{ updateTask: { progressPercent: number } }>(
          UPDATE,
          { input: { taskId: id, expectedVersion: version, progressPercent: i + 1 } },
          'health',
        ),
      ),
    );
    const winners = results.filter((r) => r.data?.updateTask);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(19);
    const after = await view(id, 'health');
    expect(after).toMatchObject({
      version: version + 1,
      progressPercent: winners[0]!.data!.updateTask.progressPercent,
    });
  });

  it("keeps progress reports append-only and shows cooperating departments' reports on the lead task", async () => {
    const { lead, cooperating, cooperatingDept } = await leadTask('tengzhou.HEALTH');
    const coopLiaison = `coop.${cooperatingDept.toLowerCase()}`;
    await t.user(coopLiaison, UserRole.LIAISON, { departmentKey: `tengzhou.${cooperatingDept}` });

    const first = await t.gql<{ submitProgressReport: { progressPercent: number; task: { version: number } } }>(
      REPORT,
      {
        input: {
          taskId: lead,
          progressPercent: 30,
          narrative: '已制定工作方案',
          problems: '人员不足',
          nextSteps: '开展培训',
        },
      },
      'health',
    );
    expect(first.errors).toBeUndefined();
    await t.gql(REPORT, { input: { taskId: lead, progressPercent: 40, narrative: '更正：已完成培训两期' } }, 'health');
    await t.gql(
      REPORT,
      { input: { taskId: cooperating, progressPercent: 50, narrative: '配合完成摸底排查' } },
      coopLiaison,
    );

    const v = await view(lead, 'health');
    expect(v.reports.map((r) => [r.progressPercent, r.narrative])).toEqual([
      [40, '更正：已完成培训两期'],
      [30, '已制定工作方案'],
    ]);
    expect(v).toMatchObject({ status: 'IN_PROGRESS', progressPercent: 40 });
    const coop = v.cooperatingTasks.find((c) => c.id === cooperating)!;
    expect(coop).toMatchObject({ role: 'COOPERATING', reports: [{ narrative: '配合完成摸底排查' }] });

    expect(
      codeOf(await t.gql(REPORT, { input: { taskId: lead, progressPercent: 140, narrative: 'x' } }, 'health')),
    ).toBe('BAD_USER_INPUT');
    expect(
      codeOf(await t.gql(REPORT, { input: { taskId: lead, progressPercent: 40, narrative: '  ' } }, 'health')),
    ).toBe('BAD_USER_INPUT');
    expect(
      codeOf(await t.gql(REPORT, { input: { taskId: lead, progressPercent: 40, narrative: '越权' } }, coopLiaison)),
    ).toBe('FORBIDDEN');
    const count = await db.query('SELECT count(*) AS n FROM progress_report WHERE task_id = $1', [lead]);
    expect(count[0].n).toBe(2);
  });

  it('moves the due date on an approved extension and keeps the original for scoring', async () => {
    const id = await taskOf('tengzhou.HEALTH', 6);
    const before = await view(id, 'health');
    const request = `mutation($id: ID!, $date: Date!, $reason: String!) { requestExtension(taskId: $id, requestedDueDate: $date, reason: $reason) { id status requestedDueDate } }`;
    const decide = `mutation($id: ID!, $approve: Boolean!) { decideExtension(requestId: $id, approve: $approve, comment: "同意") { status } }`;

    expect(codeOf(await t.gql(request, { id, date: '2019-01-01', reason: '…' }, 'health'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(request, { id, date: '2021-02-30', reason: '…' }, 'health'))).toBe('BAD_USER_INPUT');
    const asked = await t.gql<{ requestExtension: { id: string; status: string } }>(
      request,
      { id, date: '2021-06-30', reason: '疫情影响' },
      'health',
    );
    expect(asked.data!.requestExtension.status).toBe('PENDING');
    expect(codeOf(await t.gql(request, { id, date: '2021-07-30', reason: '再次' }, 'health'))).toBe('CONFLICT');
    expect(codeOf(await t.gql(decide, { id: asked.data!.requestExtension.id, approve: true }, 'health'))).toBe(
      'FORBIDDEN',
    );

    const queue = await t.gql<{ reviewQueue: { pendingExtensions: { id: string }[] } }>(
      '{ reviewQueue { pendingExtensions { id } } }',
      {},
      'sup',
    );
    expect(queue.data!.reviewQueue.pendingExtensions.map((e) => e.id)).toContain(asked.data!.requestExtension.id);
    // The liaison's 待办 reads its requests inside the queue's one statement (as JSON): the same answer.
    const FIELDS = 'id currentDueDate requestedDueDate reason status decidedAt decisionComment createdAt';
    const both = await Promise.all([
      t.gql<{ reviewQueue: { pendingExtensions: { id: string }[] } }>(
        `{ reviewQueue { pendingExtensions { ${FIELDS} } } }`,
        {},
        'sup',
      ),
      t.gql<{ workQueue: { pendingExtensions: { id: string }[] } }>(
        `{ workQueue { pendingExtensions { ${FIELDS} } } }`,
        {},
        'health',
      ),
    ]);
    const asReviewed = both[0].data!.reviewQueue.pendingExtensions.find(
      (e) => e.id === asked.data!.requestExtension.id,
    );
    expect(both[1].data!.workQueue.pendingExtensions).toEqual([asReviewed]);
    const decided = await t.gql<{ decideExtension: { status: string } }>(
      decide,
      { id: asked.data!.requestExtension.id, approve: true },
      'sup',
    );
    expect(decided.data!.decideExtension.status).toBe('APPROVED');
    const after = await view(id, 'health');
    expect(after).toMatchObject({
      dueDate: '2021-06-30',
      originalDueDate: before.dueDate,
      version: before.version + 1,
      escalationLevel: 0,
    });
  });

  it('writes an audit entry for every change, readable by supervisors', async () => {
    const id = await taskOf('tengzhou.HEALTH', 6);
    const trail = await t.gql<{
      taskAuditTrail: { action: string; actorName: string; before: string | null; after: string | null }[];
    }>('query($id: ID!) { taskAuditTrail(taskId: $id) { action actorName before after } }', { id }, 'sup');
    expect(trail.data!.taskAuditTrail.map((e) => e.action)).toEqual([
      'task.create',
      'extension.request',
      'task.extend',
      'extension.approve',
    ]);
    const extend = trail.data!.taskAuditTrail.find((e) => e.action === 'task.extend')!;
    expect(JSON.parse(extend.after!).dueDate).toBe('2021-06-30');
    expect(codeOf(await t.gql('query($id: ID!) { taskAuditTrail(taskId: $id) { action } }', { id }, 'health'))).toBe(
      'FORBIDDEN',
    );
  });

  it('records an update with its state before and after, and a refused one not at all', async () => {
    const id = await taskOf('tengzhou.HEALTH', 9);
    const v = await view(id, 'health');
    const ok = await t.gql(
      UPDATE,
      { input: { taskId: id, expectedVersion: v.version, progressPercent: 35, status: 'IN_PROGRESS' } },
      'health',
    );
    expect(ok.errors).toBeUndefined();
    const stale = await t.gql(
      UPDATE,
      { input: { taskId: id, expectedVersion: v.version, progressPercent: 40 } },
      'health',
    );
    expect(codeOf(stale)).toBe('CONFLICT');
    const trail = await t.gql<{ taskAuditTrail: { action: string; before: string; after: string }[] }>(
      'query($id: ID!) { taskAuditTrail(taskId: $id) { action before after } }',
      { id },
      'sup',
    );
    const updates = trail.data!.taskAuditTrail.filter((e) => e.action === 'task.update');
    expect(updates).toHaveLength(1);
    const state = { status: v.status, progressPercent: v.progressPercent, dueDate: v.dueDate, version: v.version };
    expect(JSON.parse(updates[0]!.before)).toEqual({ ...state, escalationLevel: v.escalationLevel });
    expect(JSON.parse(updates[0]!.after)).toEqual({
      ...state,
      status: 'IN_PROGRESS',
      progressPercent: 35,
      version: v.version + 1,
      escalationLevel: v.escalationLevel,
    });
  });

  it('pages tasks with cursors and counts the filtered total', async () => {
    const page = `query($after: String, $filter: TaskFilter) { tasks(first: 7, after: $after, filter: $filter) { totalCount edges { cursor node { id dueDate } } pageInfo { hasNextPage endCursor } } }`;
    const total = Number((await db.query('SELECT count(*) AS n FROM task WHERE plan_id = $1', [planId]))[0].n);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: {
        data?: {
          tasks: {
            totalCount: number;
            edges: { node: { id: string } }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        };
      } = await t.gql(page, { after, filter: { planId } }, 'sup');
      expect(res.data!.tasks.totalCount).toBe(total);
      seen.push(...res.data!.tasks.edges.map((e) => e.node.id));
      if (!res.data!.tasks.pageInfo.hasNextPage) break;
      after = res.data!.tasks.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(total);

    const mine = await t.gql<{ tasks: { totalCount: number } }>('{ tasks(first: 50) { totalCount } }', {}, 'police');
    const police = Number(
      (
        await db.query(
          `SELECT count(*) AS n FROM task t JOIN department d ON d.id = t.department_id WHERE d.key = 'tengzhou.PUBLIC_SECURITY'`,
        )
      )[0].n,
    );
    expect(mine.data!.tasks.totalCount).toBeGreaterThanOrEqual(police); // own plus the measures it shares
    const overdue = await t.gql<{ tasks: { totalCount: number } }>(
      '{ tasks(first: 5, filter: { overdueAsOf: "2021-01-01" }) { totalCount } }',
      {},
      'sup',
    );
    expect(overdue.data!.tasks.totalCount).toBeGreaterThan(0);
    expect(codeOf(await t.gql('{ tasks(first: 5, after: "garbage") { totalCount } }', {}, 'sup'))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await t.gql('{ tasks(first: 5000) { totalCount } }', {}, 'sup'))).toBe('BAD_USER_INPUT');
  });
});
