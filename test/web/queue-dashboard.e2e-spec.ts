// 队列看板 in headless Chromium against the real API: an ADMIN on 投递记录 clicks the button and bull-board
// opens in a new tab on the luoshi queues; a liaison sees no button and is refused at /admin/queues.
// Screenshots: test-artifacts/web/NN-queue-dashboard*.png.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { UserRole } from '../../libs/auth/src/index.js';
import { PASSWORD, TestApp } from '../support/test-app.js';
import { dropQueues } from '../support/test-worker.js';
import { launchChromium, openConsole, screenshot, signIn, type ConsoleContext } from './support/browser.js';

const DESKTOP = { width: 1280, height: 860 };
const PREFIX = `${process.env.QUEUE_PREFIX}_web_queues`;

describe('queue dashboard in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const contexts: ConsoleContext[] = [];

  const open = async () => {
    const c = await openConsole(browser, base, DESKTOP);
    contexts.push(c);
    return c;
  };

  beforeAll(async () => {
    browser = await launchChromium(); // throws (never skips) when Chromium or the built console is missing
    t = await TestApp.start({ QUEUE_PREFIX: PREFIX });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await t.user('queues.admin', UserRole.ADMIN);
    await t.user('queues.liaison', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    // A sweep waits in its queue (no worker here): the board shows it.
    await t.gql('mutation { runEscalationSweep(asOf: "2025-10-11") { jobId } }', {}, 'queues.admin');
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.context.close().catch(() => undefined);
    await browser?.close();
    await t?.stop();
    await dropQueues(PREFIX);
  });

  it('opens bull-board on the luoshi queues in a new tab from 投递记录 for an ADMIN', async () => {
    const { context, page, external } = await open();
    await signIn(page, base, 'queues.admin', PASSWORD);
    await page.goto(`${base}/deliveries`);
    await page.getByRole('heading', { name: '投递记录' }).waitFor();
    const [board] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: '队列看板' }).click(),
    ]);
    await board.waitForURL(`${base}/admin/queues`);
    const queues = ['notifications', 'notification-deliveries', 'notification-digests', 'escalation', 'upload-cleanup'];
    for (const queue of queues) await board.getByRole('link', { name: queue, exact: true }).first().waitFor();
    await screenshot(board, 'queue-dashboard');
    // The board reads Redis: the waiting sweep is listed under its queue.
    await board.getByRole('link', { name: 'escalation', exact: true }).first().click();
    await board.getByText('sweep-2025-10-11-all').first().waitFor();
    await screenshot(board, 'queue-dashboard-escalation');
    expect(external).toEqual([]);
  });

  it('shows a liaison no button, and /admin/queues refuses it', async () => {
    const { page } = await open();
    await signIn(page, base, 'queues.liaison', PASSWORD);
    await page.goto(`${base}/deliveries`);
    await page.getByText('无权访问').waitFor();
    expect(await page.getByRole('button', { name: '队列看板' }).count()).toBe(0);
    // The board's cookie, asked for with the liaison's own token (the console keeps it in sessionStorage), is refused.
    const stored = await page.evaluate<string>("sessionStorage.getItem('luoshi.session')");
    const { token } = JSON.parse(stored) as { token: string };
    const session = await page.request.post(`${base}/admin/queues/session`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(session.status()).toBe(403);
    const refused = await page.goto(`${base}/admin/queues`);
    expect(refused?.status()).toBe(401);
  });
});
