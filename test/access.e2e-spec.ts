import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { repoPath, shanghaiToday } from '../libs/common/src/index.js';
import { publishSeed, SEED_TENGZHOU } from './support/seed-plans.js';
import {
  CALLERS,
  createCallers,
  no,
  ok,
  tasksReachedBeyondScope,
  type Caller,
  type Outcome,
} from './support/access-table.js';
import { codeOf, TestApp } from './support/test-app.js';
import { REGISTRY_ADMIN_OPERATIONS } from './support/registry-admin-operations.js';
import { dropQueues } from './support/test-worker.js';
import { VIEWS_OPERATIONS } from './support/views-operations.js';
import { ACCOUNTS_OPERATIONS } from './support/accounts-operations.js';

/**
 * Scope as a table: every operation × every role, on its own jurisdiction or
 * department and on another's → allowed (no error) or FORBIDDEN.
 */

interface Operation {
  name: string;
  query: string;
  /** Puts the data in the state the call needs and returns its variables. */
  prepare: () => Promise<Record<string, unknown>>;
  expect: Record<Caller, Outcome>;
}

const readers = {
  admin: ok,
  'sup.own': ok,
  'sup.other': no,
  'leader.own': ok,
  'leader.other': no,
  'liaison.own': ok,
  'liaison.other': no,
};
const writers = {
  admin: ok,
  'sup.own': ok,
  'sup.other': no,
  'leader.own': no,
  'leader.other': no,
  'liaison.own': ok,
  'liaison.other': no,
};
const reviewers = {
  admin: ok,
  'sup.own': ok,
  'sup.other': no,
  'leader.own': no,
  'leader.other': no,
  'liaison.own': no,
  'liaison.other': no,
};
const everyone = {
  admin: ok,
  'sup.own': ok,
  'sup.other': ok,
  'leader.own': ok,
  'leader.other': ok,
  'liaison.own': ok,
  'liaison.other': ok,
};
const adminOnly = {
  admin: ok,
  'sup.own': no,
  'sup.other': no,
  'leader.own': no,
  'leader.other': no,
  'liaison.own': no,
  'liaison.other': no,
};
const liaisons = {
  admin: no,
  'sup.own': no,
  'sup.other': no,
  'leader.own': no,
  'leader.other': no,
  'liaison.own': ok,
  'liaison.other': ok,
};

describe('access by role and scope', () => {
  let t: TestApp;
  let db: DataSource;
  let planId: string;
  let taskId: string;
  let draftMeasureId: string;
  let revisionId: string;
  let revisionMeasureId: string;
  let healthId: string;
  let n = 0;

  const PREFIX = `${process.env.QUEUE_PREFIX}_access`;

  beforeAll(async () => {
    t = await TestApp.start({ QUEUE_PREFIX: PREFIX }); // sweeps are queued, and dropped with the prefix
    db = t.get(DataSource);
    await createCallers(t, 'tengzhou.FINANCE');
    [planId] = await publishSeed(t, SEED_TENGZHOU, 'admin');
    // A health task on a measure the finance department has no part in.
    taskId = (
      await db.query(
        `SELECT t.id FROM task t JOIN department d ON d.id = t.department_id
         WHERE t.plan_id = $1 AND d.key = 'tengzhou.HEALTH'
           AND NOT EXISTS (SELECT 1 FROM task o JOIN department od ON od.id = o.department_id
                           WHERE o.measure_id = t.measure_id AND od.key = 'tengzhou.FINANCE')
         ORDER BY t.id LIMIT 1`,
        [planId],
      )
    )[0].id;
    healthId = (await db.query(`SELECT id FROM department WHERE key = 'tengzhou.HEALTH'`))[0].id;
    const draft = readFileSync(repoPath('test', 'fixtures', 'tengzhou-draft.txt'), 'utf8');
    const imported = await t.gql<{ importPlanDocument: { plans: { id: string }[] } }>(
      'mutation($i: ImportPlanDocumentInput!) { importPlanDocument(input: $i) { plans { id } } }',
      { i: { text: draft } },
      'admin',
    );
    const draftPlan = imported.data!.importPlanDocument.plans[0]!.id;
    draftMeasureId = (
      await db.query('SELECT id FROM measure WHERE plan_id = $1 ORDER BY ordinal LIMIT 1', [draftPlan])
    )[0].id;
    // A draft revision of the published plan (规划修订), for the diff and the office's match corrections.
    const revision = readFileSync(repoPath('test', 'fixtures', 'tengzhou-mental-health-revision.txt'), 'utf8');
    const revised = await t.gql<{ importPlanDocument: { plans: { id: string }[] } }>(
      'mutation($i: ImportPlanDocumentInput!) { importPlanDocument(input: $i) { plans { id } } }',
      { i: { text: revision, revisionOf: planId } },
      'admin',
    );
    revisionId = revised.data!.importPlanDocument.plans[0]!.id;
    revisionMeasureId = (
      await db.query('SELECT id FROM measure WHERE plan_id = $1 ORDER BY ordinal LIMIT 1', [revisionId])
    )[0].id;
  });
  afterAll(async () => {
    await t?.stop();
    await dropQueues(PREFIX);
  });

  const version = async () => (await db.query('SELECT version FROM task WHERE id = $1', [taskId]))[0].version as number;
  /** A fresh notice on the health task, issued by the admin. */
  const issueNotice = async (): Promise<string> => {
    const res = await t.gql<{ issueSupervisionNotice: { id: string } }>(
      'mutation($i: SupervisionNoticeInput!) { issueSupervisionNotice(input: $i) { id } }',
      { i: { taskIds: [taskId], requirements: '限期整改', responseDue: '2030-06-30' } },
      'admin',
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.issueSupervisionNotice.id;
  };
  const deadDeliveryId = async (): Promise<string> =>
    (
      await db.query(
        `INSERT INTO notification_delivery (source_key, channel, recipient, kind, subject, body, status, attempts)
         VALUES ('escalation:' || gen_random_uuid(), 'WEBHOOK', gen_random_uuid()::text, 'ESCALATION_2', '逾期预警', '逾期', 'DEAD', 3)
         RETURNING id`,
      )
    )[0].id;
  const webhookId = async (): Promise<string> => {
    const rows = await db.query('SELECT id FROM webhook_endpoint ORDER BY created_at LIMIT 1');
    if (rows[0]) return rows[0].id;
    const res = await t.gql<{ createWebhookEndpoint: { id: string } }>(
      'mutation { createWebhookEndpoint(input: { name: "群", url: "http://203.0.113.9/h", secret: "0123456789abcdef" }) { id } }',
      {},
      'admin',
    );
    return res.data!.createWebhookEndpoint.id;
  };
  const setStatus = (status: string) => db.query('UPDATE task SET status = $2 WHERE id = $1', [taskId, status]);

  const operations: Operation[] = [
    { name: 'me', query: '{ me { id } }', prepare: async () => ({}), expect: everyone },
    { name: 'jurisdictions', query: '{ jurisdictions { id } }', prepare: async () => ({}), expect: everyone },
    { name: 'departments', query: '{ departments { id } }', prepare: async () => ({}), expect: everyone },
    {
      name: 'departmentFunctions',
      query: '{ departmentFunctions { code name } }',
      prepare: async () => ({}),
      expect: everyone,
    },
    { name: 'plans', query: '{ plans { id } }', prepare: async () => ({}), expect: everyone },
    {
      name: 'plan',
      query: 'query($id: ID!) { plan(id: $id) { id } }',
      prepare: async () => ({ id: planId }),
      // The finance liaison has tasks of its own in this plan, so it reads the plan (not the health task).
      expect: { ...readers, 'liaison.other': ok },
    },
    {
      name: 'task',
      query: 'query($id: ID!) { task(id: $id) { id } }',
      prepare: async () => ({ id: taskId }),
      expect: readers,
    },
    { name: 'tasks', query: '{ tasks(first: 5) { totalCount } }', prepare: async () => ({}), expect: everyone },
    { name: 'workQueue', query: '{ workQueue { openTasks { id } } }', prepare: async () => ({}), expect: liaisons },
    {
      name: 'reviewQueue',
      query: '{ reviewQueue { pendingReviews { id } } }',
      prepare: async () => ({}),
      expect: { ...reviewers, 'sup.other': ok },
    },
    {
      name: 'taskAuditTrail',
      query: 'query($id: ID!) { taskAuditTrail(taskId: $id) { action } }',
      prepare: async () => ({ id: taskId }),
      expect: reviewers,
    },
    {
      name: 'updateTask',
      query: 'mutation($i: UpdateTaskInput!) { updateTask(input: $i) { id } }',
      prepare: async () => ({ i: { taskId, expectedVersion: await version(), progressPercent: ++n % 100 } }),
      expect: writers,
    },
    {
      name: 'submitProgressReport',
      query: 'mutation($i: ProgressReportInput!) { submitProgressReport(input: $i) { id } }',
      prepare: async () => {
        await setStatus('IN_PROGRESS');
        return { i: { taskId, progressPercent: 20, narrative: '按计划推进' } };
      },
      expect: writers,
    },
    {
      name: 'requestExtension',
      query:
        'mutation($id: ID!) { requestExtension(taskId: $id, requestedDueDate: "2030-12-31", reason: "测试") { id } }',
      prepare: async () => {
        await db.query(`DELETE FROM extension_request WHERE task_id = $1`, [taskId]);
        return { id: taskId };
      },
      expect: writers,
    },
    {
      name: 'decideExtension',
      query: 'mutation($id: ID!) { decideExtension(requestId: $id, approve: false) { id } }',
      prepare: async () => {
        await db.query(`DELETE FROM extension_request WHERE task_id = $1`, [taskId]);
        const [row] = await db.query(
          `INSERT INTO extension_request (task_id, requested_by, current_due_date, requested_due_date, reason)
           SELECT id, (SELECT id FROM app_user WHERE username = 'liaison.own'), due_date, '2030-12-31', '测试' FROM task WHERE id = $1
           RETURNING id`,
          [taskId],
        );
        return { id: row.id };
      },
      expect: reviewers,
    },
    {
      name: 'reviewTaskCompletion',
      query: 'mutation($id: ID!) { reviewTaskCompletion(taskId: $id, accept: false, comment: "补充材料") { id } }',
      prepare: async () => {
        await setStatus('PENDING_REVIEW');
        return { id: taskId };
      },
      expect: reviewers,
    },
    {
      name: 'publishPlan',
      query: 'mutation($id: ID!) { publishPlan(planId: $id) { id } }',
      prepare: async () => ({ id: planId }),
      expect: reviewers,
    },
    {
      name: 'addAssignment',
      query: 'mutation($m: ID!, $d: ID!) { addAssignment(measureId: $m, departmentId: $d, role: COOPERATING) { id } }',
      prepare: async () => {
        await db.query('DELETE FROM assignment WHERE measure_id = $1 AND department_id = $2', [
          draftMeasureId,
          healthId,
        ]);
        return { m: draftMeasureId, d: healthId };
      },
      expect: reviewers,
    },
    {
      name: 'setMeasureDeadline',
      query: 'mutation($m: ID!) { setMeasureDeadline(measureId: $m, deadline: "2025-06-30") { id } }',
      prepare: async () => ({ m: draftMeasureId }),
      expect: reviewers,
    },
    {
      name: 'importPlanDocument',
      query: 'mutation($i: ImportPlanDocumentInput!) { importPlanDocument(input: $i) { plans { id } } }',
      prepare: async () => ({ i: { text: readFileSync(repoPath('seeds', 'plans', SEED_TENGZHOU), 'utf8') } }),
      expect: reviewers,
    },
    // Plan revisions and publicity (issue 19).
    {
      name: 'planRevisionDiff',
      query: 'query($id: ID!) { planRevisionDiff(draftPlanId: $id) { changes { kinds } } }',
      prepare: async () => ({ id: revisionId }),
      expect: reviewers,
    },
    {
      name: 'setMeasureMatch',
      query:
        'mutation($m: ID!) { setMeasureMatch(draftMeasureId: $m, publishedMeasureId: null) { changes { kinds } } }',
      prepare: async () => ({ m: revisionMeasureId }),
      expect: reviewers,
    },
    {
      name: 'resetMeasureMatch',
      query: 'mutation($m: ID!) { resetMeasureMatch(draftMeasureId: $m) { changes { kinds } } }',
      prepare: async () => ({ m: revisionMeasureId }),
      expect: reviewers,
    },
    {
      name: 'setPlanPublicity',
      query: 'mutation($id: ID!) { setPlanPublicity(planId: $id, public: true) { public } }',
      prepare: async () => ({ id: planId }),
      expect: reviewers,
    },
    {
      name: 'setProgressReportPublicity',
      query: 'mutation($id: ID!) { setProgressReportPublicity(reportId: $id, public: true) { id } }',
      prepare: async () => {
        await setStatus('IN_PROGRESS');
        const res = await t.gql<{ submitProgressReport: { id: string } }>(
          'mutation($i: ProgressReportInput!) { submitProgressReport(input: $i) { id } }',
          { i: { taskId, progressPercent: 30, narrative: '已召开推进会' } },
          'admin',
        );
        return { id: res.data!.submitProgressReport.id };
      },
      expect: reviewers,
    },
    // Escalation, notifications and supervision notices (issue 4).
    {
      name: 'holidayScheduleYears',
      query: '{ holidayScheduleYears { year } }',
      prepare: async () => ({}),
      expect: { ...reviewers, 'sup.other': ok },
    },
    {
      name: 'loadHolidaySchedule',
      query: 'mutation { loadHolidaySchedule(year: 2031, holidays: ["2031-01-01"], workdays: []) { year } }',
      prepare: async () => ({}),
      expect: adminOnly,
    },
    {
      name: 'planEscalationPolicy',
      query: 'query($id: ID!) { planEscalationPolicy(planId: $id) { dueSoonWorkingDays } }',
      prepare: async () => ({ id: planId }),
      expect: { ...readers, 'liaison.own': no },
    },
    {
      name: 'setPlanEscalationPolicy',
      query:
        'mutation($id: ID!) { setPlanEscalationPolicy(planId: $id, policy: { dueSoonWorkingDays: 5 }) { dueSoonWorkingDays } }',
      prepare: async () => ({ id: planId }),
      expect: reviewers,
    },
    {
      name: 'runEscalationSweep',
      query: 'mutation($asOf: Date!) { runEscalationSweep(asOf: $asOf) { raised } }',
      prepare: async () => ({ asOf: shanghaiToday() }),
      // Any supervision office may start one: it sweeps its own jurisdiction and those below.
      expect: { ...reviewers, 'sup.other': ok },
    },
    {
      name: 'escalationSweep',
      query: 'query($asOf: Date!) { escalationSweep(asOf: $asOf) { state } }',
      prepare: async () => ({ asOf: shanghaiToday() }),
      expect: { ...reviewers, 'sup.other': ok },
    },
    { name: 'notifications', query: '{ notifications { id } }', prepare: async () => ({}), expect: everyone },
    {
      name: 'markNotificationsRead',
      query: 'mutation { markNotificationsRead(ids: []) }',
      prepare: async () => ({}),
      expect: everyone,
    },
    {
      name: 'setNotificationEmail',
      query: 'mutation { setNotificationEmail(address: null) }',
      prepare: async () => ({}),
      expect: everyone,
    },
    {
      name: 'notificationPreferences',
      query: '{ notificationPreferences { kind mode } }',
      prepare: async () => ({}),
      expect: everyone,
    },
    {
      name: 'setNotificationPreference',
      query: 'mutation { setNotificationPreference(kind: "ESCALATION_4", mode: DAILY_DIGEST) { mode } }',
      prepare: async () => ({}),
      // Each caller's own preference: everyone may set theirs.
      expect: everyone,
    },
    { name: 'webhookEndpoints', query: '{ webhookEndpoints { id } }', prepare: async () => ({}), expect: adminOnly },
    {
      name: 'createWebhookEndpoint',
      query:
        'mutation($j: ID!) { createWebhookEndpoint(input: { name: "督办群", url: "http://203.0.113.9/hook", secret: "0123456789abcdef", jurisdictionId: $j }) { id } }',
      prepare: async () => ({ j: (await db.query(`SELECT id FROM jurisdiction WHERE key = 'tengzhou'`))[0].id }),
      expect: adminOnly,
    },
    {
      name: 'setWebhookEndpointActive',
      query: 'mutation($id: ID!) { setWebhookEndpointActive(id: $id, active: false) { id } }',
      prepare: async () => ({ id: await webhookId() }),
      expect: adminOnly,
    },
    {
      name: 'notificationDeliveries',
      query: '{ notificationDeliveries { id } }',
      prepare: async () => ({}),
      expect: adminOnly,
    },
    {
      name: 'retryNotificationDelivery',
      query: 'mutation($id: ID!) { retryNotificationDelivery(id: $id) { id status } }',
      prepare: async () => ({ id: await deadDeliveryId() }),
      expect: adminOnly,
    },
    { name: 'supervisionNotices', query: '{ supervisionNotices { id } }', prepare: async () => ({}), expect: everyone },
    {
      name: 'supervisionQueue',
      query: '{ supervisionQueue { id } }',
      prepare: async () => ({}),
      expect: { ...reviewers, 'sup.other': ok },
    },
    {
      name: 'issueSupervisionNotice',
      query: 'mutation($i: SupervisionNoticeInput!) { issueSupervisionNotice(input: $i) { id } }',
      prepare: async () => ({ i: { taskIds: [taskId], requirements: '限期整改', responseDue: '2030-06-30' } }),
      expect: reviewers,
    },
    {
      name: 'respondToSupervisionNotice',
      query: 'mutation($id: ID!) { respondToSupervisionNotice(noticeId: $id, response: "已整改到位") { id } }',
      prepare: async () => ({ id: await issueNotice() }),
      expect: { ...writers, 'sup.own': no },
    },
    {
      name: 'closeSupervisionNotice',
      query: 'mutation($id: ID!) { closeSupervisionNotice(noticeId: $id) { id } }',
      prepare: async () => ({ id: await issueNotice() }),
      expect: reviewers,
    },
    {
      name: 'reissueSupervisionNotice',
      query:
        'mutation($id: ID!) { reissueSupervisionNotice(noticeId: $id, input: { requirements: "再次督办", responseDue: "2030-09-30" }) { id } }',
      prepare: async () => ({ id: await issueNotice() }),
      expect: reviewers,
    },
  ];

  const rows = operations.flatMap((op) => CALLERS.map((caller) => [op.name, caller, op.expect[caller], op] as const));

  it.each(rows)('%s by %s → %s', async (_, caller, outcome, op) => {
    const res = await t.gql(op.query, await op.prepare(), caller);
    if (outcome === 'ok') expect(res.errors).toBeUndefined();
    else expect(codeOf(res)).toBe('FORBIDDEN');
  });

  it.each(CALLERS)('reaches through nested relations only tasks that task(id) gives %s', async (caller) => {
    await issueNotice(); // a notice with a task, for notice → tasks
    expect(await tasksReachedBeyondScope(t, caller)).toEqual([]);
  });

  it("filters list queries to the caller's scope instead of refusing them", async () => {
    const count = async (as: Caller) =>
      (await t.gql<{ tasks: { totalCount: number } }>('{ tasks(first: 1) { totalCount } }', {}, as)).data!.tasks
        .totalCount;
    expect(await count('sup.other')).toBe(0);
    expect(await count('leader.other')).toBe(0);
    expect(await count('leader.own')).toBeGreaterThan(0);
    const plans = async (as: Caller) =>
      (await t.gql<{ plans: { id: string }[] }>('{ plans { id } }', {}, as)).data!.plans.length;
    expect(await plans('sup.other')).toBe(0);
    expect(await plans('liaison.own')).toBe(1);
    await t.user('liaison.audit', UserRole.LIAISON, { departmentKey: 'tengzhou.AUDIT' });
    expect(codeOf(await t.gql('query($id: ID!) { plan(id: $id) { id } }', { id: planId }, 'liaison.audit'))).toBe(
      'FORBIDDEN',
    );
    expect((await t.gql<{ plans: unknown[] }>('{ plans { id } }', {}, 'liaison.audit')).data!.plans).toEqual([]);
  });

  it('covers every query and mutation the schema has', async () => {
    const schema = await t.gql<{
      __schema: { queryType: { fields: { name: string }[] }; mutationType: { fields: { name: string }[] } };
    }>('{ __schema { queryType { fields { name } } mutationType { fields { name } } } }');
    const all = [...schema.data!.__schema.queryType.fields, ...schema.data!.__schema.mutationType.fields].map(
      (f) => f.name,
    );
    const covered = new Set([...operations.map((o) => o.name), ...COVERED_ELSEWHERE]);
    expect(all.filter((name) => !covered.has(name))).toEqual([]);
  });
});

/** Operations whose scope table lives in their own suite (auth, review of drafts in plans.e2e-spec). */
const COVERED_ELSEWHERE = [
  'login',
  'createUser',
  'removeAssignment',
  'changeAssignmentRole',
  ...VIEWS_OPERATIONS,
  ...REGISTRY_ADMIN_OPERATIONS,
  ...ACCOUNTS_OPERATIONS,
];
