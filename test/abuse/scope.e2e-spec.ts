import { readFileSync } from 'node:fs';
import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { UserRole } from '../../libs/auth/src/index.js';
import { repoPath } from '../../libs/common/src/index.js';
import { DepartmentsService } from '../../libs/departments/src/index.js';
import { tasksReachedBeyondScope } from '../support/access-table.js';
import { publishSeed, SEED_TENGZHOU } from '../support/seed-plans.js';
import { codeOf, TestApp } from '../support/test-app.js';

jest.setTimeout(60_000);

const NOTICES = '{ supervisionNotices { id tasks { id } } }';
const TASK = 'query($id: ID!) { task(id: $id) { id } }';
const ADD = 'mutation($m: ID!, $d: ID!) { addAssignment(measureId: $m, departmentId: $d, role: COOPERATING) { id } }';

/**
 * Scope through relations: a town's office and leader (龙泉街道, below 滕州市) list the notice sent to a
 * town department about a task of the city's plan, but the task is the city's, as task(id) says.
 */
describe('scope of nested relations and of assignments', () => {
  let t: TestApp;
  let db: DataSource;
  let cityTask: string;
  let noticeId: string;
  let draftMeasure: string;
  let townHealth: string;
  let chongqingHealth: string;

  beforeAll(async () => {
    t = await TestApp.start();
    db = t.get(DataSource);
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup.city', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('sup.town', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou.longquan' });
    await t.user('leader.town', UserRole.LEADER, { jurisdictionKey: 'tengzhou.longquan' });
    const departments = t.get(DepartmentsService);
    townHealth = await departments.ensureFunctionDepartment('tengzhou.longquan', 'HEALTH');
    chongqingHealth = await departments.ensureFunctionDepartment('chongqing', 'HEALTH');
    const [planId] = await publishSeed(t, SEED_TENGZHOU, 'admin');
    [{ id: cityTask }] = await db.query('SELECT id FROM task WHERE plan_id = $1 ORDER BY id LIMIT 1', [planId]);
    // The city's plan hands this task to the town's health office (a department of a jurisdiction below).
    await db.query('UPDATE task SET department_id = $2 WHERE id = $1', [cityTask, townHealth]);
    const issued = await t.gql<{ issueSupervisionNotice: { id: string } }>(
      'mutation($i: SupervisionNoticeInput!) { issueSupervisionNotice(input: $i) { id } }',
      { i: { taskIds: [cityTask], requirements: '限期整改', responseDue: '2030-06-30' } },
      'sup.city',
    );
    noticeId = issued.data!.issueSupervisionNotice.id;
    const draft = await t.gql<{ importPlanDocument: { plans: { id: string }[] } }>(
      'mutation($i: ImportPlanDocumentInput!) { importPlanDocument(input: $i) { plans { id } } }',
      { i: { text: readFileSync(repoPath('test', 'fixtures', 'tengzhou-draft.txt'), 'utf8') } },
      'admin',
    );
    [{ id: draftMeasure }] = await db.query('SELECT id FROM measure WHERE plan_id = $1 ORDER BY ordinal LIMIT 1', [
      draft.data!.importPlanDocument.plans[0]!.id,
    ]);
  });
  afterAll(() => t?.stop());

  it.each(['sup.town', 'leader.town'])(
    "lists the notice to %s's department without the city-plan task task(id) refuses it",
    async (caller) => {
      expect(codeOf(await t.gql(TASK, { id: cityTask }, caller))).toBe('FORBIDDEN');
      const notices = await t.gql<{ supervisionNotices: { id: string; tasks: { id: string }[] }[] }>(
        NOTICES,
        {},
        caller,
      );
      expect(notices.data!.supervisionNotices).toEqual([{ id: noticeId, tasks: [] }]);
      expect(await tasksReachedBeyondScope(t, caller)).toEqual([]);
    },
  );

  it("opens a message's task only within the reader's scope (a message about a city task kept by a town office)", async () => {
    const [{ id: town }] = await db.query(`SELECT id FROM app_user WHERE username = 'sup.town'`);
    const [{ id: city }] = await db.query(`SELECT id FROM app_user WHERE username = 'sup.city'`);
    await db.query(
      `INSERT INTO notification (user_id, kind, message, task_id, source_key)
       SELECT u, 'ESCALATION_2', '逾期预警', $1, 'scope-test' FROM unnest($2::uuid[]) AS u`,
      [cityTask, [town, city]],
    );
    const taskOf = async (as: string) =>
      (await t.gql<{ notifications: { task: { id: string } | null }[] }>('{ notifications { task { id } } }', {}, as))
        .data!.notifications[0]!.task;
    expect(codeOf(await t.gql(TASK, { id: cityTask }, 'sup.town'))).toBe('FORBIDDEN');
    expect(await taskOf('sup.town')).toBeNull();
    expect(await taskOf('sup.city')).toEqual({ id: cityTask });
  });

  it("still shows the task to the city's office, which reads it", async () => {
    const notices = await t.gql<{ supervisionNotices: { id: string; tasks: { id: string }[] }[] }>(
      NOTICES,
      {},
      'sup.city',
    );
    expect(notices.data!.supervisionNotices).toEqual([{ id: noticeId, tasks: [{ id: cityTask }] }]);
  });

  it('lets a supervision office assign only departments of its jurisdiction and those below it', async () => {
    const assigned = async () =>
      (await db.query('SELECT department_id FROM assignment WHERE measure_id = $1', [draftMeasure])).map(
        (r: { department_id: string }) => r.department_id,
      );
    const before = await assigned();
    const refused = await t.gql(ADD, { m: draftMeasure, d: chongqingHealth }, 'sup.city');
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(await assigned()).toEqual(before);
    expect((await t.gql(ADD, { m: draftMeasure, d: townHealth }, 'sup.city')).errors).toBeUndefined();
    expect((await t.gql(ADD, { m: draftMeasure, d: chongqingHealth }, 'admin')).errors).toBeUndefined();
    expect((await assigned()).sort()).toEqual([...before, townHealth, chongqingHealth].sort());
  });
});
