import { readFileSync } from 'node:fs';
import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { repoPath } from '../libs/common/src/index.js';
import { SEED_CHONGQING } from './support/seed-plans.js';
import { startSweepProcessor, sweepAndWait } from './support/sweeps.js';
import { codeOf, TestApp } from './support/test-app.js';
import { dropQueues } from './support/test-worker.js';

// Seed 001 as published, and a revision of it written for this test: 三.（一）.1 reworded with a deadline,
// 三.（二）.3 dropped (so 三.（二）.4 becomes 三.（二）.3), 三.（三）.4 handed from 市人社局 to 市教育局,
// 三.（四）.1 reworded (its title too), 三.（五）.3 added.
const ORIGINAL = readFileSync(repoPath('test', 'fixtures', 'tengzhou-mental-health.txt'), 'utf8');
const REVISION = readFileSync(repoPath('test', 'fixtures', 'tengzhou-mental-health-revision.txt'), 'utf8');

const IMPORT = `mutation($input: ImportPlanDocumentInput!) {
  importPlanDocument(input: $input) { plans { id status revision revisionOf { id } } } }`;
const DIFF = `query($id: ID!) { planRevisionDiff(draftPlanId: $id) {
  published { id revision } draft { id revision }
  changes { kinds matchedBy similarity before { id code title } after { id code title } } } }`;
const TASK = `query($id: ID!) { task(id: $id) { id status dueDate originalDueDate escalationLevel role
  measure { code } reports { id narrative } escalations { id level dueDate } } }`;
const TRAIL = 'query($id: ID!) { taskAuditTrail(taskId: $id) { action after } }';

interface Change {
  kinds: string[];
  matchedBy: string | null;
  similarity: number | null;
  before: { id: string; code: string; title: string } | null;
  after: { id: string; code: string; title: string } | null;
}
interface TaskView {
  id: string;
  status: string;
  dueDate: string;
  originalDueDate: string;
  escalationLevel: number;
  role: string;
  measure: { code: string };
  reports: { id: string; narrative: string }[];
  escalations: { id: string; level: number; dueDate: string }[];
}

jest.setTimeout(60_000);

describe('plan revisions (规划修订)', () => {
  let t: TestApp;
  let db: DataSource;
  let processor: { stop: () => Promise<void> };
  const PREFIX = `${process.env.QUEUE_PREFIX}_revisions`;
  let planId: string;
  let draftId: string;
  /** Tasks of the first version, by measure code and department function. */
  let before: Map<string, { id: string; status: string }>;
  const before1: Record<string, TaskView> = {};

  const tasksOf = async (id: string): Promise<Map<string, { id: string; status: string }>> => {
    const rows: { key: string; id: string; status: string }[] = await db.query(
      `SELECT m.code || ' ' || d.function_code AS key, t.id, t.status
       FROM task t JOIN measure m ON m.id = t.measure_id JOIN department d ON d.id = t.department_id
       WHERE t.plan_id = $1`,
      [id],
    );
    return new Map(rows.map((r) => [r.key, { id: r.id, status: r.status }]));
  };
  const task = async (id: string): Promise<TaskView> =>
    (await t.gql<{ task: TaskView }>(TASK, { id }, 'rev.admin')).data!.task;
  const diff = async (id: string, as = 'rev.sup') =>
    t.gql<{ planRevisionDiff: { changes: Change[] } }>(DIFF, { id }, as);
  const changed = (changes: Change[]) =>
    changes
      .filter((c) => c.kinds.length)
      .map((c) => [c.before?.code ?? null, c.after?.code ?? null, c.kinds.join(',')]);
  const counts = async () =>
    (
      await db.query(
        'SELECT (SELECT count(*) FROM plan)::int AS plans, (SELECT count(*) FROM plan_document)::int AS docs',
      )
    )[0];
  // The three tasks the test follows on the first version.
  const kept = '三.（二）.4 HEALTH';
  const dropped = '三.（二）.3 HEALTH';
  const reworded = '三.（一）.1 HEALTH';

  beforeAll(async () => {
    t = await TestApp.start({ QUEUE_PREFIX: PREFIX });
    processor = startSweepProcessor(t);
    db = t.get(DataSource);
    await t.user('rev.admin', UserRole.ADMIN);
    await t.user('rev.sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('rev.cq', UserRole.SUPERVISOR, { jurisdictionKey: 'chongqing' });
    await t.user('rev.health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    const imported = await t.gql<{ importPlanDocument: { plans: { id: string }[] } }>(
      IMPORT,
      { input: { text: ORIGINAL, fileName: 'v1.txt' } },
      'rev.sup',
    );
    planId = imported.data!.importPlanDocument.plans[0]!.id;
    expect(
      (await t.gql('mutation($id: ID!) { publishPlan(planId: $id) { id } }', { id: planId }, 'rev.sup')).errors,
    ).toBeUndefined();
    before = await tasksOf(planId);
    // Reports on the kept and the dropped measure; every task overdue, then swept into escalation.
    for (const key of [kept, dropped]) {
      const report = await t.gql(
        'mutation($input: ProgressReportInput!) { submitProgressReport(input: $input) { id } }',
        { input: { taskId: before.get(key)!.id, progressPercent: 30, narrative: `进展 ${key}` } },
        'rev.health',
      );
      expect(report.errors).toBeUndefined();
    }
    await db.query(`UPDATE task SET due_date = '2025-10-10', created_at = '2025-01-01' WHERE plan_id = $1`, [planId]);
    expect((await sweepAndWait(t, '2025-10-20', 'rev.admin')).raised).toBeGreaterThan(0);
    for (const key of [kept, dropped, reworded]) before1[key] = await task(before.get(key)!.id);
  });

  afterAll(async () => {
    await processor?.stop();
    await t?.stop();
    await dropQueues(PREFIX);
  });

  it('has the old version escalated and reported on, as the revision will find it', () => {
    expect(before1[kept]!.reports).toHaveLength(1);
    expect(before1[kept]!.escalations.length).toBeGreaterThan(0);
    expect(before1[dropped]!.escalations.length).toBeGreaterThan(0);
  });

  it('refuses revisionOf a draft (BAD_USER_INPUT), of an unknown or out-of-reach plan (NOT_FOUND), saving nothing', async () => {
    const chongqing = readFileSync(repoPath('seeds', 'plans', SEED_CHONGQING), 'utf8');
    const draft = await t.gql<{ importPlanDocument: { plans: { id: string }[] } }>(
      IMPORT,
      { input: { text: chongqing } },
      'rev.admin',
    );
    const draftPlan = draft.data!.importPlanDocument.plans[0]!.id;
    const start = await counts();
    const asRevisionOf = (revisionOf: string, as = 'rev.sup') =>
      t.gql(IMPORT, { input: { text: REVISION, revisionOf } }, as);
    expect(codeOf(await asRevisionOf(draftPlan, 'rev.admin'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await asRevisionOf('00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');
    expect(codeOf(await asRevisionOf(planId, 'rev.cq'))).toBe('NOT_FOUND');
    expect(codeOf(await diff(planId))).toBe('BAD_USER_INPUT');
    expect(codeOf(await diff(draftPlan, 'rev.admin'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await diff(planId, 'rev.health'))).toBe('FORBIDDEN');
    expect(await counts()).toEqual(start);
  });

  it('reads a document of the same title and jurisdiction as a draft revision of the published plan', async () => {
    const imported = await t.gql<{
      importPlanDocument: { plans: { id: string; status: string; revision: number; revisionOf: { id: string } }[] };
    }>(IMPORT, { input: { text: REVISION, fileName: 'v2.txt' } }, 'rev.sup');
    expect(imported.errors).toBeUndefined();
    const [draft] = imported.data!.importPlanDocument.plans;
    expect(draft).toMatchObject({ status: 'DRAFT', revision: 2, revisionOf: { id: planId } });
    draftId = draft!.id;
    // The same text again is the same draft, named or not.
    const again = await t.gql<{ importPlanDocument: { plans: { id: string }[] } }>(
      IMPORT,
      { input: { text: REVISION, revisionOf: planId } },
      'rev.sup',
    );
    expect(again.data!.importPlanDocument.plans.map((p) => p.id)).toEqual([draftId]);
  });

  it('shows clause by clause what the revision changes, and nothing else', async () => {
    const result = await diff(draftId);
    expect(result.errors).toBeUndefined();
    const changes = result.data!.planRevisionDiff.changes;
    expect(changed(changes)).toEqual([
      ['三.（一）.1', '三.（一）.1', 'TEXT_CHANGED,DEADLINE_CHANGED'],
      ['三.（二）.3', null, 'REMOVED'],
      ['三.（三）.4', '三.（三）.4', 'ASSIGNMENTS_CHANGED'],
      ['三.（四）.1', '三.（四）.1', 'TEXT_CHANGED'],
      [null, '三.（五）.3', 'ADDED'],
    ]);
    const renumbered = changes.find((c) => c.after?.code === '三.（二）.3')!;
    expect(renumbered).toMatchObject({ before: { code: '三.（二）.4' }, kinds: [], matchedBy: 'TITLE' });
    expect(changes.filter((c) => c.before && c.after)).toHaveLength(changes.length - 2);
  });

  it('lets the office correct a match, audited, and undo it', async () => {
    const renumbered = (await diff(draftId)).data!.planRevisionDiff.changes.find(
      (c) => c.after?.code === '三.（二）.3',
    )!;
    const SET = `mutation($d: ID!, $p: ID) { setMeasureMatch(draftMeasureId: $d, publishedMeasureId: $p) {
      changes { kinds matchedBy before { code } after { code } } } }`;
    const unmatched = await t.gql<{ setMeasureMatch: { changes: Change[] } }>(
      SET,
      { d: renumbered.after!.id, p: null },
      'rev.sup',
    );
    expect(unmatched.errors).toBeUndefined();
    const kinds = unmatched.data!.setMeasureMatch.changes.filter(
      (c) => c.after?.code === '三.（二）.3' || c.before?.code === '三.（二）.4',
    );
    expect(kinds.map((c) => c.kinds)).toEqual(expect.arrayContaining([['ADDED'], ['REMOVED']]));
    // A measure of another plan cannot be named.
    const [{ id: foreign }] = await db.query(`SELECT id FROM measure WHERE plan_id <> $1 AND plan_id <> $2 LIMIT 1`, [
      planId,
      draftId,
    ]);
    expect(codeOf(await t.gql(SET, { d: renumbered.after!.id, p: foreign }, 'rev.sup'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(SET, { d: renumbered.after!.id, p: null }, 'rev.cq'))).toBe('FORBIDDEN');
    const forced = await t.gql<{ setMeasureMatch: { changes: Change[] } }>(
      SET,
      { d: renumbered.after!.id, p: renumbered.before!.id },
      'rev.sup',
    );
    expect(forced.data!.setMeasureMatch.changes.find((c) => c.after?.code === '三.（二）.3')).toMatchObject({
      matchedBy: 'OFFICE',
      kinds: [],
    });
    const reset = await t.gql<{ resetMeasureMatch: { changes: Change[] } }>(
      'mutation($d: ID!) { resetMeasureMatch(draftMeasureId: $d) { changes { matchedBy after { code } } } }',
      { d: renumbered.after!.id },
      'rev.sup',
    );
    expect(reset.data!.resetMeasureMatch.changes.find((c) => c.after?.code === '三.（二）.3')!.matchedBy).toBe('TITLE');
    const audited: { action: string }[] = await db.query(
      `SELECT action FROM audit_entry WHERE entity_type = 'measure' AND entity_id = $1 ORDER BY id`,
      [renumbered.after!.id],
    );
    expect(audited.map((a) => a.action)).toEqual(['measure.match', 'measure.match', 'measure.match_reset']);
  });

  describe('published', () => {
    let after: Map<string, { id: string; status: string }>;

    beforeAll(async () => {
      const published = await t.gql<{ publishPlan: { id: string; revision: number; status: string } }>(
        'mutation($id: ID!) { publishPlan(planId: $id) { id revision status } }',
        { id: draftId },
        'rev.sup',
      );
      expect(published.errors).toBeUndefined();
      expect(published.data!.publishPlan).toEqual({ id: planId, revision: 2, status: 'PUBLISHED' });
      after = await tasksOf(planId);
    });

    it('keeps the tasks of unchanged measures with their reports and escalations', async () => {
      const id = before.get(kept)!.id;
      expect(after.get('三.（二）.3 HEALTH')!.id).toBe(id);
      const now = await task(id);
      expect(now).toMatchObject({ status: before1[kept]!.status, measure: { code: '三.（二）.3' } });
      expect(now.reports).toEqual(before1[kept]!.reports);
      expect(now.escalations).toEqual(before1[kept]!.escalations);
      expect(now.escalationLevel).toBe(before1[kept]!.escalationLevel);
    });

    it("cancels the dropped measure's open tasks for 规划修订, keeping their reports", async () => {
      const droppedIds = [...before].filter(([k]) => k.startsWith('三.（二）.3 ')).map(([, v]) => v.id);
      expect(droppedIds.length).toBe(8);
      const rows: { status: string }[] = await db.query('SELECT status FROM task WHERE id = ANY($1)', [droppedIds]);
      expect(rows.map((r) => r.status)).toEqual(droppedIds.map(() => 'CANCELLED'));
      const trail = await t.gql<{ taskAuditTrail: { action: string; after: string }[] }>(
        TRAIL,
        { id: before.get(dropped)!.id },
        'rev.admin',
      );
      const cancel = trail.data!.taskAuditTrail.find((e) => e.action === 'task.revision_cancel')!;
      expect(JSON.parse(cancel.after)).toMatchObject({ status: 'CANCELLED', reason: '规划修订', revision: 2 });
      expect((await task(before.get(dropped)!.id)).reports).toEqual(before1[dropped]!.reports);
      const measures = await t.gql<{ plan: { measures: { code: string }[] } }>(
        'query($id: ID!) { plan(id: $id) { measures { code } } }',
        { id: planId },
        'rev.sup',
      );
      expect(measures.data!.plan.measures.map((m) => m.code)).not.toContain('三.（二）.4');
    });

    it('creates and cancels exactly the tasks of the reassigned and the new measure', () => {
      const ids = (m: Map<string, { id: string; status: string }>) => new Set([...m.values()].map((v) => v.id));
      const old = ids(before);
      const created = [...after].filter(([, v]) => !old.has(v.id)).map(([k]) => k);
      expect(created.sort()).toEqual(
        ['三.（三）.4 EDUCATION', '三.（五）.3 HEALTH', '三.（五）.3 CIVIL_AFFAIRS'].sort(),
      );
      const newlyCancelled = [...before]
        .filter(([, v]) => v.status !== 'CANCELLED')
        .filter(([, v]) => [...after.values()].find((a) => a.id === v.id)?.status === 'CANCELLED')
        .map(([k]) => k);
      expect(newlyCancelled.filter((k) => !k.startsWith('三.（二）.3 '))).toEqual(['三.（三）.4 HUMAN_RESOURCES']);
      expect(after.get('三.（三）.4 HEALTH')!.id).toBe(before.get('三.（三）.4 HEALTH')!.id);
      expect(after.get('三.（三）.4 FINANCE')!.id).toBe(before.get('三.（三）.4 FINANCE')!.id);
    });

    it('moves the due date of a measure given a new deadline as an extension does: ladder reset, original kept', async () => {
      const now = await task(before.get(reworded)!.id);
      expect(now.dueDate).toBe('2019-06-30');
      expect(now.originalDueDate).toBe(before1[reworded]!.originalDueDate);
      expect(now.escalations).toEqual(before1[reworded]!.escalations);
      expect(before1[reworded]!.escalationLevel).toBeGreaterThan(0);
      expect(now.escalationLevel).toBe(0);
      const trail = await t.gql<{ taskAuditTrail: { action: string }[] }>(TRAIL, { id: now.id }, 'rev.admin');
      expect(trail.data!.taskAuditTrail.map((e) => e.action)).toContain('task.revision_due');
    });

    it('lists both versions with who published them, each text still readable', async () => {
      const plan = await t.gql<{
        plan: {
          revision: number;
          revisions: { revision: number; publishedBy: string; sourceText: string; fileName: string }[];
        };
      }>(
        'query($id: ID!) { plan(id: $id) { revision revisions { revision publishedBy sourceText fileName } } }',
        { id: planId },
        'rev.sup',
      );
      expect(plan.data!.plan.revision).toBe(2);
      const revisions = plan.data!.plan.revisions;
      expect(revisions.map((r) => [r.revision, r.publishedBy, r.fileName])).toEqual([
        [1, 'rev.sup', 'v1.txt'],
        [2, 'rev.sup', 'v2.txt'],
      ]);
      expect(revisions[0]!.sourceText).toContain('3.大力开展心理健康教育');
      expect(revisions[1]!.sourceText).not.toContain('3.大力开展心理健康教育');
      const [audit] = await db.query(`SELECT after FROM audit_entry WHERE action = 'plan.revise' AND entity_id = $1`, [
        planId,
      ]);
      expect(audit.after).toMatchObject({ revision: 2, tasksCreated: 3 });
    });

    it('has no draft left to diff: it became revision 2, which publishing it again answers', async () => {
      expect(codeOf(await diff(draftId))).toBe('NOT_FOUND');
      const again = await t.gql<{ publishPlan: { id: string; revision: number } }>(
        'mutation($id: ID!) { publishPlan(planId: $id) { id revision } }',
        { id: draftId },
        'rev.sup',
      );
      expect(again.data!.publishPlan).toEqual({ id: planId, revision: 2 });
      expect((await tasksOf(planId)).size).toBe(after.size);
    });

    it('finds the plan again from either version of its text', async () => {
      for (const text of [ORIGINAL, REVISION]) {
        const imported = await t.gql<{ importPlanDocument: { plans: { id: string }[] } }>(
          IMPORT,
          { input: { text } },
          'rev.sup',
        );
        expect(imported.data!.importPlanDocument.plans.map((p) => p.id)).toEqual([planId]);
      }
    });
  });
});
