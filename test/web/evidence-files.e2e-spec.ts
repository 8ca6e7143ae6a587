// Evidence files (佐证材料) in the console (issue 19 §1): a liaison drops a photo and a PDF on the progress
// report form (the photo shows its thumbnail), a disguised executable is refused with the server's reason,
// the report is filed, and the task page lists the files — the photo with a thumbnail — and downloads one
// under its name. Screenshots: test-artifacts/web/files-*.png.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { UserRole } from '../../libs/auth/src/index.js';
import { publishSeed, SEED_TENGZHOU } from '../support/seed-plans.js';
import { PASSWORD, TestApp } from '../support/test-app.js';
import { ARTIFACTS, launchChromium, openConsole, signIn, type ConsoleContext } from './support/browser.js';

const DESKTOP = { width: 1280, height: 900 };

/** A real 16×16 PNG (a red square), so the browser can draw its thumbnail. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(16, 0);
  header.writeUInt32BE(16, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(16 * 3, Buffer.from([0xd4, 0x38, 0x0d]))]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array<Buffer>(16).fill(row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

let shots = 0;
async function shot(page: Page, name: string): Promise<void> {
  shots += 1;
  await page.waitForTimeout(300);
  await page.screenshot({
    path: join(ARTIFACTS, `files-${String(shots).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

describe('evidence files in the console', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let c: ConsoleContext | undefined;
  let taskId: string;

  beforeAll(async () => {
    browser = await launchChromium(); // throws (never skips) when Chromium or the built console is missing
    t = await TestApp.start();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await t.user('admin', UserRole.ADMIN);
    await t.user('files.health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    const [planId] = await publishSeed(t, SEED_TENGZHOU, 'admin');
    const [task]: { id: string }[] = await t.get(DataSource).query(
      `SELECT t.id FROM task t JOIN department d ON d.id = t.department_id
         WHERE t.plan_id = $1 AND d.key = 'tengzhou.HEALTH' ORDER BY t.id LIMIT 1`,
      [planId],
    );
    taskId = task!.id;
  }, 120_000);

  afterAll(async () => {
    await c?.context.close().catch(() => undefined);
    await browser?.close();
    await t?.stop();
  });

  it('uploads by drag and drop on the report form and lists the files on the task page', async () => {
    c = await openConsole(browser, base, DESKTOP);
    const { page } = c;
    await signIn(page, base, 'files.health', PASSWORD);
    await page.goto(`${base}/tasks/${taskId}`);
    const form = page.getByTestId('report-form');
    await form.waitFor();

    const input = form.locator('input[type=file]');
    await input.setInputFiles([
      { name: '现场照片.png', mimeType: 'image/png', buffer: png() },
      { name: '会议纪要.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n会议纪要\n%%EOF\n') },
    ]);
    await form.locator('.ant-upload-list-item-done').nth(1).waitFor();
    expect(await form.locator('.ant-upload-list-item-done').count()).toBe(2);
    // The photo's thumbnail, drawn from the local file.
    const thumb = form.locator('.ant-upload-list-item-done img').first();
    await thumb.waitFor();
    expect(await thumb.getAttribute('src')).toMatch(/^data:image\/png;base64,/);

    // An executable named like a PDF: refused by its bytes, the reason shown, never attached.
    await input.setInputFiles({
      name: '通知.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0x90)]),
    });
    await page.getByText(/通知\.pdf：不支持的文件类型/).waitFor();
    await form.locator('.ant-upload-list-item-error').first().waitFor();
    expect(await form.locator('.ant-upload-list-item-error').count()).toBe(1);
    await shot(page, 'report-form-files');

    await page.locator('#report-percent').fill('40');
    await page.locator('#report-narrative').fill('召开专题推进会，形成会议纪要，现场核查两处。');
    await page.getByRole('button', { name: '报送进展' }).click();
    await page.getByText('进展已报送').waitFor();

    const files = page.getByTestId('task-files');
    await files.getByText('会议纪要.pdf').waitFor();
    await files.getByText('现场照片.png').waitFor();
    expect(await files.getByTestId('attachment-name').count()).toBe(2);
    const photo = files.locator('img[alt="现场照片.png"]');
    await photo.waitFor();
    expect(await photo.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await shot(page, 'task-files');

    const [saved] = await Promise.all([
      page.waitForEvent('download'),
      files.getByRole('button', { name: '下载 会议纪要.pdf' }).click(),
    ]);
    expect(saved.suggestedFilename()).toBe('会议纪要.pdf');

    // 延期申请 with its proof: listed under the request on the same card.
    await page.getByRole('button', { name: '申请延期' }).click();
    await page.locator('#extension-date').click();
    await page.locator('#extension-date').fill('2031-06-30');
    await page.keyboard.press('Enter');
    await page.locator('#extension-reason').fill('汛期施工受阻');
    await page
      .locator('form')
      .filter({ has: page.locator('#extension-reason') })
      .locator('input[type=file]')
      .setInputFiles({ name: '气象证明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n暴雨\n') });
    await page.locator('.ant-upload-list-item-done', { hasText: '气象证明.pdf' }).waitFor();
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByText('延期申请已提交').waitFor();
    await files.getByText('气象证明.pdf').waitFor();
    await files.getByText(/^延期申请 /).waitFor();
    await shot(page, 'extension-files');
    expect(c.external).toEqual([]);
  });
});
