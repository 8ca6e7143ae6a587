import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { shanghaiToday } from '../libs/common/src/index.js';
import { publishSeed, SEED_TENGZHOU } from './support/seed-plans.js';
import { startSweepProcessor, sweepAndWait } from './support/sweeps.js';
import { codeOf, TestApp } from './support/test-app.js';
import { dropQueues } from './support/test-worker.js';

const NOTICE =
  'id number status requirements responseDue response reissueOf department { functionCode } tasks { id escalationLevel }';
const ISSUE = `mutation($input: SupervisionNoticeInput!) { issueSupervisionNotice(input: $input) { ${NOTICE} } }`;
const RESPOND = `mutation($id: ID!, $response: String!) { respondToSupervisionNotice(noticeId: $id, response: $response) { ${NOTICE} } }`;
const CLOSE = `mutation($id: ID!) { closeSupervisionNotice(noticeId: $id) { ${NOTICE} } }`;
const REISSUE = `mutation($id: ID!, $input: ReissueSupervisionNoticeInput!) { reissueSupervisionNotice(noticeId: $id, input: $input) { ${NOTICE} } }`;
const LIST = `query($status: NoticeStatus) { supervisionNotices(status: $status) { id number status } }`;
const QUEUE = '{ supervisionQueue { id escalationLevel } }';

interface Notice {
  id: string;
  number: string;
  status: string;
  response: string | null;
  reissueOf: string | null;
  department: { functionCode: string };
  tasks: { id: string; escalationLevel: number }[];
}

const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// Each file migrates a database of its own and publishes seed plans first: slow on a busy machine.
jest.setTimeout(30_000);

describe('supervision notices (督办单)', () => {
  let t: TestApp;
  let db: DataSource;
  let health: string[];
  let police: string;
  const today = shanghaiToday();
  const year = today.slice(0, 4);
  const responseDue = plusDays(today, 3);

  const issue = async (taskIds: string[], as = 'sup') => {
    const res = await t.gql<{ issueSupervisionNotice: Notice }>(
      ISSUE,
      { input: { taskIds, requirements: '限期整改，报送整改情况', responseDue } },
      as,
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.issueSupervisionNotice;
  };

  const PREFIX = `${process.env.QUEUE_PREFIX}_supervision`;
  let processor: { stop: () => Promise<void> };

  beforeAll(async () => {
    t = await TestApp.start({ QUEUE_PREFIX: PREFIX });
    processor = startSweepProcessor(t);
    db = t.get(DataSource);
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('cq.sup', UserRole.SUPERVISOR, { jurisdictionKey: 'chongqing' });
    await t.user('leader', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
    await t.user('health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    await t.user('police', UserRole.LIAISON, { departmentKey: 'tengzhou.PUBLIC_SECURITY' });
    await publishSeed(t, SEED_TENGZHOU, 'admin');
    // Due five days ago and already at level 3 (督办): level 4 by the calendar is 25 days away.
    await db.query(`UPDATE task SET due_date = $1`, [plusDays(today, 30)]);
    const tasksOf = async (dept: string) =>
      (
        await db.query(
          `SELECT t.id FROM task t JOIN department d ON d.id = t.department_id WHERE d.key = $1 ORDER BY t.id`,
          [dept],
        )
      ).map((r: { id: string }) => r.id);
    health = (await tasksOf('tengzhou.HEALTH')).slice(0, 3);
    [police] = await tasksOf('tengzhou.PUBLIC_SECURITY');
    await db.query(`UPDATE task SET due_date = $2 WHERE id = ANY($1)`, [[...health, police], plusDays(today, -5)]);
    await db.query(`UPDATE task_escalation SET level = 3 WHERE task_id = ANY($1)`, [[...health, police]]);
  });
  afterAll(async () => {
    await processor?.stop();
    await t?.stop();
    await dropQueues(PREFIX);
  });

  it('queues the level-3 tasks no open notice covers for the supervision office', async () => {
    const queue = await t.gql<{ supervisionQueue: { id: string }[] }>(QUEUE, {}, 'sup');
    expect(queue.data!.supervisionQueue.map((q) => q.id).sort()).toEqual([...health, police].sort());
    expect(codeOf(await t.gql(QUEUE, {}, 'health'))).toBe('FORBIDDEN');
    expect((await t.gql<{ supervisionQueue: unknown[] }>(QUEUE, {}, 'cq.sup')).data!.supervisionQueue).toEqual([]);
  });

  it('issues 督办〔year〕1号 to one department for its tasks, which leave the queue', async () => {
    const notice = await issue(health.slice(0, 2));
    expect(notice).toMatchObject({
      number: `督办〔${year}〕1号`,
      status: 'ISSUED',
      response: null,
      department: { functionCode: 'HEALTH' },
    });
    expect(notice.tasks.map((x) => x.id).sort()).toEqual(health.slice(0, 2).sort());
    const queue = await t.gql<{ supervisionQueue: { id: string }[] }>(QUEUE, {}, 'sup');
    expect(queue.data!.supervisionQueue.map((q) => q.id).sort()).toEqual([health[2], police].sort());
    const outbox = await db.query(`SELECT payload FROM notification_outbox WHERE kind = 'NOTICE_ISSUED'`);
    expect(outbox).toEqual([{ payload: { noticeId: notice.id } }]);
  });

  it('refuses notices across departments, out of scope, for unknown tasks or with a past response date', async () => {
    const input = (taskIds: string[], due = responseDue) => ({
      input: { taskIds, requirements: '整改', responseDue: due },
    });
    expect(codeOf(await t.gql(ISSUE, input([health[0]!, police]), 'sup'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(ISSUE, input([police]), 'cq.sup'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(ISSUE, input([police]), 'police'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(ISSUE, input([police]), 'leader'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(ISSUE, input(['00000000-0000-0000-0000-000000000000']), 'sup'))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(ISSUE, input([police], plusDays(today, -1)), 'sup'))).toBe('BAD_USER_INPUT');
  });

  it('numbers concurrent notices without gaps or duplicates', async () => {
    const notices = await Promise.all(Array.from({ length: 8 }, (_, i) => issue([i % 2 ? police : health[2]!])));
    expect(notices.map((n) => n.number).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `督办〔${year}〕${i + 2}号`).sort(),
    );
  });

  it("shows liaisons their department's notices and the office and leaders their jurisdictions'", async () => {
    const list = async (as: string, status?: string) =>
      (await t.gql<{ supervisionNotices: { number: string; status: string }[] }>(LIST, { status }, as)).data!
        .supervisionNotices;
    expect(await list('health')).toHaveLength(5);
    expect(await list('police')).toHaveLength(4);
    expect(await list('leader')).toHaveLength(9);
    expect(await list('sup', 'ISSUED')).toHaveLength(9);
    expect(await list('cq.sup')).toEqual([]);
  });

  it("takes the department's rectification answer from its liaison only, once", async () => {
    const [first] = (await t.gql<{ supervisionNotices: Notice[] }>(LIST, {}, 'health')).data!.supervisionNotices.filter(
      (n) => n.number === `督办〔${year}〕1号`,
    );
    expect(codeOf(await t.gql(RESPOND, { id: first!.id, response: '已整改' }, 'police'))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(RESPOND, { id: first!.id, response: '已整改' }, 'sup'))).toBe('FORBIDDEN');
    const answered = await t.gql<{ respondToSupervisionNotice: Notice }>(
      RESPOND,
      { id: first!.id, response: '已完成整改，建立台账' },
      'health',
    );
    expect(answered.data!.respondToSupervisionNotice).toMatchObject({
      status: 'RESPONDED',
      response: '已完成整改，建立台账',
    });
    expect(codeOf(await t.gql(RESPOND, { id: first!.id, response: '再次回复' }, 'health'))).toBe('BAD_USER_INPUT');
    const closed = await t.gql<{ closeSupervisionNotice: Notice }>(CLOSE, { id: first!.id }, 'sup');
    expect(closed.data!.closeSupervisionNotice.status).toBe('CLOSED');
    expect(codeOf(await t.gql(CLOSE, { id: first!.id }, 'sup'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(CLOSE, { id: first!.id }, 'cq.sup'))).toBe('FORBIDDEN');
  });

  it('reissues a notice under a new number, closing the old one', async () => {
    const [old] = (await t.gql<{ supervisionNotices: Notice[] }>(LIST, { status: 'ISSUED' }, 'police')).data!
      .supervisionNotices;
    const res = await t.gql<{ reissueSupervisionNotice: Notice }>(
      REISSUE,
      { id: old!.id, input: { requirements: '整改不到位，重新督办', responseDue: plusDays(today, 7) } },
      'sup',
    );
    expect(res.data!.reissueSupervisionNotice).toMatchObject({
      number: `督办〔${year}〕10号`,
      status: 'ISSUED',
      reissueOf: old!.id,
    });
    expect(res.data!.reissueSupervisionNotice.tasks.map((x) => x.id)).toEqual([police]);
    const [{ status }] = await db.query('SELECT status FROM supervision_notice WHERE id = $1', [old!.id]);
    expect(status).toBe('CLOSED');
  });

  it('raises level 4 on the tasks of a notice left unanswered past its response date', async () => {
    expect((await sweepAndWait(t, responseDue, 'admin')).raised).toBe(0);
    const after = await sweepAndWait(t, plusDays(responseDue, 1), 'admin');
    // health[2] and police are in notices still ISSUED and due; health[0..1] answered theirs (notice 1).
    expect(after.raised).toBe(2);
    const events = await db.query(
      `SELECT e.task_id, e.level, n.number FROM escalation_event e JOIN supervision_notice n ON n.id = e.notice_id ORDER BY e.task_id`,
    );
    expect(events.map((e: { task_id: string; level: number }) => [e.task_id, e.level])).toEqual(
      [
        [health[2], 4],
        [police, 4],
      ].sort(),
    );
    const [{ level }] = await db.query('SELECT level FROM task_escalation WHERE task_id = $1', [health[0]]);
    expect(level).toBe(3);
  });

  it('keeps the notice an event names: none unknown, none deleted, none swapped', async () => {
    const [event] = await db.query(`SELECT id, task_id, notice_id FROM escalation_event WHERE notice_id IS NOT NULL`);
    const [other] = await db.query('SELECT id FROM supervision_notice WHERE id <> $1 LIMIT 1', [event.notice_id]);
    const refused = { driverError: { code: '23503' } };
    await expect(
      db.query(
        `INSERT INTO escalation_event (task_id, level, due_date, as_of, notice_id)
         VALUES ($1, 4, '2031-01-01', '2031-01-01', gen_random_uuid())`,
        [event.task_id],
      ),
    ).rejects.toMatchObject(refused);
    // Its tasks let go first (their own key would refuse the delete), in a transaction rolled back.
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query('DELETE FROM supervision_notice_task WHERE notice_id = $1', [event.notice_id]);
      await expect(
        runner.query('DELETE FROM supervision_notice WHERE id = $1', [event.notice_id]),
      ).rejects.toMatchObject(refused);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    await expect(
      db.query('UPDATE escalation_event SET notice_id = $1 WHERE id = $2', [other.id, event.id]),
    ).rejects.toMatchObject(refused);
    await expect(
      db.query('UPDATE supervision_notice SET id = gen_random_uuid() WHERE id = $1', [event.notice_id]),
    ).rejects.toMatchObject(refused);
  });
});
