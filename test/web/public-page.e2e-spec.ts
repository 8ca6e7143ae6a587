// 政务公开 in the browser: the office turns on the plan's publicity and marks one report public in the
// console; a phone with JavaScript disabled then reads the public page — the departments, status,
// percent, due dates and the marked narrative, and none of the people, problems, notices or files.
// Screenshots: test-artifacts/web/public-page-*.png.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { UserRole } from '../../libs/auth/src/index.js';
import { publishSeed, SEED_TENGZHOU } from '../support/seed-plans.js';
import { PASSWORD, TestApp } from '../support/test-app.js';
import { ARTIFACTS, launchChromium, openConsole, signIn, type ConsoleContext } from './support/browser.js';

const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 375, height: 812 };
const LIAISON = 'zhangwei-liaison';
const REPORT = 'mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) { id } }';

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(ARTIFACTS, `public-page-${name}.png`), fullPage: true });
}

describe('public progress page in the browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let planId: string;
  let taskId: string;
  let department: string;
  const contexts: (ConsoleContext | { context: BrowserContext })[] = [];

  beforeAll(async () => {
    browser = await launchChromium(); // throws (never skips) when Chromium or the built console is missing
    t = await TestApp.start();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user(LIAISON, UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    [planId] = await publishSeed(t, SEED_TENGZHOU, 'admin');
    const [task] = await t.get(DataSource).query(
      `SELECT t.id, d.name FROM task t JOIN department d ON d.id = t.department_id
         WHERE t.plan_id = $1 AND d.key = 'tengzhou.HEALTH' ORDER BY t.id LIMIT 1`,
      [planId],
    );
    [taskId, department] = [task.id, task.name];
    for (const [narrative, problems] of [
      ['第一次进展：摸底排查已完成OLD-NARRATIVE', '人员不足OLD-PROBLEM'],
      ['第二次进展：已建成示范点三处PUBLIC-NARRATIVE', '经费缺口HIDDEN-PROBLEM'],
    ]) {
      const res = await t.gql(
        REPORT,
        {
          input: {
            taskId,
            progressPercent: 60,
            narrative,
            problems,
            evidence: [{ name: '验收照片HIDDEN-FILE', fileName: 'photo.jpg' }],
          },
        },
        LIAISON,
      );
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    }
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.context.close().catch(() => undefined);
    await browser?.close();
    await t?.stop();
  });

  /** A phone without JavaScript, pinned to the test server; records every request it makes. */
  async function phone(): Promise<{ page: Page; requests: string[] }> {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: 'zh-CN' });
    contexts.push({ context });
    const requests: string[] = [];
    const origin = new URL(base).origin;
    await context.route('**/*', (route) => {
      const url = route.request().url();
      requests.push(url);
      return url.startsWith(origin) ? route.continue() : route.abort();
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return { page, requests };
  }

  it('is not there before the office makes the plan public', async () => {
    const { page } = await phone();
    const res = await page.goto(`${base}/public/plans/${planId}`);
    expect(res?.status()).toBe(404);
    await page.getByRole('heading', { name: '未找到' }).waitFor();
  });

  it('lets the office make the plan public and mark one report public in the console', async () => {
    const c = await openConsole(browser, base, DESKTOP);
    contexts.push(c);
    await signIn(c.page, base, 'sup', PASSWORD);
    await c.page.goto(`${base}/plans/${planId}`);
    const toggle = c.page.getByTestId('plan-publicity-switch');
    await toggle.click();
    await c.page.locator('[data-testid="plan-publicity-switch"][aria-checked="true"]').waitFor();
    const link = `${base}/public/plans/${planId}`;
    await c.page.getByTestId('plan-publicity').getByRole('link', { name: link }).waitFor();
    await shot(c.page, '01-plan-switch');

    await c.page.goto(`${base}/tasks/${taskId}`);
    const card = c.page.getByTestId('report-publicity');
    await card.waitFor();
    // Newest first: the second report is the first row.
    const row = card.locator('.ant-list-item').filter({ hasText: 'PUBLIC-NARRATIVE' });
    await row.getByTestId('report-public-switch').click();
    await row.locator('[data-testid="report-public-switch"][aria-checked="true"]').waitFor();
    await shot(c.page, '02-report-toggle');
    expect(c.external).toEqual([]);
  });

  it('shows a phone without JavaScript what is public, and nothing else', async () => {
    const { page, requests } = await phone();
    const res = await page.goto(`${base}/public/jurisdictions/${await jurisdictionOf()}/plans`);
    expect(res?.status()).toBe(200);
    await page.getByRole('link').first().click();
    await page.waitForURL(`${base}/public/plans/${planId}`);
    const title = await page.getByRole('heading', { level: 1 }).textContent();
    expect(title).toContain('滕州');
    const text = (await page.locator('body').textContent())!;
    expect(text).toContain(department);
    expect(text).toContain('牵头');
    expect(text).toContain('60%');
    expect(text).toContain('PUBLIC-NARRATIVE');
    expect(text).toMatch(/完成时限/);
    for (const hidden of [LIAISON, 'OLD-NARRATIVE', 'OLD-PROBLEM', 'HIDDEN-PROBLEM', 'HIDDEN-FILE', 'photo.jpg'])
      expect(text).not.toContain(hidden);
    // Nothing but the two pages themselves: no script, stylesheet, font or image.
    expect(requests.filter((u) => !u.includes('/public/'))).toEqual([]);
    // Readable on a phone: the tables fit the screen.
    for (const box of await Promise.all((await page.locator('table').all()).slice(0, 5).map((l) => l.boundingBox())))
      expect(box!.width).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(ARTIFACTS, 'public-page-03-phone.png'), fullPage: false });
  });

  async function jurisdictionOf(): Promise<string> {
    const [row] = await t.get(DataSource).query('SELECT jurisdiction_id FROM plan WHERE id = $1', [planId]);
    return row.jurisdiction_id;
  }
});
