import type { INestApplicationContext } from '@nestjs/common';
import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { NotificationDigests } from '../libs/notifications/src/index.js';
import { startHookReceiver, startSmtpServer } from './support/mail-and-hooks.js';
import { publishSeed, SEED_TENGZHOU } from './support/seed-plans.js';
import { codeOf, TestApp } from './support/test-app.js';
import { dropQueues, startWorker, waitFor } from './support/test-worker.js';
import { sweepAndWait } from './support/sweeps.js';

const PREFIX = `${process.env.QUEUE_PREFIX}_digests`;
const NOTIFICATIONS = 'query { notifications { id kind message link task { id } } }';
const SET_PREFERENCE =
  'mutation($kind: String!, $mode: NotificationMode!) { setNotificationPreference(kind: $kind, mode: $mode) { kind mode chosen } }';
const PREFERENCES = 'query { notificationPreferences { kind mode chosen } }';

interface Note {
  id: string;
  kind: string;
  message: string;
  link: string | null;
  task: { id: string } | null;
}

jest.setTimeout(60_000);

/**
 * Issue 16, floods: a sweep of a seeded plan sends each recipient at most one message per plan and
 * level, at the highest level each task reached, never a 临期提醒 for a date gone by; leaders take
 * them as a daily digest unless they choose otherwise.
 */
describe('grouped escalation messages and daily digests', () => {
  let t: TestApp;
  let db: DataSource;
  let worker: INestApplicationContext;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let receiver: Awaited<ReturnType<typeof startHookReceiver>>;
  let planId: string;

  const notes = async (as: string) =>
    (await t.gql<{ notifications: Note[] }>(NOTIFICATIONS, {}, as)).data!.notifications;
  /** Tasks of group `g` (0–3), optionally of one department: the test's own count, by SQL on the tasks. */
  const tasksOf = async (g: number, departmentKey?: string) =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM test_group x JOIN task t ON t.id = x.task_id JOIN department d ON d.id = t.department_id
         WHERE x.g = $1 AND ($2::text IS NULL OR d.key = $2)`,
        [g, departmentKey ?? null],
      )
    )[0].n as number;
  const sweep = async (asOf: string) => {
    const { raised } = await sweepAndWait(t, asOf, 'admin');
    await waitFor('the outbox to be dispatched', async () =>
      (await db.query('SELECT 1 FROM notification_outbox WHERE dispatched_at IS NULL')).length === 0 ? true : null,
    );
    await waitFor('the deliveries to settle', async () =>
      (await db.query(`SELECT 1 FROM notification_delivery WHERE status = 'PENDING'`)).length === 0 ? true : null,
    );
    return raised;
  };
  const setDue = (g: number, due: string) =>
    db.query('UPDATE task SET due_date = $2 WHERE id IN (SELECT task_id FROM test_group WHERE g = $1)', [g, due]);
  const officeHooks = () => receiver.hooks.filter((h) => h.path === '/office');

  beforeAll(async () => {
    t = await TestApp.start({ ALLOW_PRIVATE_WEBHOOKS: '1', QUEUE_PREFIX: PREFIX });
    db = t.get(DataSource);
    smtp = await startSmtpServer();
    receiver = await startHookReceiver(() => 200);
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('leader', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    await t.user('health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    await t.user('police', UserRole.LIAISON, { departmentKey: 'tengzhou.PUBLIC_SECURITY' });
    [planId] = await publishSeed(t, SEED_TENGZHOU, 'admin');
    // Only the sweeps' messages are counted here: the liaisons' news of the plan's publishing is not.
    await db.query(`DELETE FROM notification_outbox WHERE kind = 'TASKS_PUBLISHED'`);
    // Four groups of tasks, dealt in turn; none due before the test moves it.
    await db.query(`UPDATE task SET due_date = '2026-12-31'`);
    await db.query(
      `CREATE TABLE test_group AS SELECT id AS task_id, (row_number() OVER (ORDER BY id) % 4)::int AS g FROM task`,
    );
    for (const g of [0, 1, 2, 3]) expect(await tasksOf(g)).toBeGreaterThan(1);
    for (const user of ['health', 'leader']) {
      const email = await t.gql(`mutation { setNotificationEmail(address: "${user}@tengzhou.gov.cn") }`, {}, user);
      expect(email.errors).toBeUndefined();
    }
    const [{ id: tengzhou }] = await db.query(`SELECT id FROM jurisdiction WHERE key = 'tengzhou'`);
    await db.query(
      `INSERT INTO webhook_endpoint (name, url, secret, jurisdiction_id) VALUES ('督查室工作群', $1, 'office-robot-secret-01', $2)`,
      [`${receiver.url}/office`, tengzhou],
    );
    worker = await startWorker(t.databaseUrl, {
      QUEUE_PREFIX: PREFIX,
      SMTP_URL: smtp.url,
      OUTBOX_RELAY_MS: '100',
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

  it('announces a task found years late once, at the highest level, and no 临期提醒 for a date gone by', async () => {
    await setDue(0, '2025-09-30'); // on 10-05 only level 1 (the next working day is 10-09): stale
    await setDue(1, '2025-06-30'); // on 10-05 all four levels at once
    const raised = await sweep('2025-10-05');
    expect(raised).toBe((await tasksOf(0)) + 4 * (await tasksOf(1)));
    expect(
      await db.query(
        'SELECT level, count(*)::int AS n FROM task_escalation WHERE level > 0 GROUP BY level ORDER BY level',
      ),
    ).toEqual([
      { level: 1, n: await tasksOf(0) },
      { level: 4, n: await tasksOf(1) },
    ]);
    // Level 4 goes to leaders only, who take it as a daily digest: nobody hears anything now.
    for (const user of ['sup', 'health', 'police', 'leader']) expect(await notes(user)).toEqual([]);
    expect(smtp.mails).toEqual([]);
    const held = await db.query(
      `SELECT u.username, h.kind, h.message FROM notification_held h JOIN app_user u ON u.id = h.user_id`,
    );
    expect(held).toEqual([
      { username: 'leader', kind: 'ESCALATION_4', message: expect.stringContaining(`${await tasksOf(1)} 项任务`) },
    ]);
    // The office's robot hears it at once: one message for the plan and level.
    expect(officeHooks()).toHaveLength(1);
    expect(JSON.parse(officeHooks()[0]!.body).text.content).toContain(`${await tasksOf(1)} 项任务`);
  });

  it('sends each recipient one message per plan and level, with the count and a link to the filtered queue', async () => {
    await setDue(2, '2025-09-19'); // on 10-11: 10 working days overdue (督办), straight from nothing
    await setDue(3, '2025-10-15'); // on 10-11: 临期提醒
    await sweep('2025-10-11'); // and group 0 (due 09-30) reaches 逾期预警
    const sup = await notes('sup');
    expect(sup.map((n) => [n.kind, n.link, n.task]).sort()).toEqual([
      ['ESCALATION_2', `/overdue?planId=${planId}&level=2`, null],
      ['ESCALATION_3', `/overdue?planId=${planId}&level=3`, null],
    ]);
    expect(sup.find((n) => n.kind === 'ESCALATION_2')!.message).toContain(`${await tasksOf(0)} 项任务`);
    expect(sup.find((n) => n.kind === 'ESCALATION_3')!.message).toContain(`${await tasksOf(2)} 项任务`);
    for (const [user, key] of [
      ['health', 'tengzhou.HEALTH'],
      ['police', 'tengzhou.PUBLIC_SECURITY'],
    ] as const) {
      const expected = [
        ...((await tasksOf(3, key)) ? [['ESCALATION_1', `${await tasksOf(3, key)} 项任务`]] : []),
        ...((await tasksOf(0, key)) ? [['ESCALATION_2', `${await tasksOf(0, key)} 项任务`]] : []),
      ];
      const got = (await notes(user)).map((n) => [n.kind, n.message.match(/\d+ 项任务/)![0]]).sort();
      expect(got).toEqual(expected);
    }
    expect(await notes('leader')).toEqual([]);
    // Per recipient, plan and level: never more than one message.
    expect(
      await db.query(`SELECT user_id, kind, link, count(*) FROM notification GROUP BY 1, 2, 3 HAVING count(*) > 1`),
    ).toEqual([]);
    // The e-mails and the webhook carry the same grouped messages.
    expect(smtp.mails.length).toBe((await notes('health')).length);
    expect(officeHooks()).toHaveLength(3);
  });

  it('gives the leader one digest a day, once, by e-mail too', async () => {
    const digests = worker.get(NotificationDigests);
    expect(await digests.send('2025-10-12')).toBe(1);
    expect(await digests.send('2025-10-12')).toBe(0);
    const [digest, ...rest] = await notes('leader');
    expect(rest).toEqual([]);
    expect(digest!.kind).toBe('ESCALATION_4');
    expect(digest!.message).toContain('每日汇总');
    expect(digest!.message).toContain(`${await tasksOf(1)} 项任务`);
    await waitFor('the digest e-mail', async () =>
      smtp.mails.some((m) => m.to.includes('leader@tengzhou.gov.cn')) ? true : null,
    );
    expect(smtp.mails.filter((m) => m.to.includes('leader@tengzhou.gov.cn'))).toHaveLength(1);
  });

  it('lets each user choose immediate or daily digest per kind (audited), defaulting to the digest for leaders', async () => {
    const modes = async (as: string) =>
      Object.fromEntries(
        (
          await t.gql<{ notificationPreferences: { kind: string; mode: string }[] }>(PREFERENCES, {}, as)
        ).data!.notificationPreferences.map((p) => [p.kind, p.mode]),
      );
    expect((await modes('leader')).ESCALATION_4).toBe('DAILY_DIGEST');
    expect((await modes('sup')).ESCALATION_3).toBe('IMMEDIATE');
    const set = await t.gql(SET_PREFERENCE, { kind: 'ESCALATION_4', mode: 'IMMEDIATE' }, 'leader');
    expect(set.data).toEqual({ setNotificationPreference: { kind: 'ESCALATION_4', mode: 'IMMEDIATE', chosen: true } });
    expect((await t.gql(SET_PREFERENCE, { kind: 'ESCALATION_3', mode: 'DAILY_DIGEST' }, 'sup')).errors).toBeUndefined();
    expect((await modes('leader')).ESCALATION_4).toBe('IMMEDIATE');
    expect(codeOf(await t.gql(SET_PREFERENCE, { kind: 'not a kind', mode: 'IMMEDIATE' }, 'sup'))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await t.gql(SET_PREFERENCE, { kind: 'ESCALATION_1', mode: 'IMMEDIATE' }))).toBe('UNAUTHENTICATED');
    expect(
      await db.query(
        `SELECT a.before, a.after FROM audit_entry a JOIN app_user u ON u.id = a.actor_id
         WHERE a.action = 'notification.preference' AND u.username = 'leader'`,
      ),
    ).toEqual([
      { before: { kind: 'ESCALATION_4', mode: 'DAILY_DIGEST' }, after: { kind: 'ESCALATION_4', mode: 'IMMEDIATE' } },
    ]);

    const supBefore = await notes('sup');
    const leaderBefore = await notes('leader');
    await sweep('2025-10-24'); // group 2 → 4 (30 days), group 0 → 3, group 3 → 2
    const leaderNew = (await notes('leader')).filter((n) => !leaderBefore.some((b) => b.id === n.id));
    expect(leaderNew.map((n) => [n.kind, n.message.match(/\d+ 项任务/)![0]])).toEqual([
      ['ESCALATION_4', `${await tasksOf(2)} 项任务`],
    ]);
    const supNew = (await notes('sup')).filter((n) => !supBefore.some((b) => b.id === n.id));
    expect(supNew.map((n) => [n.kind, n.message.match(/\d+ 项任务/)![0]])).toEqual([
      ['ESCALATION_2', `${await tasksOf(3)} 项任务`],
    ]);
    expect(
      await db.query(
        `SELECT h.kind FROM notification_held h JOIN app_user u ON u.id = h.user_id WHERE u.username = 'sup' AND h.digest_key IS NULL`,
      ),
    ).toEqual([{ kind: 'ESCALATION_3' }]);
  });
});
