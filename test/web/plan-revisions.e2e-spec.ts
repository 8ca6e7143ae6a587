// 修订对照 in headless Chromium against the real API: a supervisor opens a draft revision of seed 001,
// reads the comparison (dropped, added, reworded with a character diff, reassigned, new deadline),
// corrects a pairing and undoes it, publishes, and finds both versions listed on the plan.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { UserRole } from '../../libs/auth/src/index.js';
import { repoPath } from '../../libs/common/src/index.js';
import { PASSWORD, TestApp } from '../support/test-app.js';
import { launchChromium, openConsole, screenshot, signIn, type ConsoleContext } from './support/browser.js';

const fixture = (name: string) => readFileSync(repoPath('test', 'fixtures', name), 'utf8');
const IMPORT = 'mutation($input: ImportPlanDocumentInput!) { importPlanDocument(input: $input) { plans { id } } }';

describe('plan revision comparison in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let ctx: ConsoleContext | undefined;
  let planId: string;
  let draftId: string;

  beforeAll(async () => {
    browser = await launchChromium();
    t = await TestApp.start({ QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_web_revisions` });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await t.user('webrev.sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    const first = await t.gql<{ importPlanDocument: { plans: { id: string }[] } }>(
      IMPORT,
      { input: { text: fixture('tengzhou-mental-health.txt'), fileName: 'v1.txt' } },
      'webrev.sup',
    );
    planId = first.data!.importPlanDocument.plans[0]!.id;
    await t.gql('mutation($id: ID!) { publishPlan(planId: $id) { id } }', { id: planId }, 'webrev.sup');
    const revision = await t.gql<{ importPlanDocument: { plans: { id: string }[] } }>(
      IMPORT,
      { input: { text: fixture('tengzhou-mental-health-revision.txt'), fileName: 'v2.txt', revisionOf: planId } },
      'webrev.sup',
    );
    draftId = revision.data!.importPlanDocument.plans[0]!.id;
  }, 120_000);

  afterAll(async () => {
    await ctx?.context.close().catch(() => undefined);
    await browser?.close();
    await t?.stop();
  });

  it('shows the changes clause by clause, takes a corrected pairing and publishes into the plan', async () => {
    ctx = await openConsole(browser, base, { width: 1280, height: 900 });
    const { page, external } = ctx;
    await signIn(page, base, 'webrev.sup', PASSWORD);
    await page.goto(`${base}/plans/${draftId}`);
    await page.getByTestId('revision-banner').waitFor();
    await page.getByRole('button', { name: '修订对照' }).click();
    await page.waitForURL(/\/revision-diff$/);

    const cards = page.getByTestId('measure-change');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(5);
    const kinds = await cards.evaluateAll((els) =>
      els.map((el) => [...el.querySelectorAll('[data-testid="change-kind"]')].map((k) => k.textContent).join(',')),
    );
    expect(kinds).toEqual(['文字修改,时限调整', '删除', '分工调整', '文字修改', '新增']);
    // The reworded measure: what was put in and what was taken out, and its new deadline.
    const reworded = cards.nth(0);
    expect(await reworded.locator('ins').allTextContents()).toEqual(
      expect.arrayContaining(['全面', '该项工作于2019年6月底前完成。']),
    );
    expect(await reworded.getByTestId('deadline-change').textContent()).toContain('2019年6月30日');
    const reassigned = await cards.nth(2).getByTestId('assignment-changes').textContent();
    expect(reassigned).toContain('+ 市教体局（负责）');
    expect(reassigned).toContain('− 市人力资源社会保障局（负责）');
    await screenshot(page, 'revision-diff');

    // The office says the new measure continues the dropped one, then takes that back.
    const select = page.getByLabel('三.（五）.3 对应现行措施');
    await select.click();
    await page.keyboard.type('大力开展心理健康教育');
    await page.keyboard.press('Enter');
    await page.getByText('已更新对应关系').waitFor();
    await page.getByText('人工指定').waitFor();
    expect(await cards.count()).toBe(4);
    await screenshot(page, 'revision-diff-corrected');
    await page.getByRole('button', { name: '恢复自动对应' }).click();
    await page.getByText('人工指定').waitFor({ state: 'detached' });
    expect(await cards.count()).toBe(5);

    await page.getByRole('link', { name: /返回修订稿审核/ }).click();
    await page.getByTestId('publish-button').click();
    await page.getByRole('button', { name: '确认发布' }).click();
    await page.waitForURL(new RegExp(`/plans/${planId}$`));
    const versions = page.getByTestId('revisions');
    await versions.waitFor();
    expect(await versions.textContent()).toContain('第 2 版');
    expect(await versions.textContent()).toContain('第 1 版');
    await screenshot(page, 'revision-published');
    expect(external).toEqual([]);
  }, 120_000);
});
