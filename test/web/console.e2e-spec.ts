// The web console in headless Chromium against the real API (TestApp on a free port, serving dist/web):
// a liaison files a report and submits for review; a supervisor imports a .docx made from a seed, corrects
// and publishes it, and issues a supervision notice on an overdue task; a leader drills into the matrix.
// Screenshots of each step land in test-artifacts/web/.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { UserRole, UsersService } from '../../libs/auth/src/index.js';
import { repoPath } from '../../libs/common/src/index.js';
import { importDocument, loadRegistryFiles } from '../../libs/importer/src/index.js';
import { firstLoad, MATRIX_LATER_ROOTS, MATRIX_ROOTS } from '../../bench/web-bundle.js';
import { publishSeed, SEED_CHONGQING, SEED_TENGZHOU } from '../support/seed-plans.js';
import { startSweepProcessor, sweepAndWait } from '../support/sweeps.js';
import { PASSWORD, TestApp } from '../support/test-app.js';
import { dropQueues } from '../support/test-worker.js';
import { launchChromium, openConsole, screenshot, signIn, type ConsoleContext } from './support/browser.js';
import { seedToDocx } from './support/seed-docx.js';

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 860 };

describe('web console in Chromium', () => {
  let t: TestApp;
  let sweeps: { stop: () => Promise<void> };
  const PREFIX = `${process.env.QUEUE_PREFIX}_console`;
  let base: string;
  let browser: Browser;
  const contexts: ConsoleContext[] = [];

  beforeAll(async () => {
    browser = await launchChromium(); // throws (never skips) when Chromium or the built console is missing
    t = await TestApp.start({ QUEUE_PREFIX: PREFIX });
    sweeps = startSweepProcessor(t); // sweeps are queued for the worker
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup.cq', UserRole.SUPERVISOR, { jurisdictionKey: 'chongqing' });
    await t.user('leader.tz', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    await t.user('health.tz', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    await publishSeed(t, SEED_TENGZHOU, 'admin');
    await sweepAndWait(t, today, 'admin');
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.context.close().catch(() => undefined);
    await browser?.close();
    await sweeps?.stop();
    await t?.stop();
    await dropQueues(PREFIX);
  });

  async function open(viewport: { width: number; height: number }): Promise<ConsoleContext> {
    const c = await openConsole(browser, base, viewport);
    contexts.push(c);
    return c;
  }

  it('serves the console at / with SPA fallback, never shadowing the API', async () => {
    const page = await t.http().get('/tasks/123').set('accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await t.http().get('/health')).headers['content-type']).toContain('application/json');
    expect((await t.http().get('/assets/missing.js')).status).toBe(404);
    const gql = await t.http().get('/graphql').set('accept', 'text/html');
    expect(gql.text).not.toContain('<div id="root">');
    const exportsPath = await t.http().get('/exports/scorecards.xlsx').set('accept', 'text/html');
    expect(exportsPath.status).toBe(401);
  });

  it('liaison (phone width): sees the queue, files a progress report, meets a conflict, submits for review', async () => {
    const { page, scripts, external } = await open(PHONE);
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login$/);
    await screenshot(page, 'liaison-login');
    await signIn(page, base, 'health.tz', PASSWORD);
    await page.waitForURL(/\/tasks$/);
    await page.getByTestId('task-card').first().waitFor();
    await expect(page.getByTestId('overdue-tag').first()).toBeTruthy();
    expect(await page.getByTestId('overdue-tag').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('escalation-tag').count()).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    const firstLoadKb = [...scripts.values()].reduce((a, b) => a + b, 0) / 1024;
    console.log(
      `liaison first load in Chromium: ${firstLoadKb.toFixed(1)} KB gzipped JavaScript in ${scripts.size} files`,
    );
    expect(firstLoadKb).toBeLessThan(300);
    await screenshot(page, 'liaison-my-tasks');

    // Only the liaison's menus; another role's page is refused in words.
    await page.getByTestId('menu-button').click();
    const nav = page.getByRole('dialog', { name: '主菜单' });
    await expect(await nav.getByRole('link').allInnerTexts()).toEqual(['我的任务', '督办单', '台账', '消息']);
    await screenshot(page, 'liaison-menu');
    await page.keyboard.press('Escape');

    await page.getByTestId('task-card').first().getByRole('link').click();
    await page.waitForURL(/\/tasks\/[0-9a-f-]+$/);
    const taskId = page.url().split('/').pop()!;
    await page.getByTestId('task-title').waitFor();
    expect(await page.getByTestId('measure-text').innerText()).not.toBe('');
    await screenshot(page, 'liaison-task');

    await page.getByRole('button', { name: '开始办理' }).click();
    await page.getByText('已开始办理').waitFor();
    // The page reloads the task after the move, and remounts the report form for its new version:
    // filling the form before that would have the reload clear it.
    await page.getByRole('button', { name: '提交审核' }).waitFor();

    // 150 sent with Enter: refused with the form's message, never turned into 100 % and sent.
    const reportsBefore = await page.getByTestId('report').count();
    await page.locator('#report-narrative').fill('已制定全市精神卫生工作实施方案，完成3个镇街综合管理小组组建。');
    await page.locator('#report-percent').fill('150');
    await page.locator('#report-percent').press('Enter');
    await page.getByText('请填写 0–100 之间的整数').waitFor();
    expect(await page.locator('#report-percent').inputValue()).toBe('150');
    await screenshot(page, 'liaison-report-150-refused');
    expect(await page.getByTestId('report').count()).toBe(reportsBefore);
    await page.locator('#report-percent').fill('60');
    await page.locator('#report-problems').fill('基层专业人员不足');
    await page.locator('#report-next').fill('下月完成其余镇街小组组建');
    await page.getByRole('button', { name: '添加佐证材料' }).click();
    await page.getByLabel('第 1 份材料名称').fill('实施方案');
    await page.getByLabel('第 1 份材料链接').fill('http://oa.tengzhou.gov.cn/doc/123');
    await page.getByRole('button', { name: '报送进展' }).click();
    await page.getByText('进展已报送').waitFor();
    await page.getByTestId('report').filter({ hasText: '已制定全市精神卫生工作实施方案' }).waitFor();
    await screenshot(page, 'liaison-report-filed');

    // Someone else changes the task meanwhile: the move names a stale version and is refused as CONFLICT.
    const current = await t.gql<{ task: { version: number } }>(
      'query($id: ID!) { task(id: $id) { version } }',
      { id: taskId },
      'health.tz',
    );
    const bumped = await t.gql(
      'mutation($i: UpdateTaskInput!) { updateTask(input: $i) { version } }',
      { i: { taskId, expectedVersion: current.data!.task.version, progressPercent: 70 } },
      'health.tz',
    );
    expect(bumped.errors).toBeUndefined();
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByTestId('conflict-alert').waitFor();
    expect(await page.getByTestId('conflict-alert').innerText()).toContain('任务已被他人修改');
    await screenshot(page, 'liaison-conflict');
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByText('已提交督查室审核').waitFor();
    await screenshot(page, 'liaison-submitted');
    const after = await t.gql<{ task: { status: string; reports: { narrative: string }[] } }>(
      'query($id: ID!) { task(id: $id) { status reports { narrative } } }',
      { id: taskId },
      'health.tz',
    );
    expect(after.data!.task.status).toBe('PENDING_REVIEW');
    expect(after.data!.task.reports[0]!.narrative).toContain('实施方案');

    // A task that does not exist: said in words, with a way back rather than a retry that cannot help.
    await page.goto(`${base}/tasks/00000000-0000-4000-8000-000000000000`);
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByTestId('not-found').innerText()).toContain('任务不存在');
    expect(await page.getByRole('button', { name: '返回上一页' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '重试' }).count()).toBe(0);
    await screenshot(page, 'liaison-task-not-found');

    // A page of another role: refused in words.
    await page.goto(`${base}/plans/import`);
    await page.getByText('无权访问').waitFor();

    // Session expiry: any UNAUTHENTICATED answer returns to the login page with the reason.
    await page.evaluate(`(() => {
      const session = JSON.parse(sessionStorage.getItem('luoshi.session'));
      session.token = 'expired.token.value';
      sessionStorage.setItem('luoshi.session', JSON.stringify(session));
    })()`);
    await page.goto(`${base}/tasks`);
    await page.waitForURL(/\/login$/);
    await page.getByTestId('login-notice').waitFor();
    expect(await page.getByTestId('login-notice').innerText()).toContain('登录已过期');
    await screenshot(page, 'liaison-session-expired');
    expect(external).toEqual([]);
  }, 180_000);

  it('supervisor: imports a .docx made from a seed, corrects and publishes it, issues a notice on an overdue task', async () => {
    const { page, external } = await open(DESKTOP);
    const text = readFileSync(repoPath('seeds', 'plans', SEED_CHONGQING), 'utf8');
    const docx = await seedToDocx(text);
    const expected = importDocument(text, { registry: loadRegistryFiles(repoPath('seeds', 'registry')) });
    expect(expected.plans).toHaveLength(1);

    await signIn(page, base, 'sup.cq', PASSWORD);
    await page.waitForURL(/\/overdue$/);
    await page.getByRole('link', { name: '导入规划' }).click();
    await page.waitForURL(/\/plans\/import$/);
    await page.locator('input[type=file]').setInputFiles({
      name: '重庆市精神卫生体系建设三年行动计划.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: docx,
    });
    await page.getByText('已读取 重庆市精神卫生体系建设三年行动计划.docx').waitFor();
    expect((await page.getByTestId('plan-text').inputValue()).length).toBeGreaterThan(10_000);
    await screenshot(page, 'supervisor-import-docx');
    await page.getByTestId('import-button').click();
    await page.waitForURL(/\/plans\/[0-9a-f-]+$/);
    const planId = page.url().split('/').pop()!;
    await page.getByTestId('plan-title').waitFor();
    expect(await page.getByTestId('measure-count').innerText()).toBe(String(expected.plans[0]!.measures.length));
    await screenshot(page, 'supervisor-review-draft', { fullPage: false });

    // The draft read from Word holds the same measures as the seed's text.
    const MEASURES = `query($id: ID!) { plan(id: $id) { status measures { id code title deadline
      assignments { role explicit department { name } } } } }`;
    type Draft = {
      plan: {
        status: string;
        measures: {
          id: string;
          code: string;
          title: string;
          deadline: string | null;
          assignments: { role: string; explicit: boolean; department: { name: string } }[];
        }[];
      };
    };
    const draft = (await t.gql<Draft>(MEASURES, { id: planId }, 'sup.cq')).data!.plan;
    expect(draft.measures.map((m) => [m.code, m.title])).toEqual(
      expected.plans[0]!.measures.map((m) => [m.code, m.title]),
    );

    // Corrections: add a department to the first measure, set its deadline.
    const first = draft.measures[0]!;
    const card = page.getByTestId('measure-card').first();
    await card.getByLabel(`为 ${first.code} 添加责任单位`).click();
    await page.keyboard.type('重庆市公安局');
    await page.keyboard.press('Enter');
    await card.getByRole('button', { name: /添加$/ }).click();
    await page.getByText('已添加责任单位').waitFor();
    const deadline = card.getByLabel(`${first.code} 完成时限`);
    await deadline.click();
    await deadline.fill('2025-06-30');
    await deadline.press('Enter');
    await page.getByText('已设定完成时限').waitFor();
    await screenshot(page, 'supervisor-corrected', { fullPage: false });
    const corrected = (await t.gql<Draft>(MEASURES, { id: planId }, 'sup.cq')).data!.plan.measures[0]!;
    expect(corrected.deadline).toBe('2025-06-30');
    expect(corrected.assignments.map((a) => a.department.name)).toContain('重庆市公安局');
    expect(corrected.assignments.length).toBe(first.assignments.length + 1);

    await page.getByTestId('publish-button').click();
    await page.getByRole('button', { name: '确认发布' }).click();
    await page.getByTestId('plan-status').filter({ hasText: '已发布' }).waitFor();
    await screenshot(page, 'supervisor-published', { fullPage: false });

    // The daily sweep (run here on demand) escalates the overdue tasks of the new plan.
    await sweepAndWait(t, today, 'sup.cq');

    await page.getByRole('link', { name: '逾期督办' }).click();
    await page.waitForURL(/\/overdue$/);
    await page.locator('.ant-segmented-item', { hasText: '≥3级 督办' }).click();
    const rows = page.getByTestId('overdue-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    await screenshot(page, 'supervisor-overdue-queue');
    await rows.first().locator('input[type=checkbox]').check();
    await page.getByTestId('issue-notice').click();
    await page.locator('#notice-requirements').fill('请于一周内报送整改方案，明确责任人和完成时限。');
    await screenshot(page, 'supervisor-notice-form');
    await page.getByRole('button', { name: '下发', exact: true }).click();
    await page.getByText(/已下发 督办〔\d{4}〕\d+号/).waitFor();
    const notices = await t.gql<{ supervisionNotices: { number: string; status: string; tasks: { id: string }[] }[] }>(
      '{ supervisionNotices { number status tasks { id } } }',
      {},
      'sup.cq',
    );
    expect(notices.data!.supervisionNotices).toHaveLength(1);
    expect(notices.data!.supervisionNotices[0]!.status).toBe('ISSUED');

    // In the menu: the queue's 被督办 tags are links naming their 督办单 too.
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '督办单' }).click();
    await page.getByRole('tab', { name: '督办单跟踪' }).click();
    await page.getByTestId('notice-card').first().waitFor();
    await screenshot(page, 'supervisor-notices');
    expect(external).toEqual([]);

    // The department's liaison sees the task marked 被督办 with the notice's number, which opens the notice.
    const [notice] = notices.data!.supervisionNotices;
    const [{ department_id: departmentId }] = await t
      .get(DataSource)
      .query('SELECT department_id FROM task WHERE id = $1', [notice!.tasks[0]!.id]);
    await t.get(UsersService).ensure({
      username: 'liaison.cq',
      password: PASSWORD,
      displayName: '联络员',
      role: UserRole.LIAISON,
      jurisdictionId: null,
      departmentId,
    });
    const liaison = await open(PHONE);
    await signIn(liaison.page, base, 'liaison.cq', PASSWORD);
    await liaison.page.goto(`${base}/tasks/${notice!.tasks[0]!.id}`);
    const tag = liaison.page.getByTestId('supervised-tag');
    await tag.waitFor();
    expect(await tag.innerText()).toContain(`被督办 ${notice!.number}`);
    await screenshot(liaison.page, 'liaison-supervised-task');
    await tag.click();
    await liaison.page.waitForURL(/\/notices\?notice=/);
    await liaison.page
      .locator('[data-testid="notice-card"][data-focused]')
      .filter({ hasText: notice!.number })
      .waitFor();
    expect(liaison.external).toEqual([]);
  }, 180_000);

  it('admin: finds a dead-lettered webhook delivery and sends it again', async () => {
    const db = t.get(DataSource);
    const [{ id }] = await db.query(
      `INSERT INTO notification_delivery (source_key, channel, recipient, kind, subject, body, status, attempts, last_error)
       VALUES ('escalation:console', 'WEBHOOK', gen_random_uuid()::text, 'ESCALATION_2', '逾期预警：滕州市卫健局', '逾期', 'DEAD', 3, 'HTTP 500')
       RETURNING id`,
    );
    const { page, external } = await open(DESKTOP);
    await signIn(page, base, 'admin', PASSWORD);
    await page.waitForURL(/\/overdue$/);
    await page.getByRole('link', { name: '投递记录' }).click();
    const row = page.getByRole('row', { name: /逾期预警：滕州市卫健局/ });
    await row.waitFor();
    expect(await row.innerText()).toContain('HTTP 500');
    await screenshot(page, 'admin-deliveries');
    await row.getByRole('button', { name: '重新发送' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await db.query('SELECT status, retries FROM notification_delivery WHERE id = $1', [id])).toEqual([
      { status: 'PENDING', retries: 1 },
    ]);
    expect(external).toEqual([]);
  }, 120_000);

  it('leader: opens the responsibility matrix and drills into a cell, by mouse and by keyboard', async () => {
    const { page, external } = await open(DESKTOP);
    await signIn(page, base, 'leader.tz', PASSWORD);
    await page.waitForURL(/\/matrix$/);
    const started = Date.now();
    await page.getByTestId('matrix').waitFor();
    console.log(`matrix of the Tengzhou plan visible ${Date.now() - started} ms after sign-in redirect`);
    const menu = await page.getByRole('navigation', { name: '主菜单' }).getByRole('link').allInnerTexts();
    expect(menu).toEqual(['责任矩阵', '督办单', '规划管理', '任务进展', '部门排名与指标', '考核评估', '消息']);
    await screenshot(page, 'leader-matrix');

    const cell = page.locator('[data-testid=matrix] button.cell').first();
    const label = (await cell.getAttribute('aria-label'))!;
    await cell.click();
    await page.getByTestId('drawer-title').waitFor();
    expect(label.startsWith((await page.getByTestId('drawer-title').innerText()).trim())).toBe(true);
    await screenshot(page, 'leader-matrix-drill');
    await page.keyboard.press('Escape');
    await page.getByTestId('drawer-title').waitFor({ state: 'hidden' });

    await cell.focus();
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate<string | null>(`document.activeElement?.getAttribute('aria-label')`);
    expect(focused).toBeTruthy();
    expect(focused).not.toBe(label);
    await page.keyboard.press('Enter');
    await page.getByTestId('drawer-title').waitFor();
    expect(focused!.startsWith((await page.getByTestId('drawer-title').innerText()).trim())).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('drawer-title').waitFor({ state: 'hidden' });

    await page.getByRole('link', { name: '任务进展' }).click();
    await page.getByText('截至').first().waitFor();
    await screenshot(page, 'leader-progress');
    await page.getByRole('link', { name: '部门排名与指标' }).click();
    await page.getByTestId('scorecards').waitFor();
    await page.getByTestId('scoring-method').waitFor();
    // Departments with the same score share a rank, said as 并列; the ranks the API gives are the ones shown.
    const ranked = await t.gql<{ departmentScorecards: { rank: number; score: number }[] }>(
      'query($d: Date!) { departmentScorecards(asOf: $d) { rank score } }',
      { d: new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }) },
      'leader.tz',
    );
    const cards = ranked.data!.departmentScorecards;
    const expectedRanks = cards.map((c, i) => 1 + cards.slice(0, i).filter((d) => d.score > c.score).length);
    expect(cards.map((c) => c.rank)).toEqual(expectedRanks);
    const sharedRank = cards.find((c, i) => cards.some((d, j) => j !== i && d.rank === c.rank));
    expect(sharedRank).toBeDefined();
    await page.getByTestId('scorecards').getByText(`${sharedRank!.rank}（并列）`).first().waitFor();
    await screenshot(page, 'leader-scorecards');
    expect(external).toEqual([]);
  }, 180_000);

  it('leader: a first visit straight to /matrix paints the heat map before any antd code, keyboard drill-down included', async () => {
    const signedIn = await open(DESKTOP);
    await signIn(signedIn.page, base, 'leader.tz', PASSWORD);
    await signedIn.page.waitForURL(/\/matrix$/);
    const session = await signedIn.page.evaluate<string>(`sessionStorage.getItem('luoshi.session')`);

    // A new tab of a fresh context (empty cache), already signed in: the leader's home as a first visit.
    const { context, page, external } = await open(DESKTOP);
    await context.addInitScript(`sessionStorage.setItem('luoshi.session', ${JSON.stringify(session)})`);
    const requested: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') requested.push(new URL(r.url()).pathname.slice(1));
    });
    // The page's own clock marks when the first cell enters the DOM: the test noticing it later (a
    // loaded machine) must not move scripts the page asked for afterwards to "before the heat map".
    await context.addInitScript(`new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid=matrix] button.cell')) {
        window.__cellsAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true })`);
    await page.goto(`${base}/matrix`);
    const cell = page.locator('[data-testid=matrix] button.cell').first();
    await cell.waitFor();
    const beforePaint = await page.evaluate<string[]>(`performance.getEntriesByType('resource')
      .filter((e) => e.name.endsWith('.js') && e.startTime < window.__cellsAt)
      .map((e) => new URL(e.name).pathname.slice(1))`);
    expect(beforePaint.length).toBeGreaterThan(0);

    // Up to the heat map: only the entries and the matrix page; antd (the plan picker's Select) comes after.
    const web = repoPath('dist', 'web');
    const allowed = new Set(firstLoad(web, MATRIX_ROOTS).files.map((f) => f.file));
    const antdOnly = firstLoad(web, MATRIX_LATER_ROOTS, MATRIX_ROOTS).files.map((f) => f.file);
    expect(antdOnly.length).toBeGreaterThan(0);
    expect(beforePaint.filter((file) => !allowed.has(file))).toEqual([]);
    await page.getByTestId('matrix-plan').waitFor(); // antd's Select, once the page is idle
    expect(requested).toEqual(expect.arrayContaining(antdOnly.filter((f) => f.endsWith('.js'))));

    // Keyboard: Enter opens the cell's task, Escape closes it and gives the focus back to the cell.
    await cell.focus();
    await page.keyboard.press('ArrowRight');
    const focused = await page.evaluate<string | undefined>(`document.activeElement?.dataset.task`);
    expect(focused).toBeTruthy();
    await page.keyboard.press('Enter');
    await page.getByTestId('drawer-title').waitFor();
    expect(await page.getByRole('dialog', { name: '任务详情' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('drawer-title').waitFor({ state: 'hidden' });
    expect(await page.evaluate<string | undefined>(`document.activeElement?.dataset.task`)).toBe(focused);
    expect(external).toEqual([]);
  }, 120_000);

  it("lead liaison: reports an indicator value from the task page; the leader's 指标完成情况 shows it instead of 未报送", async () => {
    const db = t.get(DataSource);
    // The Tengzhou plan prints no indicator table; 卫计局 (HEALTH) leads it, so its liaison reports one.
    const [plan] = await db.query(
      `SELECT p.id, p.title FROM plan p JOIN department d ON d.id = p.lead_department_id WHERE d.key = 'tengzhou.HEALTH'`,
    );
    await db.query(
      `INSERT INTO indicator (plan_id, ordinal, name, unit, baseline_year, baseline_value, targets, source_line)
       VALUES ($1, 90, '严重精神障碍患者规范管理率', '%', 2016, '60', '[{"year": 2020, "value": "≥80"}]', 1)`,
      [plan.id],
    );
    const [task] = await db.query(
      `SELECT t.id FROM task t JOIN department d ON d.id = t.department_id
       WHERE t.plan_id = $1 AND d.key = 'tengzhou.HEALTH' AND t.status IN ('NOT_STARTED','IN_PROGRESS') ORDER BY t.id LIMIT 1`,
      [plan.id],
    );
    const liaison = await open(DESKTOP);
    await signIn(liaison.page, base, 'health.tz', PASSWORD);
    await liaison.page.goto(`${base}/tasks/${task.id}`);
    const value = liaison.page.getByLabel('严重精神障碍患者规范管理率（%）');
    await value.waitFor();
    expect(await liaison.page.getByTestId('indicator-fields').innerText()).toContain('目标：2020年 ≥80');
    await liaison.page.locator('#report-narrative').fill('规范管理率已核实。');
    await liaison.page.locator('#report-percent').fill('30');
    await value.fill('85');
    await screenshot(liaison.page, 'liaison-indicator-value');
    await liaison.page.getByRole('button', { name: '报送进展' }).click();
    await liaison.page.getByText('进展已报送').waitFor();
    const reported = liaison.page.getByTestId('report-indicators').first();
    await reported.waitFor();
    expect(await reported.innerText()).toBe('严重精神障碍患者规范管理率 85%');

    const leader = await open(DESKTOP);
    await signIn(leader.page, base, 'leader.tz', PASSWORD);
    await leader.page.getByRole('link', { name: '部门排名与指标' }).click();
    await leader.page.getByRole('tab', { name: '指标完成情况' }).click();
    const picker = leader.page.getByRole('tabpanel', { name: '指标完成情况' }).getByLabel('选择规划');
    await picker.click();
    await leader.page.locator('.ant-select-dropdown:visible').getByText(plan.title, { exact: true }).first().click();
    const row = leader.page.getByRole('row', { name: /严重精神障碍患者规范管理率/ });
    await row.waitFor();
    expect(await row.innerText()).toContain('85');
    expect(await row.innerText()).not.toContain('未报送');
    await screenshot(leader.page, 'leader-indicator-attainment');
    expect([...liaison.external, ...leader.external]).toEqual([]);
  }, 120_000);
});
