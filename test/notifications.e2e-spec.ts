import type { INestApplicationContext } from '@nestjs/common';
import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { verifyWebhook } from '../libs/notifications/src/index.js';
import { startHookReceiver, startSmtpServer } from './support/mail-and-hooks.js';
import { publishSeed, SEED_TENGZHOU } from './support/seed-plans.js';
import { codeOf, TestApp } from './support/test-app.js';
import { sweepAndWait } from './support/sweeps.js';
import { dropQueues, startWorker, waitFor } from './support/test-worker.js';

const SECRET = 'health-robot-secret-0001';
const PREFIX = `${process.env.QUEUE_PREFIX}_notify`;
const NOTIFICATIONS =
  'query($unread: Boolean) { notifications(unreadOnly: $unread) { id kind message createdAt readAt task { id } } }';
const READ = 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }';

interface Note {
  id: string;
  kind: string;
  message: string;
  readAt: string | null;
  task: { id: string } | null;
}

jest.setTimeout(30_000);

describe('notifications: outbox, relay, in-app, e-mail and webhooks', () => {
  let t: TestApp;
  let db: DataSource;
  let worker: INestApplicationContext;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let receiver: Awaited<ReturnType<typeof startHookReceiver>>;
  let taskId: string;
  let downFixed = false;

  const notes = async (as: string, unread?: boolean) =>
    (await t.gql<{ notifications: Note[] }>(NOTIFICATIONS, { unread }, as)).data!.notifications;
  const deliveries = () =>
    db.query(
      `SELECT channel, recipient, kind, status, attempts, last_error FROM notification_delivery ORDER BY channel, kind, recipient`,
    );

  beforeAll(async () => {
    // The receiver listens on 127.0.0.1; the API queues sweeps for this file's worker.
    t = await TestApp.start({ ALLOW_PRIVATE_WEBHOOKS: '1', QUEUE_PREFIX: PREFIX });
    db = t.get(DataSource);
    smtp = await startSmtpServer();
    // /health answers; /flaky fails twice per delivery then answers; /down fails until it is fixed.
    receiver = await startHookReceiver((hook, nth) =>
      hook.path === '/down' ? (downFixed ? 200 : 500) : hook.path === '/flaky' && nth % 3 !== 0 ? 503 : 200,
    );
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('leader', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    await t.user('health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    await t.user('police', UserRole.LIAISON, { departmentKey: 'tengzhou.PUBLIC_SECURITY' });
    await publishSeed(t, SEED_TENGZHOU, 'admin');
    // This file follows escalations; the news of publishing is task-signals.e2e-spec's.
    await db.query(`DELETE FROM notification_outbox WHERE kind = 'TASKS_PUBLISHED'`);
    await db.query(`UPDATE task SET due_date = '2026-12-31'`);
    [{ id: taskId }] = await db.query(
      `SELECT t.id FROM task t JOIN department d ON d.id = t.department_id WHERE d.key = 'tengzhou.HEALTH' ORDER BY t.id LIMIT 1`,
    );
    await db.query(`UPDATE task SET due_date = '2025-10-10' WHERE id = $1`, [taskId]);

    const email = await t.gql('mutation { setNotificationEmail(address: "health@tengzhou.gov.cn") }', {}, 'health');
    expect(email.data).toEqual({ setNotificationEmail: 'health@tengzhou.gov.cn' });
    expect(codeOf(await t.gql('mutation { setNotificationEmail(address: "not-an-address") }', {}, 'sup'))).toBe(
      'BAD_USER_INPUT',
    );
    const [{ id: healthDept }] = await db.query(`SELECT id FROM department WHERE key = 'tengzhou.HEALTH'`);
    const [{ id: tengzhou }] = await db.query(`SELECT id FROM jurisdiction WHERE key = 'tengzhou'`);
    const CREATE =
      'mutation($input: WebhookEndpointInput!) { createWebhookEndpoint(input: $input) { id name active } }';
    const endpoint = (name: string, path: string, place: Record<string, string>) => ({
      input: { name, url: `${receiver.url}${path}`, secret: SECRET, ...place },
    });
    for (const [name, path, place] of [
      ['卫健委工作群', '/health', { departmentId: healthDept }],
      ['督查室工作群', '/flaky', { jurisdictionId: tengzhou }],
      ['失效的机器人', '/down', { jurisdictionId: tengzhou }],
    ] as const) {
      expect((await t.gql(CREATE, endpoint(name, path, place), 'admin')).errors).toBeUndefined();
    }
    expect(codeOf(await t.gql(CREATE, endpoint('x', '/x', { departmentId: healthDept }), 'sup'))).toBe('FORBIDDEN');

    worker = await startWorker(t.databaseUrl, {
      QUEUE_PREFIX: PREFIX,
      SMTP_URL: smtp.url,
      OUTBOX_RELAY_MS: '100',
      DELIVERY_ATTEMPTS: '3',
      DELIVERY_BACKOFF_MS: '50',
      ALLOW_PRIVATE_WEBHOOKS: '1',
    });
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await t?.stop();
    await smtp?.stop();
    await receiver?.stop();
    await dropQueues(PREFIX);
  });

  it('commits each escalation with its outbox row, and the relay delivers it to the right people', async () => {
    expect((await sweepAndWait(t, '2025-10-11', 'admin')).raised).toBe(2); // 临期提醒 and 逾期预警 at once
    await waitFor('the outbox to be dispatched', async () =>
      (await db.query('SELECT 1 FROM notification_outbox WHERE dispatched_at IS NULL')).length === 0 ? true : null,
    );
    // Only the highest level reached is announced; level 2 → liaisons and the supervision office;
    // nobody else. One message per plan and level, naming the count.
    expect((await notes('health')).map((n) => n.kind)).toEqual(['ESCALATION_2']);
    expect((await notes('health'))[0]!.message).toContain('1 项任务');
    expect(await db.query('SELECT count(*)::int AS n FROM escalation_event WHERE task_id = $1', [taskId])).toEqual([
      { n: 2 },
    ]);
    expect((await notes('sup')).map((n) => n.kind)).toEqual(['ESCALATION_2']);
    expect((await notes('sup'))[0]!.message).toContain('逾期预警');
    expect(await notes('leader')).toEqual([]);
    expect(await notes('police')).toEqual([]);
  });

  it('sends the e-mails over SMTP', async () => {
    await waitFor('the e-mail', async () => (smtp.mails.length >= 1 ? true : null));
    expect(smtp.mails.map((m) => m.to)).toEqual([['health@tengzhou.gov.cn']]);
    expect(smtp.mails.every((m) => /^Message-ID: <[0-9a-f-]+@luoshi>/m.test(m.raw))).toBe(true);
  });

  it('POSTs signed JSON to the webhooks, retries with backoff and dead-letters after the last try', async () => {
    const byStatus = async () => (await deliveries()).filter((d: { channel: string }) => d.channel === 'WEBHOOK');
    await waitFor('every webhook delivery to settle', async () =>
      (await byStatus()).every((d: { status: string }) => d.status !== 'PENDING') ? true : null,
    );
    const webhooks = await byStatus();
    expect(
      webhooks.map((d: { kind: string; status: string; attempts: number }) => [d.kind, d.status, d.attempts]).sort(),
    ).toEqual(
      [
        ['ESCALATION_2', 'SENT', 1], // the department's robot hears level 2
        ['ESCALATION_2', 'SENT', 3], // the office's flaky robot: two failures, then through
        ['ESCALATION_2', 'DEAD', 3], // the dead one: three tries, then the dead letter
      ].sort(),
    );
    expect(webhooks.find((d: { status: string }) => d.status === 'DEAD').last_error).toContain('HTTP 500');
    const delivered = receiver.hooks.filter((h) => h.path === '/health');
    expect(delivered).toHaveLength(1);
    for (const hook of delivered) {
      const signature = String(hook.headers['x-luoshi-signature']);
      expect(verifyWebhook(SECRET, String(hook.headers['x-luoshi-timestamp']), hook.body, signature)).toBe(true);
      // The same grouped message as in-app: the department, the count, no single task.
      expect(JSON.parse(hook.body)).toMatchObject({
        msgtype: 'text',
        text: { content: expect.stringMatching(/卫健[\s\S]*1 项任务/) },
        taskId: null,
      });
    }
    expect(receiver.hooks.filter((h) => h.path === '/down')).toHaveLength(3);
  });

  it('lists the dead letters for ADMIN, who sends one again once its target is fixed', async () => {
    const LIST = '{ notificationDeliveries { id channel status kind recipient attempts retries lastError sentAt } }';
    const RETRY = 'mutation($id: ID!) { retryNotificationDelivery(id: $id) { id status retries } }';
    type Delivery = { id: string; status: string; recipient: string; attempts: number; retries: number };
    const dead = (await t.gql<{ notificationDeliveries: Delivery[] }>(LIST, {}, 'admin')).data!.notificationDeliveries;
    expect(dead).toEqual([
      expect.objectContaining({
        channel: 'WEBHOOK',
        status: 'DEAD',
        kind: 'ESCALATION_2',
        recipient: '失效的机器人',
        attempts: 3,
        retries: 0,
        lastError: expect.stringContaining('HTTP 500'),
        sentAt: null,
      }),
    ]);
    const sent = (
      await t.gql<{ notificationDeliveries: Delivery[] }>(
        '{ notificationDeliveries(status: SENT, first: 10) { id recipient } }',
        {},
        'admin',
      )
    ).data!.notificationDeliveries;
    expect(sent.map((d) => d.recipient).sort()).toEqual(
      ['health@tengzhou.gov.cn', '卫健委工作群', '督查室工作群'].sort(),
    );
    expect(codeOf(await t.gql(RETRY, { id: sent[0]!.id }, 'admin'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(RETRY, { id: '00000000-0000-4000-8000-000000000000' }, 'admin'))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(RETRY, { id: 'nope' }, 'admin'))).toBe('NOT_FOUND');
    expect(
      codeOf(await t.gql(LIST.replace('{ notificationDeliveries', '{ notificationDeliveries(first: 0)'), {}, 'admin')),
    ).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(RETRY, { id: dead[0]!.id }, 'sup'))).toBe('FORBIDDEN');

    downFixed = true;
    expect((await t.gql(RETRY, { id: dead[0]!.id }, 'admin')).data).toEqual({
      retryNotificationDelivery: { id: dead[0]!.id, status: 'PENDING', retries: 1 },
    });
    await waitFor('the retried delivery to be sent', async () => {
      const [row] = await db.query('SELECT status, attempts FROM notification_delivery WHERE id = $1', [dead[0]!.id]);
      return row.status === 'SENT' ? row : null;
    });
    expect(receiver.hooks.filter((h) => h.path === '/down')).toHaveLength(4);
    expect((await t.gql(LIST, {}, 'admin')).data).toEqual({ notificationDeliveries: [] });
    expect(codeOf(await t.gql(RETRY, { id: dead[0]!.id }, 'admin'))).toBe('BAD_USER_INPUT');
    const audit = await db.query(
      `SELECT before, after FROM audit_entry WHERE action = 'delivery.retry' AND entity_id = $1`,
      [dead[0]!.id],
    );
    expect(audit).toEqual([{ before: { status: 'DEAD', retries: 0 }, after: { status: 'PENDING', retries: 1 } }]);
  });

  it("marks only the caller's own notifications read", async () => {
    const [first] = await notes('health');
    const [supNote] = await notes('sup');
    expect((await t.gql(READ, { ids: [first!.id, supNote!.id] }, 'health')).data).toEqual({ markNotificationsRead: 1 });
    expect((await t.gql(READ, { ids: [first!.id] }, 'health')).data).toEqual({ markNotificationsRead: 0 });
    expect(await notes('health', true)).toEqual([]);
    expect((await notes('sup', true)).map((n) => n.id)).toEqual([supNote!.id]);
    expect(codeOf(await t.gql(READ, { ids: ['nope'] }, 'health'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(READ, { ids: [] }))).toBe('UNAUTHENTICATED');
  });

  it('sends nothing again when the sweep runs again or the same outbox row is relayed twice', async () => {
    expect((await sweepAndWait(t, '2025-10-11', 'admin')).raised).toBe(0);
    // As if each dispatch had died after its work but before marking it done, and the jobs were
    // lost: after a while the relay hands the rows over again, and the work finds nothing to add.
    await db.query(`UPDATE notification_outbox SET relayed_at = now() - interval '1 hour', dispatched_at = NULL`);
    await waitFor('the re-relayed outbox to be dispatched', async () =>
      (await db.query('SELECT 1 FROM notification_outbox WHERE dispatched_at IS NULL')).length === 0 ? true : null,
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await notes('health')).toHaveLength(1);
    expect(await notes('sup')).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
    expect(receiver.hooks.filter((h) => h.path === '/health')).toHaveLength(1);
    expect(await db.query(`SELECT count(*)::int AS n FROM notification_delivery`)).toEqual([{ n: 4 }]);
    expect(await db.query('SELECT DISTINCT relay_count FROM notification_outbox')).toEqual([{ relay_count: 2 }]);
  });
});
