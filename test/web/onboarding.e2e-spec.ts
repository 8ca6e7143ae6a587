// Onboarding a city that seeds/registry does not hold, through the console alone (issue 13): an ADMIN
// creates 临川市 and two districts, uploads a registry spreadsheet of its departments, imports an
// implementation opinion written for the test (its jurisdiction inferred from 临政办发), confirms one
// provisional department and merges the other on 待确认部门, publishes the plan, creates a liaison on
// 用户管理; the liaison signs in and finds the tasks. Screenshots: test-artifacts/web/onboarding-*.png.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { UserRole } from '../../libs/auth/src/index.js';
import { PASSWORD, TestApp } from '../support/test-app.js';
import { ARTIFACTS, launchChromium, openConsole, signIn, type ConsoleContext } from './support/browser.js';
import {
  CITY,
  CONFIRMED_UNIT,
  DEPARTMENT_ROWS,
  DISTRICTS,
  MERGED_INTO,
  MERGED_MEASURE_TITLE,
  MERGED_UNIT,
  OPINION,
} from './support/linchuan.js';

const DESKTOP = { width: 1280, height: 860 };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const REGISTRY_COLUMNS = [
  '行政区划',
  '层级',
  '上级行政区划',
  '行政区划别名',
  '部门全称',
  '部门简称',
  '职能代码',
  '部门别名',
];
const LIAISON = { username: 'sifa.linchuan', displayName: '临川司法局联络员', password: 'Linchuan-2026' };

let shots = 0;

/** test-artifacts/web/onboarding-NN-name.png, once antd's motion has settled. */
async function shot(page: Page, name: string): Promise<void> {
  shots += 1;
  await page.waitForTimeout(300);
  const file = join(ARTIFACTS, `onboarding-${String(shots).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
}

/** antd writes a space between the two characters of a two-character button label (保 存). */
function label(text: string): RegExp {
  return new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`);
}

/** The registry spreadsheet of the city's departments, in the template's columns. */
async function registrySpreadsheet(header: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('登记表');
  sheet.addRow(header);
  const at = (column: string) => header.indexOf(column);
  for (const [name, shortName, functionCode, aliases] of DEPARTMENT_ROWS) {
    const row: string[] = new Array<string>(header.length).fill('');
    row[at('行政区划')] = CITY.name;
    row[at('层级')] = 'CITY';
    row[at('上级行政区划')] = CITY.parent;
    row[at('行政区划别名')] = CITY.alias;
    row[at('部门全称')] = name;
    row[at('部门简称')] = shortName;
    row[at('职能代码')] = functionCode;
    row[at('部门别名')] = aliases;
    sheet.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('onboarding a new city in the console', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const contexts: ConsoleContext[] = [];

  beforeAll(async () => {
    browser = await launchChromium(); // throws (never skips) when Chromium or the built console is missing
    t = await TestApp.start();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await t.user('admin', UserRole.ADMIN);
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.context.close().catch(() => undefined);
    await browser?.close();
    await t?.stop();
  });

  async function open(): Promise<ConsoleContext> {
    const c = await openConsole(browser, base, DESKTOP);
    contexts.push(c);
    return c;
  }

  /** Picks a jurisdiction in the registry tree (found by the search box first). */
  async function pickJurisdiction(page: Page, name: string, search: string): Promise<void> {
    await page.getByLabel('查找行政区划').fill(search);
    await page.getByTestId('jurisdiction-tree').getByText(name, { exact: true }).click();
    await page.getByTestId('jurisdiction-title').filter({ hasText: name }).waitFor();
  }

  /** 新增行政区划 under the jurisdiction picked in the tree; returns when the new one is selected. */
  async function addJurisdiction(page: Page, name: string, alias?: string): Promise<void> {
    await page.getByRole('button', { name: '新增行政区划' }).click();
    const form = page.getByTestId('jurisdiction-form');
    await form.locator('#jurisdiction-name').fill(name);
    if (alias) {
      await form.locator('#jurisdiction-aliases').fill(alias);
      await page.keyboard.press('Enter');
      await form.locator('.ant-select-selection-item', { hasText: alias }).waitFor();
    }
    await page
      .getByRole('dialog')
      .getByRole('button', { name: label('保存') })
      .click();
    await page.getByText(`已新增 ${name}`).waitFor();
    await page.getByTestId('jurisdiction-title').filter({ hasText: name }).waitFor();
  }

  /** Chooses an option of an antd Select by typing part of it. */
  async function choose(page: Page, select: Locator, typed: string, option: string): Promise<void> {
    await select.click();
    await select.fill(typed);
    await page.locator('.ant-select-dropdown:visible').getByText(option, { exact: true }).first().click();
  }

  it('an admin creates the city, its districts, departments, plan and a liaison; the liaison sees the tasks', async () => {
    const { page, external } = await open();
    await signIn(page, base, 'admin', PASSWORD);
    await page.waitForURL(/\/overdue$/);
    const nav = page.getByRole('navigation', { name: '主菜单' });
    await nav.getByText('行政区划与账户').waitFor();
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(
      expect.arrayContaining(['行政区划与部门', '待确认部门', '用户管理', '登记表导入']),
    );

    // 1. The city under 江西省, with the alias documents use, and two districts under it.
    await nav.getByRole('link', { name: '行政区划与部门' }).click();
    await page.waitForURL(/\/registry$/);
    await pickJurisdiction(page, CITY.parent, '江西');
    await addJurisdiction(page, CITY.name, CITY.alias);
    await shot(page, 'city-created');
    for (const district of DISTRICTS) {
      await pickJurisdiction(page, CITY.name, CITY.alias);
      await addJurisdiction(page, district);
    }
    await pickJurisdiction(page, CITY.name, CITY.alias);
    for (const district of DISTRICTS) {
      await page.getByTestId('jurisdiction-tree').getByText(district, { exact: true }).waitFor();
    }
    await shot(page, 'districts-created');
    const { data: created } = await t.gql<{ jurisdictions: { name: string; level: string; aliases: string[] }[] }>(
      '{ jurisdictions { name level aliases } }',
      {},
      'admin',
    );
    const ours = created!.jurisdictions.filter((j) => j.name === CITY.name || DISTRICTS.includes(j.name));
    expect(ours.map((j) => [j.name, j.level]).sort()).toEqual(
      [[CITY.name, 'CITY'], ...DISTRICTS.map((d) => [d, 'DISTRICT'])].sort(),
    );
    expect(ours.find((j) => j.name === CITY.name)!.aliases).toContain(CITY.alias);

    // 2. The registry spreadsheet: the template's columns, one row per department of the city.
    await nav.getByRole('link', { name: '登记表导入' }).click();
    await page.waitForURL(/\/registry\/import$/);
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /下载登记表模板/ }).click(),
    ]);
    const templateBook = new ExcelJS.Workbook();
    await templateBook.xlsx.load((await readFile((await template.path())!)) as unknown as ExcelJS.Buffer);
    const templateSheet = templateBook.getWorksheet('登记表')!;
    const header = (templateSheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toEqual(REGISTRY_COLUMNS);
    expect(templateSheet.rowCount).toBeGreaterThanOrEqual(2); // the example row
    const spreadsheet = await registrySpreadsheet(header);
    const upload = () =>
      page
        .locator('input[type=file]')
        .setInputFiles({ name: '临川市登记表.xlsx', mimeType: XLSX, buffer: spreadsheet });
    const result = page.getByTestId('registry-result');
    await upload();
    await result.waitFor();
    expect(await result.innerText()).toContain(`新增部门 ${DEPARTMENT_ROWS.length} 个`);
    expect(await result.innerText()).toContain('新增行政区划 0 个');
    await shot(page, 'registry-imported');
    // The same file again changes nothing.
    await upload();
    await result.getByText('没有需要更新的内容').waitFor();

    await nav.getByRole('link', { name: '行政区划与部门' }).click();
    await pickJurisdiction(page, CITY.name, CITY.alias);
    const departments = page.getByTestId('department-table');
    for (const [name] of DEPARTMENT_ROWS) await departments.getByText(name, { exact: true }).waitFor();
    await shot(page, 'city-departments');

    // 3. The city's implementation opinion, through the import page; its jurisdiction is inferred.
    await nav.getByRole('link', { name: '导入规划' }).click();
    await page.waitForURL(/\/plans\/import$/);
    await page.locator('input[type=file]').setInputFiles({
      name: '临政办发〔2026〕3号.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(OPINION, 'utf8'),
    });
    await page.getByText('已读取 临政办发〔2026〕3号.txt').waitFor();
    await page.getByTestId('import-button').click();
    await page.waitForURL(/\/plans\/[0-9a-f-]+$/);
    const planId = page.url().split('/').pop()!;
    await page.getByTestId('plan-title').waitFor();
    expect(await page.getByTestId('measure-count').innerText()).toBe('7');
    await shot(page, 'plan-draft');
    const { data: draft } = await t.gql<{ plan: { jurisdiction: { name: string } } }>(
      'query($id: ID!) { plan(id: $id) { jurisdiction { name } } }',
      { id: planId },
      'admin',
    );
    expect(draft!.plan.jurisdiction.name).toBe(CITY.name);

    // 4. 待确认部门: the two units the spreadsheet did not hold, with the measures that named them.
    await nav.getByRole('link', { name: '待确认部门' }).click();
    await page.waitForURL(/\/registry\/provisional$/);
    const cards = page.getByTestId('provisional-card');
    const confirmed = cards.filter({ hasText: CONFIRMED_UNIT });
    const merged = cards.filter({ hasText: MERGED_UNIT });
    await confirmed.waitFor();
    await merged.waitFor();
    expect(await cards.count()).toBe(2);
    expect(await merged.innerText()).toContain(MERGED_MEASURE_TITLE);
    expect(await merged.getByRole('link').first().getAttribute('href')).toBe(`/plans/${planId}`);
    await shot(page, 'provisional');

    await confirmed.getByRole('button', { name: '确认为正式部门' }).click();
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: label('确认') })
      .click();
    await page.getByText(`已确认`).first().waitFor();
    await confirmed.waitFor({ state: 'detached' });

    await merged.getByRole('button', { name: '并入已有部门' }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`合并部门：.*${MERGED_UNIT}`) });
    await choose(page, dialog.getByLabel('并入的部门'), '司法局', MERGED_INTO);
    const preview = dialog.getByTestId('merge-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toMatch(/迁移的责任分工\s*1 条/);
    await preview.locator('.ant-tag', { hasText: MERGED_UNIT }).waitFor(); // 市法制办 becomes an alias
    await shot(page, 'merge-preview');
    await dialog.getByRole('button', { name: '确认合并' }).click();
    await page.getByText(`已并入 ${MERGED_INTO}`).waitFor();
    await page.getByText('没有待确认的部门').waitFor();
    await shot(page, 'provisional-done');

    // 5. Publish the plan on its review page.
    await page.goto(`${base}/plans/${planId}`);
    await page.getByTestId('publish-button').click();
    await page.getByRole('button', { name: '确认发布' }).click();
    await page.getByTestId('plan-status').filter({ hasText: '已发布' }).waitFor();
    await shot(page, 'plan-published');

    // 6. A liaison account for 市司法局 on 用户管理.
    await nav.getByRole('link', { name: '用户管理' }).click();
    await page.waitForURL(/\/users$/);
    await page.getByRole('button', { name: '新增账号' }).click();
    const userForm = page.getByTestId('user-form');
    await userForm.locator('#user-username').fill(LIAISON.username);
    await userForm.locator('#user-display-name').fill(LIAISON.displayName);
    await userForm.locator('#user-password').fill(LIAISON.password);
    await choose(page, userForm.locator('#user-jurisdiction'), CITY.name, CITY.name);
    await choose(page, userForm.locator('#user-department'), '司法局', MERGED_INTO);
    await shot(page, 'user-form');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: label('保存') })
      .click();
    await page.getByText(`已创建账号 ${LIAISON.username}`).waitFor();
    const row = page.getByTestId('users-table').getByRole('row', { name: new RegExp(LIAISON.username) });
    await row.waitFor();
    expect(await row.innerText()).toContain(MERGED_INTO);
    await shot(page, 'users');
    expect(external).toEqual([]);

    // 7. The liaison signs in and finds the department's tasks, the one 市法制办 was named for among them.
    const liaison = await open();
    await signIn(liaison.page, base, LIAISON.username, LIAISON.password);
    await liaison.page.waitForURL(/\/tasks$/);
    const tasks = liaison.page.getByTestId('task-card');
    await tasks.first().waitFor();
    expect(await tasks.count()).toBe(2); // 三.（五） (lead, moved from 市法制办) and 三.（七） (cooperating)
    await tasks.filter({ hasText: MERGED_MEASURE_TITLE }).waitFor();
    await shot(liaison.page, 'liaison-tasks');
    expect(liaison.external).toEqual([]);
  }, 300_000);
});
