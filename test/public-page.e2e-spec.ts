import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { repoPath } from '../libs/common/src/index.js';
import { publishSeed, SEED_CHONGQING, SEED_TENGZHOU } from './support/seed-plans.js';
import { codeOf, TestApp } from './support/test-app.js';
import { dropQueues } from './support/test-worker.js';

const PUBLICITY = 'mutation($id: ID!, $p: Boolean!) { setPlanPublicity(planId: $id, public: $p) { id public } }';
const REPORT_PUBLICITY =
  'mutation($id: ID!, $p: Boolean!) { setProgressReportPublicity(reportId: $id, public: $p) { id public } }';
const REPORT = 'mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) { id } }';
const UPDATE = 'mutation($input: UpdateTaskInput!) { updateTask(input: $input) { version progressPercent } }';

interface PublicJson {
  id: string;
  title: string;
  summary: { overdue: number; tasks: number };
  measures: {
    code: string;
    departments: {
      department: string;
      role: string;
      status: string;
      percent: number;
      dueDate: string;
      overdue: boolean;
      reports: { narrative: string }[];
    }[];
  }[];
  indicators: { name: string; status: string }[];
}

/** 政务公开: what a plan's public page shows without login, and what it never does. */
describe('public progress page', () => {
  const PREFIX = `${process.env.QUEUE_PREFIX}_public_page`;
  let t: TestApp;
  let db: DataSource;
  let planId: string;
  let taskId: string;
  let overdueTaskId: string;
  let healthName: string;
  let reportId: string;
  let scriptReportId: string;

  beforeAll(async () => {
    t = await TestApp.start({ QUEUE_PREFIX: PREFIX });
    db = t.get(DataSource);
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('cqsup', UserRole.SUPERVISOR, { jurisdictionKey: 'chongqing' });
    await t.user('liaison-wangxiaoming', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    [planId] = await publishSeed(t, SEED_TENGZHOU, 'admin');
    const tasks: { id: string; name: string }[] = await db.query(
      `SELECT t.id, d.name FROM task t JOIN department d ON d.id = t.department_id
       WHERE t.plan_id = $1 AND d.key = 'tengzhou.HEALTH' ORDER BY t.id LIMIT 2`,
      [planId],
    );
    [taskId, overdueTaskId, healthName] = [tasks[0]!.id, tasks[1]!.id, tasks[0]!.name];
    // A due date long past: the page must say the task is overdue.
    await db.query(`UPDATE task SET due_date = '2020-06-30', updated_at = now() WHERE id = $1`, [overdueTaskId]);
    const report = await t.gql<{ submitProgressReport: { id: string } }>(
      REPORT,
      {
        input: {
          taskId,
          progressPercent: 40,
          narrative: '已完成全市卫生院摸底NARRATIVE-ONE',
          problems: '资金缺口PROBLEM-ONE',
          nextSteps: '下一步NEXT-ONE',
          evidence: [{ name: '会议纪要EVIDENCE-ONE', fileName: 'minutes-EVIDENCE-ONE.pdf' }],
        },
      },
      'liaison-wangxiaoming',
    );
    reportId = report.data!.submitProgressReport.id;
    const script = await t.gql<{ submitProgressReport: { id: string } }>(
      REPORT,
      { input: { taskId: overdueTaskId, progressPercent: 10, narrative: '<script>alert("x")</script>&进展' } },
      'liaison-wangxiaoming',
    );
    scriptReportId = script.data!.submitProgressReport.id;
    const notice = await t.gql(
      'mutation($i: SupervisionNoticeInput!) { issueSupervisionNotice(input: $i) { id } }',
      { i: { taskIds: [overdueTaskId], requirements: '限期整改NOTICE-ONE', responseDue: '2030-06-30' } },
      'admin',
    );
    if (notice.errors) throw new Error(JSON.stringify(notice.errors));
  });
  afterAll(async () => {
    await t.stop();
    await dropQueues(PREFIX);
  });

  const page = (path: string) => t.http().get(path);

  it('answers 404 without login for a plan not made public, as for one that does not exist', async () => {
    const hidden = await page(`/public/plans/${planId}`);
    const missing = await page('/public/plans/00000000-0000-4000-8000-000000000000');
    const garbage = await page('/public/plans/not-a-plan');
    for (const res of [hidden, missing, garbage]) {
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
    }
    expect(hidden.text).toBe(missing.text);
    expect(hidden.text).not.toContain('滕州');
    expect((await page(`/public/plans/${planId}.json`)).status).toBe(404);
  });

  it('lets only the plan’s office toggle publicity, and only of a published plan', async () => {
    expect(codeOf(await t.gql(PUBLICITY, { id: planId, p: true }, 'liaison-wangxiaoming'))).toBe('FORBIDDEN');
    // Another city: refused as publishing that plan would be.
    expect(codeOf(await t.gql(PUBLICITY, { id: planId, p: true }, 'cqsup'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql('mutation($id: ID!) { publishPlan(planId: $id) { id } }', { id: planId }, 'cqsup'))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await t.gql(PUBLICITY, { id: '00000000-0000-4000-8000-000000000000', p: true }, 'sup'))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await t.gql(PUBLICITY, { id: planId, p: true }))).toBe('UNAUTHENTICATED');
    // Seed 002 imported but not yet published (the last test publishes it).
    const imported = await t.gql<{ importPlanDocument: { plans: { id: string }[] } }>(
      'mutation($input: ImportPlanDocumentInput!) { importPlanDocument(input: $input) { plans { id } } }',
      { input: { text: readFileSync(repoPath('seeds', 'plans', SEED_CHONGQING), 'utf8'), fileName: SEED_CHONGQING } },
      'admin',
    );
    const draftId = imported.data!.importPlanDocument.plans[0]!.id;
    const draft = await t.gql(PUBLICITY, { id: draftId, p: true }, 'admin');
    expect(codeOf(draft)).toBe('BAD_USER_INPUT');
    expect((await db.query('SELECT public FROM plan WHERE id = $1', [draftId]))[0].public).toBe(false);

    const made = await t.gql<{ setPlanPublicity: { public: boolean } }>(PUBLICITY, { id: planId, p: true }, 'sup');
    expect(made.data?.setPlanPublicity.public).toBe(true);
    const audit = await db.query(
      `SELECT a.before, a.after, u.username FROM audit_entry a JOIN app_user u ON u.id = a.actor_id
       WHERE a.action = 'plan.publicity' AND a.entity_id = $1`,
      [planId],
    );
    expect(audit).toEqual([{ before: { public: false }, after: { public: true }, username: 'sup' }]);
  });

  it('shows departments, status, percent, due date and overdue without login — never people, reports, notices or files', async () => {
    const res = await page(`/public/plans/${planId}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.headers['content-security-policy']).not.toMatch(/script-src|unsafe-inline/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toMatch(/max-age=\d+/);
    expect(res.text).toContain('<html lang="zh-CN">');
    expect(res.text).not.toMatch(/<script/i);
    expect(res.text).toContain(healthName);
    expect(res.text).toContain('牵头');
    expect(res.text).toContain('配合');
    expect(res.text).toContain('40%');
    expect(res.text).toContain('2020-06-30');
    expect(res.text).toContain('已逾期');
    for (const secret of [
      'wangxiaoming',
      'NARRATIVE-ONE',
      'PROBLEM-ONE',
      'NEXT-ONE',
      'EVIDENCE-ONE',
      'NOTICE-ONE',
      'alert(',
    ])
      expect(res.text).not.toContain(secret);
  });

  it('answers the JSON twin with the same content', async () => {
    const res = await page(`/public/plans/${planId}.json`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const plan = res.body as PublicJson;
    expect(plan.id).toBe(planId);
    const tasks = plan.measures.flatMap((m) => m.departments);
    expect(tasks.length).toBe(
      Number((await db.query(`SELECT count(*) FROM task WHERE plan_id = $1`, [planId]))[0].count),
    );
    const overdue = tasks.find((d) => d.dueDate === '2020-06-30')!;
    expect(overdue).toMatchObject({ department: healthName, overdue: true });
    expect(plan.summary.overdue).toBeGreaterThanOrEqual(1);
    expect(tasks.find((d) => d.percent === 40)).toMatchObject({
      department: healthName,
      status: 'IN_PROGRESS',
      reports: [],
    });
    for (const secret of ['wangxiaoming', 'NARRATIVE-ONE', 'PROBLEM-ONE', 'EVIDENCE-ONE', 'NOTICE-ONE', 'author'])
      expect(res.text).not.toContain(secret);
  });

  it('revalidates with the ETag and serves it compressed', async () => {
    const first = await page(`/public/plans/${planId}`).set('accept-encoding', 'br');
    expect(first.headers['content-encoding']).toBe('br');
    expect(first.headers.etag).toMatch(/^"/);
    const again = await page(`/public/plans/${planId}`).set('if-none-match', first.headers.etag!);
    expect(again.status).toBe(304);
    const plain = await page(`/public/plans/${planId}`).set('accept-encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.etag).toBe(first.headers.etag);
    expect(plain.text).toContain('<html lang="zh-CN">');
  });

  it('shows a report’s narrative once the office marks it public, escaped, and nothing else of it', async () => {
    expect(codeOf(await t.gql(REPORT_PUBLICITY, { id: reportId, p: true }, 'liaison-wangxiaoming'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(REPORT_PUBLICITY, { id: reportId, p: true }, 'cqsup'))).toBe('FORBIDDEN');
    for (const id of [reportId, scriptReportId]) {
      const made = await t.gql<{ setProgressReportPublicity: { public: boolean } }>(
        REPORT_PUBLICITY,
        { id, p: true },
        'sup',
      );
      expect(made.data?.setProgressReportPublicity.public).toBe(true);
    }
    const res = await page(`/public/plans/${planId}`);
    expect(res.text).toContain('NARRATIVE-ONE');
    expect(res.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;进展');
    expect(res.text).not.toMatch(/<script/i);
    for (const secret of ['wangxiaoming', 'PROBLEM-ONE', 'NEXT-ONE', 'EVIDENCE-ONE', 'NOTICE-ONE'])
      expect(res.text).not.toContain(secret);
    const audit = await db.query(
      `SELECT after FROM audit_entry WHERE action = 'progress_report.publicity' AND entity_id = $1`,
      [reportId],
    );
    expect(audit).toEqual([{ after: { public: true } }]);

    await t.gql(REPORT_PUBLICITY, { id: reportId, p: false }, 'sup');
    expect((await page(`/public/plans/${planId}`)).text).not.toContain('NARRATIVE-ONE');
  });

  it('changes as soon as a task changes (the cache follows the task’s version)', async () => {
    const before = await page(`/public/plans/${planId}`);
    const [{ version }] = await db.query('SELECT version FROM task WHERE id = $1', [taskId]);
    const updated = await t.gql(
      UPDATE,
      { input: { taskId, expectedVersion: version, progressPercent: 73 } },
      'liaison-wangxiaoming',
    );
    expect(updated.errors).toBeUndefined();
    const after = await page(`/public/plans/${planId}`);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(before.text).not.toContain('73%');
    expect(after.text).toContain('73%');
    const json = (await page(`/public/plans/${planId}.json`)).body as PublicJson;
    expect(json.measures.flatMap((m) => m.departments).some((d) => d.percent === 73)).toBe(true);
  });

  it('lists a jurisdiction’s public plans, and forgets a plan made private again', async () => {
    const [{ id: tengzhou }] = await db.query(`SELECT id FROM jurisdiction WHERE key = 'tengzhou'`);
    const list = await page(`/public/jurisdictions/${tengzhou}/plans`);
    expect(list.status).toBe(200);
    expect(list.text).toContain(`href="/public/plans/${planId}"`);
    const [chongqingPlan] = await publishSeed(t, SEED_CHONGQING, 'admin');
    await t.gql(PUBLICITY, { id: chongqingPlan, p: true }, 'admin');
    expect((await page(`/public/jurisdictions/${tengzhou}/plans`)).text).not.toContain(chongqingPlan);
    expect((await page('/public/jurisdictions/00000000-0000-4000-8000-000000000000/plans')).status).toBe(404);

    await t.gql(PUBLICITY, { id: planId, p: false }, 'sup');
    expect((await page(`/public/plans/${planId}`)).status).toBe(404);
    expect((await page(`/public/plans/${planId}.json`)).status).toBe(404);
    expect((await page(`/public/jurisdictions/${tengzhou}/plans`)).text).not.toContain(planId);
    const audit = await db.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'plan.publicity' AND entity_id = $1`,
      [planId],
    );
    expect(audit[0].n).toBe(2);
  });
});
