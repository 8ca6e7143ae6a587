import type { INestApplicationContext } from '@nestjs/common';
import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { shanghaiToday } from '../libs/common/src/index.js';
import { startHookReceiver, startSmtpServer } from './support/mail-and-hooks.js';
import { publishSeed, SEED_TENGZHOU } from './support/seed-plans.js';
import { TestApp } from './support/test-app.js';
import { dropQueues, startWorker, waitFor } from './support/test-worker.js';
import { download, readXlsx, rowsOf, tokenOf } from './support/xlsx.js';

const PREFIX = `${process.env.QUEUE_PREFIX}_signals`;
/** The news of the office's decisions a department hears; escalations (the ladder's own news) are not counted here. */
const KINDS = [
  'TASKS_PUBLISHED',
  'TASK_RETURNED',
  'TASK_ACCEPTED',
  'EXTENSION_APPROVED',
  'EXTENSION_REJECTED',
  'DUE_DATE_MOVED',
  'NOTICE_ISSUED',
];
const UPDATE = `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { version dueDate } }`;
const REVIEW = `mutation($id: ID!, $accept: Boolean!, $comment: String) {
  reviewTaskCompletion(taskId: $id, accept: $accept, comment: $comment) { status } }`;
const REQUEST = `mutation($id: ID!, $date: Date!) {
  requestExtension(taskId: $id, requestedDueDate: $date, reason: "汛期施工受阻") { id } }`;
const DECIDE = `mutation($id: ID!, $approve: Boolean!, $comment: String) {
  decideExtension(requestId: $id, approve: $approve, comment: $comment) { status } }`;
const ISSUE = `mutation($input: SupervisionNoticeInput!) { issueSupervisionNotice(input: $input) { id number } }`;
const REISSUE = `mutation($id: ID!, $input: ReissueSupervisionNoticeInput!) {
  reissueSupervisionNotice(noticeId: $id, input: $input) { id number } }`;

interface Note {
  kind: string;
  message: string;
  task: { id: string } | null;
}

const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

jest.setTimeout(60_000);

describe('task signals: liaisons hear of the decisions on their work, and see which tasks are under a notice', () => {
  let t: TestApp;
  let db: DataSource;
  let worker: INestApplicationContext;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let receiver: Awaited<ReturnType<typeof startHookReceiver>>;
  let planIds: string[];
  let healthDept: string;
  /** Health's tasks, the first on a measure another department (`partner`) shares. */
  let shared: string;
  let health: string[];
  const today = shanghaiToday();
  const due = plusDays(today, 30);

  const notes = async (as: string): Promise<Note[]> =>
    (
      await t.gql<{ notifications: Note[] }>('{ notifications { kind message task { id } } }', {}, as)
    ).data!.notifications.filter((n) => KINDS.includes(n.kind));
  const ok = async <T>(query: string, variables: Record<string, unknown>, as: string): Promise<T> => {
    const res = await t.gql<T>(query, variables, as);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };
  const dispatched = () =>
    waitFor('the outbox to be dispatched', async () =>
      (await db.query('SELECT 1 FROM notification_outbox WHERE dispatched_at IS NULL')).length === 0 ? true : null,
    );
  const versionOf = async (id: string) =>
    (await ok<{ task: { version: number } }>('query($id: ID!) { task(id: $id) { version } }', { id }, 'health')).task
      .version;
  const move = async (id: string, status: string) =>
    ok(UPDATE, { input: { taskId: id, expectedVersion: await versionOf(id), status } }, 'health');

  beforeAll(async () => {
    t = await TestApp.start({ ALLOW_PRIVATE_WEBHOOKS: '1', QUEUE_PREFIX: PREFIX }); // the receiver is on 127.0.0.1
    db = t.get(DataSource);
    smtp = await startSmtpServer();
    receiver = await startHookReceiver(() => 200);
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    await t.user('health2', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    await t.user('police', UserRole.LIAISON, { departmentKey: 'tengzhou.PUBLIC_SECURITY' });
    await ok('mutation { setNotificationEmail(address: "health@tengzhou.gov.cn") }', {}, 'health');
    const [{ id: healthId }] = await db.query(`SELECT id FROM department WHERE key = 'tengzhou.HEALTH'`);
    await ok(
      'mutation($input: WebhookEndpointInput!) { createWebhookEndpoint(input: $input) { id } }',
      {
        input: {
          name: '卫健委工作群',
          url: `${receiver.url}/health`,
          secret: 'health-robot-secret-0001',
          departmentId: healthId,
        },
      },
      'admin',
    );
    worker = await startWorker(t.databaseUrl, {
      QUEUE_PREFIX: PREFIX,
      SMTP_URL: smtp.url,
      OUTBOX_RELAY_MS: '100',
      ALLOW_PRIVATE_WEBHOOKS: '1',
    });
    planIds = await publishSeed(t, SEED_TENGZHOU, 'sup');
    [{ id: healthDept }] = await db.query(`SELECT id FROM department WHERE key = 'tengzhou.HEALTH'`);
    health = (
      await db.query(
        `SELECT t.id FROM task t WHERE t.department_id = $1
         ORDER BY EXISTS (SELECT 1 FROM task o WHERE o.measure_id = t.measure_id AND o.department_id <> t.department_id) DESC, t.id`,
        [healthDept],
      )
    ).map((r: { id: string }) => r.id);
    shared = health[0]!;
    const [partner]: { key: string }[] = await db.query(
      `SELECT d.key FROM task o JOIN department d ON d.id = o.department_id
       WHERE o.measure_id = (SELECT measure_id FROM task WHERE id = $1) AND o.department_id <> $2 AND d.key NOT LIKE '%~%'
       ORDER BY d.key LIMIT 1`,
      [shared, healthDept],
    );
    await t.user('partner', UserRole.LIAISON, { departmentKey: partner!.key });
    await db.query('UPDATE task SET due_date = $1', [due]);
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await t?.stop();
    await smtp?.stop();
    await receiver?.stop();
    await dropQueues(PREFIX);
  });

  it('tells each department once per plan how many tasks the plan gave it, and nobody else', async () => {
    await dispatched();
    const expected = async (key: string) =>
      (
        await db.query(
          `SELECT p.title, count(*)::int AS n FROM task t JOIN plan p ON p.id = t.plan_id
           JOIN department d ON d.id = t.department_id WHERE d.key = $1 GROUP BY p.id, p.title ORDER BY p.title`,
          [key],
        )
      ).map((r: { title: string; n: number }) => `规划《${r.title}》向贵单位下达任务 ${r.n} 项`);
    const published = async (as: string) =>
      (await notes(as))
        .filter((n) => n.kind === 'TASKS_PUBLISHED')
        .map((n) => n.message.slice(0, n.message.indexOf('项') + 1))
        .sort();
    const healthNews = await expected('tengzhou.HEALTH');
    expect(healthNews.length).toBeGreaterThan(0);
    expect(await published('health')).toEqual(healthNews);
    expect(await published('health2')).toEqual(healthNews);
    expect(await published('police')).toEqual(await expected('tengzhou.PUBLIC_SECURITY'));
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM notification_outbox WHERE kind = 'TASKS_PUBLISHED'`))[0].n,
    ).toBe(planIds.length);
    // The office published: it hears nothing of its own act.
    expect(await notes('sup')).toEqual([]);
    expect(await notes('admin')).toEqual([]);
  });

  it('tells the liaisons of a return with its comment, an acceptance, extension decisions and a moved due date', async () => {
    const [reviewed, extended, refused, moved] = health.slice(1, 5) as [string, string, string, string];
    await move(reviewed, 'IN_PROGRESS');
    await move(reviewed, 'PENDING_REVIEW');
    await ok(REVIEW, { id: reviewed, accept: false, comment: '请补充佐证材料' }, 'sup');
    await move(reviewed, 'PENDING_REVIEW');
    await ok(REVIEW, { id: reviewed, accept: true }, 'sup');
    const later = plusDays(due, 30);
    const askFor = async (id: string) =>
      (await ok<{ requestExtension: { id: string } }>(REQUEST, { id, date: later }, 'health')).requestExtension.id;
    await ok(DECIDE, { id: await askFor(extended), approve: true, comment: '同意延期' }, 'sup');
    await ok(DECIDE, { id: await askFor(refused), approve: false, comment: '理由不充分' }, 'sup');
    const movedTo = plusDays(due, 10);
    await ok(UPDATE, { input: { taskId: moved, expectedVersion: await versionOf(moved), dueDate: movedTo } }, 'sup');
    await dispatched();

    for (const liaison of ['health', 'health2']) {
      const decided = (await notes(liaison)).filter((n) => n.kind !== 'TASKS_PUBLISHED');
      expect(decided.map((n) => [n.kind, n.task?.id]).sort()).toEqual(
        [
          ['TASK_RETURNED', reviewed],
          ['TASK_ACCEPTED', reviewed],
          ['EXTENSION_APPROVED', extended], // the approval says the new date; no second message for it
          ['EXTENSION_REJECTED', refused],
          ['DUE_DATE_MOVED', moved],
        ].sort(),
      );
      const message = (kind: string) => decided.find((n) => n.kind === kind)!.message;
      expect(message('TASK_RETURNED')).toContain('请补充佐证材料');
      expect(message('EXTENSION_APPROVED')).toContain(later);
      expect(message('EXTENSION_REJECTED')).toContain('理由不充分');
      expect(message('DUE_DATE_MOVED')).toContain(`由 ${due} 调整为 ${movedTo}`);
    }
    for (const other of ['police', 'partner', 'sup', 'admin'])
      expect((await notes(other)).filter((n) => n.kind !== 'TASKS_PUBLISHED')).toEqual([]);
  });

  describe('a notice marks its tasks as supervised (被督办) until it is closed', () => {
    const TASK = 'query($id: ID!) { task(id: $id) { id openNotice { id number } } }';
    const QUEUE = '{ workQueue { supervisedCount openTasks { id openNotice { number } } } }';
    const MATRIX = 'query($id: ID!) { responsibilityMatrix(planId: $id) { cells { taskId noticeNumber } } }';
    let notice: { id: string; number: string };

    const markerOnTask = async (as: string) =>
      (await ok<{ task: { id: string; openNotice: { id: string; number: string } | null } }>(TASK, { id: shared }, as))
        .task;
    const queue = async () =>
      (
        await ok<{
          workQueue: { supervisedCount: number; openTasks: { id: string; openNotice: { number: string } | null }[] };
        }>(QUEUE, {}, 'health')
      ).workQueue;
    const cell = async (as: string) => {
      const [planId]: { plan_id: string }[] = await db.query('SELECT plan_id FROM task WHERE id = $1', [shared]);
      const res = await ok<{ responsibilityMatrix: { cells: { taskId: string; noticeNumber: string | null }[] } }>(
        MATRIX,
        { id: planId!.plan_id },
        as,
      );
      return res.responsibilityMatrix.cells.find((c) => c.taskId === shared);
    };
    const ledgerNotice = async () => {
      const res = await download(t, '/exports/department-ledger.xlsx', await tokenOf(t, 'health'));
      const rows = rowsOf((await readXlsx(res.body)).worksheets[0]!);
      const column = rows[0]!.indexOf('督办单');
      expect(column).toBeGreaterThan(0);
      return rows.find((r) => r[0] === shared)![column];
    };
    /** Every place a task is shown, as the department's liaison and the office read it. */
    const markers = async () => {
      const q = await queue();
      return {
        task: (await markerOnTask('health')).openNotice?.number ?? null,
        office: (await markerOnTask('sup')).openNotice?.number ?? null,
        queueCount: q.supervisedCount,
        queueCard: q.openTasks.find((x) => x.id === shared)?.openNotice?.number ?? null,
        matrix: (await cell('sup'))?.noticeNumber ?? null,
        ledger: (await ledgerNotice()) || null,
      };
    };

    beforeAll(async () => {
      notice = (
        await ok<{ issueSupervisionNotice: { id: string; number: string } }>(
          ISSUE,
          { input: { taskIds: [shared], requirements: '限期整改', responseDue: plusDays(today, 7) } },
          'sup',
        )
      ).issueSupervisionNotice;
    });

    it('shows the notice number on the task, the work queue, the matrix and the ledger', async () => {
      const number = notice.number;
      expect(await markers()).toEqual({
        task: number,
        office: number,
        queueCount: 1,
        queueCard: number,
        matrix: number,
        ledger: number,
      });
      expect((await markerOnTask('sup')).openNotice!.id).toBe(notice.id);
    });

    it("keeps the notice from a liaison of another department who reads the task (a shared measure's partner)", async () => {
      const seen = await markerOnTask('partner');
      expect(seen.id).toBe(shared);
      expect(seen.openNotice).toBeNull();
      expect((await cell('partner'))?.noticeNumber).toBeNull();
    });

    it('announces the notice and its reissue to the department, and moves the marker to the new number', async () => {
      const reissued = (
        await ok<{ reissueSupervisionNotice: { id: string; number: string } }>(
          REISSUE,
          { id: notice.id, input: { requirements: '再次限期整改', responseDue: plusDays(today, 7) } },
          'sup',
        )
      ).reissueSupervisionNotice;
      expect(reissued.number).not.toBe(notice.number);
      expect((await markers()).task).toBe(reissued.number);
      await dispatched();
      for (const liaison of ['health', 'health2']) {
        const issued = (await notes(liaison)).filter((n) => n.kind === 'NOTICE_ISSUED').map((n) => n.message);
        expect(issued.sort()).toEqual(
          [expect.stringContaining(notice.number), expect.stringContaining(`${reissued.number}（再次督办）`)].sort(),
        );
      }
      for (const other of ['police', 'partner', 'sup'])
        expect((await notes(other)).filter((n) => n.kind === 'NOTICE_ISSUED')).toEqual([]);
      notice = reissued;
    });

    it('drops the marker everywhere once the notice is closed', async () => {
      await ok('mutation($id: ID!) { closeSupervisionNotice(noticeId: $id) { status } }', { id: notice.id }, 'sup');
      expect(await markers()).toEqual({
        task: null,
        office: null,
        queueCount: 0,
        queueCard: null,
        matrix: null,
        ledger: null,
      });
    });
  });

  it("e-mails every message to the liaison with an address and posts each to the department's webhook, one each", async () => {
    await dispatched();
    const [{ n }]: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM notification x JOIN app_user u ON u.id = x.user_id WHERE u.username = 'health'`,
    );
    const hooks = await waitFor('the webhook deliveries', async () => {
      const rows: { kind: string; status: string }[] = await db.query(
        `SELECT kind, status FROM notification_delivery WHERE channel = 'WEBHOOK' ORDER BY kind`,
      );
      return rows.length && rows.every((r) => r.status === 'SENT') ? rows : null;
    });
    // The department's robot hears what its liaisons hear: as many as one liaison's messages.
    expect(hooks).toHaveLength(n);
    expect(receiver.hooks.filter((h) => h.path === '/health')).toHaveLength(n);
    expect(n).toBeGreaterThanOrEqual(KINDS.length);
    await waitFor('the e-mails', async () => (smtp.mails.length >= n ? true : null));
    await new Promise((r) => setTimeout(r, 300)); // nothing more arrives
    expect(smtp.mails.filter((m) => m.to.includes('health@tengzhou.gov.cn'))).toHaveLength(n);
    expect(smtp.mails.every((m) => m.to.length === 1 && m.to[0] === 'health@tengzhou.gov.cn')).toBe(true);
  });
});
