import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../libs/database/src/index.js';
import { EscalationState1763900400000 } from '../libs/database/src/migrations/1763900400000-escalation-state.js';
import { EscalationStateWithoutDepartment1764900000000 } from '../libs/database/src/migrations/1764900000000-escalation-state-without-department.js';
import { EventReferencesPerStatement1764900100000 } from '../libs/database/src/migrations/1764900100000-event-references-per-statement.js';
import { AssignmentSource1765100000000 } from '../libs/database/src/migrations/1765100000000-assignment-source.js';
import { AccountRevocation1765300000000 } from '../libs/database/src/migrations/1765300000000-account-revocation.js';
import { EscalationNoticeDue1766500000000 } from '../libs/database/src/migrations/1766500000000-escalation-notice-due.js';
import { migrations } from '../libs/database/src/migrations/index.js';
import { ADMIN_URL } from './support/database-url.js';

// The migration that moved escalation levels into task_escalation and renumbered events carries
// what an existing database holds: levels, event ids in outbox payloads and notification keys.
describe('migration 1763900400000 (escalation state, bigint event ids) on a database in use', () => {
  const scratch = scratchDatabase();
  let db: DataSource;
  // The migrations up to this one: later ones stay out, so `undoLastMigration` undoes this one.
  const at = migrations.indexOf(EscalationState1763900400000);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await scratch.create();
    db = await scratch.migrated(at);
    const [row] = await db.query(`
      WITH j AS (INSERT INTO jurisdiction (key, name, level) VALUES ('m', '迁移市', 'CITY') RETURNING id),
      f AS (INSERT INTO department_function (code, name, name_template, short_template)
            VALUES ('MIG', '迁移', '{j}迁移局', '迁移局') RETURNING code),
      d AS (INSERT INTO department (key, jurisdiction_id, function_code, name, short_name)
            SELECT 'm.MIG', j.id, f.code, '迁移市迁移局', '迁移局' FROM j, f RETURNING id),
      u AS (INSERT INTO app_user (username, password_hash, display_name, role, department_id)
            SELECT 'liaison', 'x', '联络员', 'LIAISON', d.id FROM d RETURNING id),
      doc AS (INSERT INTO plan_document (text_hash, text) VALUES ('m', 'm') RETURNING id),
      p AS (INSERT INTO plan (document_id, ordinal, title, status, jurisdiction_id, source_text, start_line, end_line)
            SELECT doc.id, 1, '规划', 'PUBLISHED', j.id, '', 0, 0 FROM doc, j RETURNING id)
      SELECT d.id AS department, u.id AS "user", p.id AS plan FROM d, u, p`);
    Object.assign(ids, row);
    const tasks = await db.query(
      `WITH m AS (INSERT INTO measure (plan_id, ordinal, code, title, text, source_line)
                  SELECT $1, g, g::text, '措施', '措施', 0 FROM generate_series(1, 3) g RETURNING id, ordinal)
       INSERT INTO task (measure_id, plan_id, department_id, role, status, due_date, original_due_date, escalation_level)
       SELECT m.id, $1, $2, 'LEAD', CASE m.ordinal WHEN 3 THEN 'COMPLETED' ELSE 'IN_PROGRESS' END,
              '2025-01-10', '2025-01-10', CASE m.ordinal WHEN 1 THEN 2 ELSE 0 END
       FROM m ORDER BY m.ordinal RETURNING id`,
      [ids.plan, ids.department],
    );
    [ids.raised, ids.quiet, ids.done] = tasks.map((t: { id: string }) => t.id);
    const events = await db.query(
      `INSERT INTO escalation_event (task_id, level, due_date, as_of, raised_at)
       VALUES ($1, 2, '2025-01-10', '2025-01-13', '2025-01-13 01:00+08'), ($1, 1, '2025-01-10', '2025-01-03', '2025-01-03 01:00+08')
       RETURNING id::text`,
      [ids.raised],
    );
    [ids.level2, ids.level1] = events.map((e: { id: string }) => e.id);
    await db.query(
      `INSERT INTO notification_outbox (kind, payload)
       VALUES ('ESCALATION', jsonb_build_object('eventIds', jsonb_build_array($1::text, $2::text)))`,
      [ids.level2, ids.level1],
    );
    await db.query(
      `INSERT INTO notification (user_id, kind, message, task_id, source_key) VALUES ($1, 'ESCALATION_1', '提醒', $2, 'escalation:' || $3)`,
      [ids.user, ids.raised, ids.level1],
    );
    await db.destroy();
    db = await scratch.migrated(at + 1);
  });

  afterAll(async () => {
    await db?.destroy();
    await scratch.drop();
  });

  it("moves each task's level, due date and openness into task_escalation", async () => {
    const rows = await db.query(
      'SELECT task_id, level, due_date, open FROM task_escalation ORDER BY level DESC, open DESC',
    );
    expect(rows).toEqual([
      { task_id: ids.raised, level: 2, due_date: '2025-01-10', open: true },
      { task_id: ids.quiet, level: 0, due_date: '2025-01-10', open: true },
      { task_id: ids.done, level: 0, due_date: '2025-01-10', open: false },
    ]);
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'task' AND column_name = 'escalation_level'`,
    );
    expect(n).toBe(0);
  });

  it('numbers events in the order they were raised and renames them wherever they were named', async () => {
    expect(await db.query('SELECT id, level FROM escalation_event ORDER BY id')).toEqual([
      { id: 1, level: 1 },
      { id: 2, level: 2 },
    ]);
    expect(await db.query(`SELECT payload FROM notification_outbox`)).toEqual([{ payload: { eventIds: [1, 2] } }]);
    expect(await db.query(`SELECT source_key FROM notification`)).toEqual([{ source_key: 'escalation:1' }]);
    const [{ id }] = await db.query(
      `INSERT INTO escalation_event (task_id, level, due_date, as_of) VALUES ($1, 3, '2025-01-10', '2025-01-27') RETURNING id`,
      [ids.raised],
    );
    expect(id).toBe(3);
  });

  it('goes back down and up again', async () => {
    await db.query('UPDATE task_escalation SET level = 3 WHERE task_id = $1', [ids.raised]);
    await db.undoLastMigration({ transaction: 'each' });
    expect(await db.query('SELECT id, escalation_level FROM task WHERE id = $1', [ids.raised])).toEqual([
      { id: ids.raised, escalation_level: 3 },
    ]);
    expect(await db.query(`SELECT payload->'eventIds' AS ids FROM notification_outbox`)).toEqual([
      { ids: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'] },
    ]);
    await db.runMigrations({ transaction: 'each' });
    expect(await db.query('SELECT level FROM task_escalation WHERE task_id = $1', [ids.raised])).toEqual([
      { level: 3 },
    ]);
    expect(await db.query(`SELECT payload FROM notification_outbox`)).toEqual([{ payload: { eventIds: [1, 2] } }]);
    expect(await db.query(`SELECT source_key FROM notification`)).toEqual([{ source_key: 'escalation:1' }]);
  });
});

// The sweep no longer announces per department, and task_escalation drops the copy it kept for that.
describe('migration 1764900000000 (task_escalation without department) down and up', () => {
  const scratch = scratchDatabase();
  let db: DataSource;
  const at = migrations.indexOf(EscalationStateWithoutDepartment1764900000000);
  const ids: Record<string, string> = {};
  const columns = async () =>
    (
      await db.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'task_escalation' ORDER BY column_name`,
      )
    ).map((c: { column_name: string }) => c.column_name);

  beforeAll(async () => {
    await scratch.create();
    db = await scratch.migrated(at + 1);
    const [row] = await db.query(`
      WITH j AS (INSERT INTO jurisdiction (key, name, level) VALUES ('m', '迁移市', 'CITY') RETURNING id),
      f AS (INSERT INTO department_function (code, name, name_template, short_template)
            VALUES ('MIG', '迁移', '{j}迁移局', '迁移局') RETURNING code),
      d AS (INSERT INTO department (key, jurisdiction_id, function_code, name, short_name)
            SELECT k, j.id, f.code, n, n FROM j, f, (VALUES ('m.A', '甲局'), ('m.B', '乙局')) v(k, n) RETURNING id, key),
      doc AS (INSERT INTO plan_document (text_hash, text) VALUES ('m', 'm') RETURNING id),
      p AS (INSERT INTO plan (document_id, ordinal, title, status, jurisdiction_id, source_text, start_line, end_line)
            SELECT doc.id, 1, '规划', 'PUBLISHED', j.id, '', 0, 0 FROM doc, j RETURNING id),
      m AS (INSERT INTO measure (plan_id, ordinal, code, title, text, source_line)
            SELECT p.id, 1, '1', '措施', '措施', 0 FROM p RETURNING id, plan_id)
      INSERT INTO task (measure_id, plan_id, department_id, role, status, due_date, original_due_date)
      SELECT m.id, m.plan_id, (SELECT id FROM d WHERE key = 'm.A'), 'LEAD', 'IN_PROGRESS', '2025-01-10', '2025-01-10'
      FROM m RETURNING id, (SELECT id FROM d WHERE key = 'm.B') AS other`);
    Object.assign(ids, row);
  });

  afterAll(async () => {
    await db?.destroy();
    await scratch.drop();
  });

  it('brings the column back filled, and following the task again, on the way down', async () => {
    expect(await columns()).not.toContain('department_id');
    await db.undoLastMigration({ transaction: 'each' });
    expect(await columns()).toContain('department_id');
    const department = () =>
      db.query('SELECT department_id AS id FROM task_escalation WHERE task_id = $1', [ids.id]) as Promise<
        { id: string }[]
      >;
    const [{ id: before }] = await db.query('SELECT department_id AS id FROM task WHERE id = $1', [ids.id]);
    expect(await department()).toEqual([{ id: before }]);
    await db.query('UPDATE task SET department_id = $1 WHERE id = $2', [ids.other, ids.id]);
    expect(await department()).toEqual([{ id: ids.other }]);
  });

  it('drops it again on the way up, and still follows due date and status', async () => {
    await db.runMigrations({ transaction: 'each' });
    expect(await columns()).not.toContain('department_id');
    await db.query(`UPDATE task SET due_date = '2025-02-01', status = 'COMPLETED' WHERE id = $1`, [ids.id]);
    expect(await db.query('SELECT due_date::text, open FROM task_escalation WHERE task_id = $1', [ids.id])).toEqual([
      { due_date: '2025-02-01', open: false },
    ]);
    await db.query(
      `INSERT INTO task (measure_id, plan_id, department_id, role, status, due_date, original_due_date)
       SELECT measure_id, plan_id, (SELECT id FROM department WHERE key = 'm.A'), 'COOPERATING', 'NOT_STARTED',
              '2025-03-01', '2025-03-01'
       FROM task WHERE id = $1`,
      [ids.id],
    );
    expect(await db.query('SELECT count(*)::int AS n FROM task_escalation')).toEqual([{ n: 2 }]);
  });
});

describe('migration 1764900100000 (event references checked per statement) down and up', () => {
  const scratch = scratchDatabase();
  let db: DataSource;
  const at = migrations.indexOf(EventReferencesPerStatement1764900100000);
  const noticeKey = () =>
    db.query(`SELECT conname FROM pg_constraint WHERE conname = 'escalation_event_notice_id_fkey'`) as Promise<
      unknown[]
    >;
  const unknownTaskEvent = () =>
    db.query(`INSERT INTO escalation_event (task_id, level, due_date, as_of)
              VALUES (gen_random_uuid(), 1, '2025-01-01', '2025-01-01')`);

  beforeAll(async () => {
    await scratch.create();
    db = await scratch.migrated(at + 1);
  });

  afterAll(async () => {
    await db?.destroy();
    await scratch.drop();
  });

  it('puts the foreign key back on the way down and takes it out again on the way up', async () => {
    expect(await noticeKey()).toEqual([]);
    await db.undoLastMigration({ transaction: 'each' });
    expect(await noticeKey()).toHaveLength(1);
    await expect(unknownTaskEvent()).rejects.toMatchObject({ driverError: { code: '23503' } });
    await db.runMigrations({ transaction: 'each' });
    expect(await noticeKey()).toEqual([]);
    await expect(unknownTaskEvent()).rejects.toMatchObject({ driverError: { code: '23503' } });
  });
});

describe('migration 1765100000000 (assignment source) on a database in use', () => {
  const scratch = scratchDatabase();
  let db: DataSource;
  const at = migrations.indexOf(AssignmentSource1765100000000);
  const sources = () =>
    db.query(`SELECT m.code, a.mentioned_as, a.source FROM assignment a JOIN measure m ON m.id = a.measure_id
              ORDER BY m.code, a.explicit`) as Promise<{ code: string; mentioned_as: string; source?: string }[]>;

  beforeAll(async () => {
    await scratch.create();
    db = await scratch.migrated(at);
    await db.query(`
      WITH j AS (INSERT INTO jurisdiction (key, name, level) VALUES ('m', '迁移市', 'CITY') RETURNING id),
      f AS (INSERT INTO department_function (code, name, name_template, short_template)
            VALUES ('MIG', '迁移', '{j}迁移局', '迁移局') RETURNING code),
      lead AS (INSERT INTO department (key, jurisdiction_id, function_code, name, short_name)
               SELECT 'm.MIG', j.id, f.code, '迁移市迁移局', '迁移局' FROM j, f RETURNING id),
      other AS (INSERT INTO department (key, jurisdiction_id, function_code, name, short_name)
                SELECT 'm.MIG2', j.id, f.code, '迁移市他局', '他局' FROM j, f RETURNING id),
      doc AS (INSERT INTO plan_document (text_hash, text) VALUES ('m', 'm') RETURNING id),
      p AS (INSERT INTO plan (document_id, ordinal, title, status, jurisdiction_id, lead_department_id, source_text,
                              start_line, end_line)
            SELECT doc.id, 1, '规划', 'DRAFT', j.id, lead.id, '', 0, 0 FROM doc, j, lead RETURNING id),
      m AS (INSERT INTO measure (plan_id, ordinal, code, title, text, source_line)
            SELECT p.id, o, c, c, x, 0 FROM p, (VALUES (1, '1 default', '加强督导。'), (2, '2 prose', '迁移局要加强督导。'),
              (3, '3 list', '加强督导（他局负责）。'), (4, '4 fan-out', '各区县负责。'),
              (5, '5 with others', '加强督导（他局负责）。')) v(o, c, x)
            RETURNING id, code)
      INSERT INTO assignment (measure_id, department_id, role, mentioned_as, explicit, fan_out_of)
      SELECT m.id, CASE WHEN a.lead THEN lead.id ELSE other.id END, 'LEAD', a.said, a.explicit, a.fan
      FROM m, lead, other, (VALUES ('1 default', true, '迁移局', false, NULL), ('2 prose', true, '迁移局', false, NULL),
        ('3 list', false, '他局', true, NULL), ('4 fan-out', false, '各区县', true, 'm.x'),
        ('5 with others', true, '迁移局', false, NULL), ('5 with others', false, '他局', true, NULL))
        a(code, lead, said, explicit, fan)
      WHERE a.code = m.code`);
    await db.destroy();
    db = await scratch.migrated(at + 1);
  });

  afterAll(async () => {
    await db?.destroy();
    await scratch.drop();
  });

  it("reads each row's source back: fan-out, list, the plan lead's lone default (its words emptied), else prose", async () => {
    expect(await sources()).toEqual([
      { code: '1 default', mentioned_as: '', source: 'PLAN_DEFAULT' },
      { code: '2 prose', mentioned_as: '迁移局', source: 'PROSE' },
      { code: '3 list', mentioned_as: '他局', source: 'LIST' },
      { code: '4 fan-out', mentioned_as: '各区县', source: 'FAN_OUT' },
      { code: '5 with others', mentioned_as: '迁移局', source: 'PROSE' },
      { code: '5 with others', mentioned_as: '他局', source: 'LIST' },
    ]);
    await expect(db.query(`UPDATE assignment SET source = 'GUESS'`)).rejects.toMatchObject({
      driverError: { code: '23514' },
    });
  });

  it("gives the default owner its department's short name back on the way down", async () => {
    await db.undoLastMigration({ transaction: 'each' });
    const down = await db.query(`SELECT a.* FROM assignment a JOIN measure m ON m.id = a.measure_id
                                 WHERE m.code = '1 default'`);
    expect(down).toEqual([expect.objectContaining({ mentioned_as: '迁移局' })]);
    expect(down[0]).not.toHaveProperty('source');
    await db.runMigrations({ transaction: 'each' });
    expect((await sources()).find((r) => r.code === '1 default')?.source).toBe('PLAN_DEFAULT');
  });
});

/** A database of one describe's own: `migrated(n)` opens it with the first n migrations applied. */
function scratchDatabase() {
  const name = `${process.env.LUOSHI_TEST_RUN ?? 'luoshi_test_adhoc'}_mig_${randomBytes(3).toString('hex')}`;
  const url = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  return {
    async create(): Promise<void> {
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
    },
    async migrated(count: number): Promise<DataSource> {
      const db = await new DataSource({
        ...dataSourceOptions(url),
        migrations: migrations.slice(0, count),
      }).initialize();
      await db.runMigrations({ transaction: 'each' });
      return db;
    },
    async drop(): Promise<void> {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

describe('migration 1765300000000 (account revocation) up, down and up', () => {
  const scratch = scratchDatabase();
  let db: DataSource;
  const at = migrations.indexOf(AccountRevocation1765300000000);
  const columns = async () =>
    (
      await db.query(
        `SELECT column_name FROM information_schema.columns
         WHERE table_name = 'app_user' AND column_name IN ('active', 'token_version') ORDER BY 1`,
      )
    ).map((r: { column_name: string }) => r.column_name);

  beforeAll(async () => {
    await scratch.create();
    db = await scratch.migrated(at);
    await db.query(`INSERT INTO app_user (username, password_hash, display_name, role)
                    VALUES ('system', 'x', '系统', 'ADMIN'), ('admin', 'x', '管理员', 'ADMIN')`);
    await db.destroy();
    db = await scratch.migrated(at + 1);
  });

  afterAll(async () => {
    await db?.destroy();
    await scratch.drop();
  });

  it("leaves every account active at version 0 but the seed's system account, which nobody logs in as", async () => {
    expect(await db.query('SELECT username, active, token_version FROM app_user ORDER BY username')).toEqual([
      { username: 'admin', active: true, token_version: 0 },
      { username: 'system', active: false, token_version: 0 },
    ]);
  });

  it('drops the columns on the way down and adds them again on the way up', async () => {
    await db.undoLastMigration({ transaction: 'each' });
    expect(await columns()).toEqual([]);
    await db.runMigrations({ transaction: 'each' });
    expect(await columns()).toEqual(['active', 'token_version']);
  });
});

// Escalation keeps the notices awaiting a response itself; a database in use carries its notices over.
describe('migration 1766500000000 (escalation_notice_due, trigger SQL files) on a database in use', () => {
  const scratch = scratchDatabase();
  let db: DataSource;
  const at = migrations.indexOf(EscalationNoticeDue1766500000000);
  const ids: Record<string, string> = {};
  const event = (noticeId: string, dueDate: string) =>
    db.query(`INSERT INTO escalation_event (task_id, level, due_date, as_of, notice_id) VALUES ($1, 4, $2, $2, $3)`, [
      ids.task,
      dueDate,
      noticeId,
    ]);

  beforeAll(async () => {
    await scratch.create();
    db = await scratch.migrated(at);
    const [row] = await db.query(`
      WITH j AS (INSERT INTO jurisdiction (key, name, level) VALUES ('m', '迁移市', 'CITY') RETURNING id),
      f AS (INSERT INTO department_function (code, name, name_template, short_template)
            VALUES ('MIG', '迁移', '{j}迁移局', '迁移局') RETURNING code),
      d AS (INSERT INTO department (key, jurisdiction_id, function_code, name, short_name)
            SELECT 'm.MIG', j.id, f.code, '迁移市迁移局', '迁移局' FROM j, f RETURNING id, jurisdiction_id),
      u AS (INSERT INTO app_user (username, password_hash, display_name, role)
            VALUES ('sup', 'x', '督查室', 'ADMIN') RETURNING id),
      doc AS (INSERT INTO plan_document (text_hash, text) VALUES ('m', 'm') RETURNING id),
      p AS (INSERT INTO plan (document_id, ordinal, title, status, jurisdiction_id, source_text, start_line, end_line)
            SELECT doc.id, 1, '规划', 'PUBLISHED', j.id, '', 0, 0 FROM doc, j RETURNING id),
      m AS (INSERT INTO measure (plan_id, ordinal, code, title, text, source_line)
            SELECT p.id, 1, '1', '措施', '措施', 0 FROM p RETURNING id, plan_id),
      t AS (INSERT INTO task (measure_id, plan_id, department_id, role, status, due_date, original_due_date)
            SELECT m.id, m.plan_id, d.id, 'LEAD', 'IN_PROGRESS', '2025-01-10', '2025-01-10' FROM m, d RETURNING id),
      n AS (INSERT INTO supervision_notice
              (jurisdiction_id, year, seq, number, department_id, requirements, response_due, issued_by, status)
            SELECT d.jurisdiction_id, 2025, v.seq, v.number, d.id, '整改', v.due::date, u.id, v.status
            FROM d, u, (VALUES (1, '督办〔2025〕1号', '2025-02-01', 'ISSUED'), (2, '督办〔2025〕2号', '2025-03-01', 'RESPONDED'))
              v(seq, number, due, status)
            RETURNING id, status),
      nt AS (INSERT INTO supervision_notice_task (notice_id, task_id) SELECT n.id, t.id FROM n, t)
      SELECT (SELECT id FROM t) AS task, (SELECT id FROM n WHERE status = 'ISSUED') AS issued,
             (SELECT id FROM n WHERE status = 'RESPONDED') AS responded`);
    Object.assign(ids, row);
    await db.destroy();
    db = await scratch.migrated(at + 1);
  });

  afterAll(async () => {
    await db?.destroy();
    await scratch.drop();
  });

  it("carries each notice's tasks and response date over, awaiting while the notice is ISSUED", async () => {
    expect(
      await db.query(
        `SELECT notice_id, task_id, response_due::text, awaiting FROM escalation_notice_due ORDER BY response_due`,
      ),
    ).toEqual([
      { notice_id: ids.issued, task_id: ids.task, response_due: '2025-02-01', awaiting: true },
      { notice_id: ids.responded, task_id: ids.task, response_due: '2025-03-01', awaiting: false },
    ]);
    await event(ids.issued!, '2025-01-10');
    await expect(event('00000000-0000-4000-8000-000000000000', '2025-01-11')).rejects.toMatchObject({
      driverError: { code: '23503' },
    });
  });

  it('checks events against supervision_notice again on the way down, and escalation_notice_due on the way up', async () => {
    await db.undoLastMigration({ transaction: 'each' });
    const [{ exists }] = await db.query(`SELECT to_regclass('escalation_notice_due') IS NOT NULL AS exists`);
    expect(exists).toBe(false);
    await event(ids.responded!, '2025-01-12');
    await expect(event('00000000-0000-4000-8000-000000000000', '2025-01-13')).rejects.toMatchObject({
      driverError: { code: '23503' },
    });
    await db.runMigrations({ transaction: 'each' });
    expect(await db.query('SELECT count(*)::int AS n FROM escalation_notice_due')).toEqual([{ n: 2 }]);
    await event(ids.responded!, '2025-01-14');
  });
});
