import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { UserRole } from '../../libs/auth/src/index.js';
import { parseConfig } from '../../libs/common/src/index.js';
import type { PendingDelivery } from '../../libs/notifications/src/delivery/pending-delivery.js';
import { WebhookChannel } from '../../libs/notifications/src/delivery/webhook.channel.js';
import { startHookReceiver } from '../support/mail-and-hooks.js';
import { publishSeed, SEED_TENGZHOU } from '../support/seed-plans.js';
import { codeOf, PASSWORD, TestApp } from '../support/test-app.js';

jest.setTimeout(60_000);

const CREATE_HOOK =
  'mutation($url: String!, $j: ID!) { createWebhookEndpoint(input: { name: "群", url: $url, secret: "0123456789abcdef", jurisdictionId: $j }) { id } }';

/** The audit trail is append-only and complete; webhooks reach only public addresses. */
describe('integrity', () => {
  let t: TestApp;
  let db: DataSource;
  let tengzhou: string;
  let receiver: Awaited<ReturnType<typeof startHookReceiver>>;

  const auditOf = (action: string) =>
    db.query('SELECT actor_id, entity_id, before, after FROM audit_entry WHERE action = $1 ORDER BY id', [action]);

  beforeAll(async () => {
    t = await TestApp.start();
    db = t.get(DataSource);
    await t.user('admin', UserRole.ADMIN);
    await t.user('health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    [{ id: tengzhou }] = await db.query(`SELECT id FROM jurisdiction WHERE key = 'tengzhou'`);
    receiver = await startHookReceiver((hook) => (hook.path === '/moved' ? 302 : 200));
  });
  afterAll(async () => {
    await t?.stop();
    await receiver?.stop();
  });

  describe('the audit trail', () => {
    it('refuses UPDATE, DELETE and TRUNCATE of audit entries, whoever asks', async () => {
      await t.gql('{ me { id } }', {}, 'admin'); // a login: at least one entry
      const [{ n }] = await db.query('SELECT count(*)::int AS n FROM audit_entry');
      expect(n).toBeGreaterThan(0);
      for (const sql of [`UPDATE audit_entry SET action = 'forged'`, 'DELETE FROM audit_entry', 'TRUNCATE audit_entry'])
        await expect(db.query(sql)).rejects.toMatchObject({ driverError: { code: 'LSA01' } });
      expect(await db.query('SELECT count(*)::int AS n FROM audit_entry')).toEqual([{ n }]);
    });

    it('records logins, failed ones too, never with the password', async () => {
      await t.gql('{ me { id } }', {}, 'health'); // logs in
      const wrong = 'not-the-password-42';
      const failed = await t.gql('mutation($p: String!) { login(username: "health", password: $p) { token } }', {
        p: wrong,
      });
      expect(codeOf(failed)).toBe('UNAUTHENTICATED');
      await t.gql('mutation { login(username: "nobody", password: "whatever-1") { token } }');
      const [{ id: health }] = await db.query(`SELECT id FROM app_user WHERE username = 'health'`);
      expect(await auditOf('login.failed')).toEqual([
        { actor_id: health, entity_id: health, before: null, after: { username: 'health' } },
        {
          actor_id: null,
          entity_id: '00000000-0000-0000-0000-000000000000',
          before: null,
          after: { username: 'nobody' },
        },
      ]);
      expect((await auditOf('login')).map((e: { actor_id: string }) => e.actor_id)).toContain(health);
      const leaked = await db.query('SELECT 1 FROM audit_entry WHERE after::text LIKE $1 OR after::text LIKE $2', [
        `%${wrong}%`,
        `%${PASSWORD}%`,
      ]);
      expect(leaked).toEqual([]);
    });

    it('records a change of notification address with the one it replaced', async () => {
      const SET = 'mutation($a: String) { setNotificationEmail(address: $a) }';
      await t.gql(SET, { a: 'health@tengzhou.gov.cn' }, 'health');
      await t.gql(SET, { a: null }, 'health');
      expect(codeOf(await t.gql(SET, { a: 'not an address' }, 'health'))).toBe('BAD_USER_INPUT');
      const entries = await auditOf('notification.email');
      expect(entries.map((e: { before: unknown; after: unknown }) => [e.before, e.after])).toEqual([
        [null, { address: 'health@tengzhou.gov.cn' }],
        [{ address: 'health@tengzhou.gov.cn' }, { address: null }],
      ]);
    });

    it("records the status and version a progress report moves its task to, in the task's trail", async () => {
      const [planId] = await publishSeed(t, SEED_TENGZHOU, 'admin');
      const [task] = await db.query(
        `SELECT t.id, t.version FROM task t JOIN department d ON d.id = t.department_id
         WHERE t.plan_id = $1 AND d.key = 'tengzhou.HEALTH' AND t.status = 'NOT_STARTED' ORDER BY t.id LIMIT 1`,
        [planId],
      );
      const res = await t.gql(
        'mutation($i: ProgressReportInput!) { submitProgressReport(input: $i) { id } }',
        { i: { taskId: task.id, progressPercent: 30, narrative: '已启动' } },
        'health',
      );
      expect(res.errors).toBeUndefined();
      const trail = await t.gql<{ taskAuditTrail: { action: string }[] }>(
        'query($id: ID!) { taskAuditTrail(taskId: $id) { action } }',
        { id: task.id },
        'admin',
      );
      expect(trail.data!.taskAuditTrail.map((e) => e.action)).toContain('task.report');
      const [entry] = await db.query(`SELECT before, after FROM audit_entry WHERE action = 'task.report'`);
      expect(entry.before).toEqual({ status: 'NOT_STARTED', version: task.version, progressPercent: 0 });
      expect(entry.after).toMatchObject({ status: 'IN_PROGRESS', version: task.version + 1, progressPercent: 30 });
    });
  });

  describe('webhooks', () => {
    it.each([
      'http://localhost:9/h', // resolved by the system resolver (/etc/hosts), no network needed
      'http://127.0.0.1/h',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.1.2.3/h',
      'http://172.16.0.1/h',
      'http://192.168.1.1/h',
      'http://[::1]/h',
      'http://[::ffff:127.0.0.1]/h',
      'http://[fe80::1]/h',
      'http://0.0.0.0/h',
      'http://no-such-host.invalid/h',
    ])('refuses to save an endpoint at %s', async (url) => {
      const res = await t.gql(CREATE_HOOK, { url, j: tengzhou }, 'admin');
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(await db.query('SELECT 1 FROM webhook_endpoint WHERE url = $1', [url])).toEqual([]);
    });

    it('saves one at a public address', async () => {
      expect((await t.gql(CREATE_HOOK, { url: 'https://93.184.215.14/robot', j: tengzhou }, 'admin')).errors).toBe(
        undefined,
      );
    });

    const deliver = async (path: string, env: Record<string, string> = {}) => {
      const [{ id }] = await db.query(
        `INSERT INTO webhook_endpoint (name, url, secret, jurisdiction_id) VALUES ('群', $1, 'secret-secret-secret', $2) RETURNING id`,
        [`${receiver.url}${path}`, tengzhou],
      );
      const channel = new WebhookChannel(db, parseConfig({ ...process.env, ...env }));
      const delivery: PendingDelivery = {
        id: '00000000-0000-0000-0000-0000000000aa',
        source_key: 'test',
        channel: 'WEBHOOK',
        recipient: id,
        kind: 'ESCALATION_2',
        subject: '逾期预警',
        body: '逾期',
        payload: {},
        status: 'PENDING',
      };
      return channel.send(delivery).then(
        () => 'sent',
        (error: Error) => error.message,
      );
    };

    it('refuses at delivery an endpoint whose address turned internal, saying nothing of the host', async () => {
      // As if saved while ALLOW_PRIVATE_WEBHOOKS was set, or a name re-pointed after it was saved.
      const error = await deliver('/inside');
      expect(error).toMatch(/refused/);
      expect(error).not.toMatch(/127\.0\.0\.1|localhost|\d{4,5}/);
      expect(receiver.hooks.filter((h) => h.path === '/inside')).toEqual([]);
    });

    it('delivers to an intranet address with ALLOW_PRIVATE_WEBHOOKS=1, and follows no redirect', async () => {
      expect(await deliver('/inside', { ALLOW_PRIVATE_WEBHOOKS: '1' })).toBe('sent');
      expect(await deliver('/moved', { ALLOW_PRIVATE_WEBHOOKS: '1' })).toMatch(/HTTP 302/);
      expect(receiver.hooks.map((h) => h.path)).not.toContain('/followed');
    });

    it('keeps the host and port of an unreachable endpoint out of the error', async () => {
      await db.query('DELETE FROM webhook_endpoint');
      const port = new URL(receiver.url).port;
      const [{ id }] = await db.query(
        `INSERT INTO webhook_endpoint (name, url, secret, jurisdiction_id) VALUES ('群', 'http://127.0.0.1:1/x', 'secret-secret-secret', $1) RETURNING id`,
        [tengzhou],
      );
      const channel = new WebhookChannel(db, parseConfig({ ...process.env, ALLOW_PRIVATE_WEBHOOKS: '1' }));
      const error = await channel
        .send({
          id: '00000000-0000-0000-0000-0000000000ab',
          source_key: 'test',
          channel: 'WEBHOOK',
          recipient: id,
          kind: 'ESCALATION_2',
          subject: 's',
          body: 'b',
          payload: {},
          status: 'PENDING',
        })
        .then(
          () => 'sent',
          (e: Error) => e.message,
        );
      expect(error).toBe('webhook could not be reached (ECONNREFUSED)');
      expect(error).not.toContain(port);
    });
  });
});
