import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BadInputError } from '@app/common';
import { AuditService } from '@app/audit';
import type { AccessScope } from '@app/auth';
import { Plan, PlanRevisionsService, PlanStatus, type RevisionPair } from '@app/plans';
import { TaskEvents } from './events/task-events.js';
import { TaskUpdatesService } from './task-updates.service.js';
import { Task } from './task.entity.js';

/** Why a revision closed a task (规划修订), kept in its audit entry. */
export const REVISION_CANCEL_REASON = '规划修订';
const OPEN = `status NOT IN ('COMPLETED','CANCELLED')`;
/** Ordinals of dropped measures step aside below this, per revision, so a plan's ordinals stay unique. */
const REMOVED_ORDINAL_BASE = 100_000;

interface AssignmentRow {
  id: string;
  measureId: string;
  departmentId: string;
  role: string;
  mentionedAs: string;
  explicit: boolean;
  fanOutOf: string | null;
  source: string;
}

export interface RevisionOutcome {
  revision: number;
  created: { id: string; departmentId: string; measureId: string }[];
  cancelled: string[];
  rerolled: string[];
  dueDatesMoved: string[];
}

/**
 * 发布修订稿: the published plan takes the draft's text, and its measures are carried forward rather than
 * replaced, so that tasks keep their ids with their reports, reviews, escalations and history:
 * a matched measure is rewritten in place, a new one is added to the plan, a dropped one stays marked
 * (removed_in_revision) with its open tasks cancelled. Assignments are brought to the draft's, each
 * change landing on exactly its task; a new deadline moves the open tasks' due dates as an approved
 * extension does (original_due_date, which scoring reads, is not touched). The draft itself is
 * deleted: its text stays in plan_document and plan_revision.
 */
@Injectable()
export class PlanRevisionPublisher {
  constructor(
    private readonly revisions: PlanRevisionsService,
    private readonly updates: TaskUpdatesService,
    private readonly audit: AuditService,
    private readonly events: TaskEvents,
  ) {}

  /** Runs inside the publishing transaction, the draft locked and checked publishable. */
  async publish(m: EntityManager, scope: AccessScope, draft: Plan, published: Plan): Promise<RevisionOutcome> {
    if (published.status !== PlanStatus.PUBLISHED)
      throw new BadInputError(`被修订的规划为 ${published.status}，不能发布修订稿 (the revised plan is not published)`);
    const revision = published.revision + 1;
    const pairs = await this.revisions.compare(m, published.id, draft.id);
    const matched = pairs.filter((p) => p.before && p.after);
    const added = pairs.filter((p) => !p.before && p.after);
    const removed = pairs.filter((p) => p.before && !p.after);
    const oldDue = await this.effectiveDueDates(m, published.id);

    // Every current measure steps aside first: the draft's ordinals then land without colliding.
    await m.query('UPDATE measure SET ordinal = -1 - ordinal WHERE plan_id = $1 AND removed_in_revision IS NULL', [
      published.id,
    ]);
    await this.rewriteMatched(m, matched);
    const addedIds = await this.addMeasures(m, published.id, added);
    await this.dropMeasures(m, removed, revision);
    await this.addAssignments(m, addedIds);
    const assignmentChanges = await this.syncAssignments(m, matched);

    await this.replaceDraft(m, draft, published, revision);
    const cancelled = await this.cancelTasks(m, scope, published.id, removed, assignmentChanges.removed, revision);
    const rerolled = await this.reroleTasks(m, scope, assignmentChanges.rerolled);
    const created = await this.createTasks(m, published.id);
    const dueDatesMoved = await this.moveDueDates(m, scope, published.id, oldDue);
    await m.query(
      `INSERT INTO plan_revision (plan_id, revision, document_id, draft_plan_id, title, source_text, published_by, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
      [published.id, revision, draft.documentId, draft.id, draft.title, draft.sourceText, scope.user.id],
    );
    await this.audit.record(
      m,
      scope.user.id,
      'plan.revise',
      'plan',
      published.id,
      { revision: published.revision, title: published.title },
      {
        revision,
        title: draft.title,
        draftPlanId: draft.id,
        measures: {
          added: added.map((p) => p.after!.code),
          removed: removed.map((p) => p.before!.code),
          changed: matched.filter((p) => p.kinds.length).map((p) => ({ code: p.after!.code, kinds: p.kinds })),
        },
        tasksCreated: created.length,
        tasksCancelled: cancelled.length,
        dueDatesMoved: dueDatesMoved.length,
      },
    );
    return { revision, created, cancelled, rerolled, dueDatesMoved };
  }

  private async rewriteMatched(m: EntityManager, matched: RevisionPair[]): Promise<void> {
    if (!matched.length) return;
    await m.query(
      `UPDATE measure p SET ordinal = d.ordinal, code = d.code, title = d.title, text = d.text,
         section_title = d.section_title, deadline = d.deadline, deadline_source = d.deadline_source,
         source_line = d.source_line
       FROM unnest($1::uuid[], $2::uuid[]) AS u(pid, did)
       JOIN measure d ON d.id = u.did
       WHERE p.id = u.pid`,
      [matched.map((p) => p.before!.id), matched.map((p) => p.after!.id)],
    );
  }

  /** New measures join the published plan with their assignments; returns draft measure id → new id. */
  private async addMeasures(m: EntityManager, planId: string, added: RevisionPair[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    if (!added.length) return ids;
    const rows: { id: string; draftId: string }[] = await m.query(
      `WITH d AS (SELECT * FROM measure WHERE id = ANY($2::uuid[])),
       ins AS (
         INSERT INTO measure (plan_id, ordinal, code, title, text, section_title, deadline, deadline_source, source_line)
         SELECT $1, ordinal, code, title, text, section_title, deadline, deadline_source, source_line FROM d
         RETURNING id, ordinal)
       SELECT ins.id, d.id AS "draftId" FROM ins JOIN d ON d.ordinal = ins.ordinal`,
      [planId, added.map((p) => p.after!.id)],
    );
    for (const r of rows) ids.set(r.draftId, r.id);
    return ids;
  }

  private async addAssignments(m: EntityManager, ids: Map<string, string>): Promise<void> {
    if (!ids.size) return;
    await m.query(
      `INSERT INTO assignment (measure_id, department_id, role, mentioned_as, explicit, fan_out_of, source)
       SELECT u.nid, a.department_id, a.role, a.mentioned_as, a.explicit, a.fan_out_of, a.source
       FROM unnest($1::uuid[], $2::uuid[]) AS u(did, nid) JOIN assignment a ON a.measure_id = u.did`,
      [[...ids.keys()], [...ids.values()]],
    );
  }

  private async dropMeasures(m: EntityManager, removed: RevisionPair[], revision: number): Promise<void> {
    if (!removed.length) return;
    await m.query(
      `UPDATE measure SET removed_in_revision = $2, ordinal = -($2::int * ${REMOVED_ORDINAL_BASE}) - 1 - u.ordinal
       FROM unnest($1::uuid[], $3::int[]) AS u(id, ordinal) WHERE measure.id = u.id`,
      [removed.map((p) => p.before!.id), revision, removed.map((p) => p.before!.ordinal)],
    );
  }

  /**
   * Brings each matched measure's assignments to the draft's: a department dropped loses its assignment,
   * one kept takes the draft's role and wording, one named anew is added. Returns what tasks must follow.
   */
  private async syncAssignments(
    m: EntityManager,
    matched: RevisionPair[],
  ): Promise<{ removed: { measureId: string; departmentId: string }[]; rerolled: AssignmentRow[] }> {
    const removed: { measureId: string; departmentId: string }[] = [];
    const rerolled: AssignmentRow[] = [];
    if (!matched.length) return { removed, rerolled };
    const rows = await this.assignments(m, [...matched.map((p) => p.before!.id), ...matched.map((p) => p.after!.id)]);
    const inserts: AssignmentRow[] = [];
    for (const pair of matched) {
      const now = rows.filter((a) => a.measureId === pair.before!.id);
      const next = rows.filter((a) => a.measureId === pair.after!.id);
      for (const a of now) {
        const kept = next.find((n) => n.departmentId === a.departmentId);
        if (!kept) removed.push({ measureId: a.measureId, departmentId: a.departmentId });
        else if (kept.role !== a.role) rerolled.push({ ...kept, id: a.id, measureId: a.measureId });
      }
      for (const n of next)
        if (!now.some((a) => a.departmentId === n.departmentId)) inserts.push({ ...n, measureId: pair.before!.id });
      await m.query(
        `UPDATE assignment a SET role = n.role, mentioned_as = n.mentioned_as, explicit = n.explicit,
           fan_out_of = n.fan_out_of, source = n.source
         FROM assignment n WHERE a.measure_id = $1 AND n.measure_id = $2 AND n.department_id = a.department_id`,
        [pair.before!.id, pair.after!.id],
      );
    }
    if (removed.length)
      await m.query(
        `DELETE FROM assignment a USING unnest($1::uuid[], $2::uuid[]) AS u(mid, did)
         WHERE a.measure_id = u.mid AND a.department_id = u.did`,
        [removed.map((r) => r.measureId), removed.map((r) => r.departmentId)],
      );
    if (inserts.length)
      await m.query(
        `INSERT INTO assignment (measure_id, department_id, role, mentioned_as, explicit, fan_out_of, source)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::text[])`,
        [
          inserts.map((r) => r.measureId),
          inserts.map((r) => r.departmentId),
          inserts.map((r) => r.role),
          inserts.map((r) => r.mentionedAs),
          inserts.map((r) => r.explicit),
          inserts.map((r) => r.fanOutOf),
          inserts.map((r) => r.source),
        ],
      );
    return { removed, rerolled };
  }

  private assignments(m: EntityManager, measureIds: string[]): Promise<AssignmentRow[]> {
    return m.query(
      `SELECT id, measure_id AS "measureId", department_id AS "departmentId", role, mentioned_as AS "mentionedAs",
              explicit, fan_out_of AS "fanOutOf", source
       FROM assignment WHERE measure_id = ANY($1::uuid[])`,
      [measureIds],
    );
  }

  /** The published plan takes the draft's text and place in its document; the draft goes. */
  private async replaceDraft(m: EntityManager, draft: Plan, published: Plan, revision: number): Promise<void> {
    await this.carryIndicators(m, draft.id, published.id);
    await m.query(`DELETE FROM measure_match WHERE draft_measure_id IN (SELECT id FROM measure WHERE plan_id = $1)`, [
      draft.id,
    ]);
    await m.query('DELETE FROM plan WHERE id = $1', [draft.id]);
    await m.getRepository(Plan).update(
      { id: published.id },
      {
        documentId: draft.documentId,
        ordinal: draft.ordinal,
        title: draft.title,
        documentNumber: draft.documentNumber,
        issuer: draft.issuer,
        periodStart: draft.periodStart,
        periodEnd: draft.periodEnd,
        leadDepartmentId: draft.leadDepartmentId,
        sourceText: draft.sourceText,
        startLine: draft.startLine,
        endLine: draft.endLine,
        outline: draft.outline,
        revision,
      },
    );
  }

  /**
   * Indicators are matched by name (attainment reports refer to them): a kept one takes the draft's
   * figures, a new one is added after the others, one the draft no longer lists is left as it was.
   */
  private async carryIndicators(m: EntityManager, draftId: string, publishedId: string): Promise<void> {
    await m.query(
      `UPDATE indicator p SET unit = d.unit, category = d.category, baseline_year = d.baseline_year,
         baseline_value = d.baseline_value, targets = d.targets, nature = d.nature, source_line = d.source_line
       FROM indicator d WHERE p.plan_id = $1 AND d.plan_id = $2 AND p.name = d.name`,
      [publishedId, draftId],
    );
    await m.query(
      `INSERT INTO indicator (plan_id, ordinal, name, unit, category, baseline_year, baseline_value, targets, nature,
         source_line)
       SELECT $1, (SELECT coalesce(max(ordinal), -1) FROM indicator WHERE plan_id = $1) + row_number() OVER (ORDER BY d.ordinal),
         d.name, d.unit, d.category, d.baseline_year, d.baseline_value, d.targets, d.nature, d.source_line
       FROM indicator d
       WHERE d.plan_id = $2 AND NOT EXISTS (SELECT 1 FROM indicator p WHERE p.plan_id = $1 AND p.name = d.name)`,
      [publishedId, draftId],
    );
  }

  private async cancelTasks(
    m: EntityManager,
    scope: AccessScope,
    planId: string,
    removed: RevisionPair[],
    unassigned: { measureId: string; departmentId: string }[],
    revision: number,
  ): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      // In a WITH: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
      `WITH c AS (UPDATE task t SET status = 'CANCELLED', version = version + 1, updated_at = now()
         WHERE t.plan_id = $1 AND t.${OPEN}
           AND (t.measure_id = ANY($2::uuid[])
             OR (t.measure_id, t.department_id) IN (SELECT * FROM unnest($3::uuid[], $4::uuid[])))
         RETURNING t.id)
       SELECT id FROM c`,
      [
        planId,
        removed.map((p) => p.before!.id),
        unassigned.map((u) => u.measureId),
        unassigned.map((u) => u.departmentId),
      ],
    );
    await this.audit.recordMany(
      m,
      scope.user.id,
      'task.revision_cancel',
      'task',
      rows.map((r) => ({ entityId: r.id, after: { status: 'CANCELLED', reason: REVISION_CANCEL_REASON, revision } })),
    );
    return rows.map((r) => r.id);
  }

  private async reroleTasks(m: EntityManager, scope: AccessScope, rerolled: AssignmentRow[]): Promise<string[]> {
    if (!rerolled.length) return [];
    const rows: { id: string; role: string }[] = await m.query(
      `WITH r AS (UPDATE task t SET role = u.role, version = version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS u(mid, did, role)
         WHERE t.measure_id = u.mid AND t.department_id = u.did AND t.role <> u.role AND t.${OPEN}
         RETURNING t.id, t.role)
       SELECT id, role FROM r`,
      [rerolled.map((r) => r.measureId), rerolled.map((r) => r.departmentId), rerolled.map((r) => r.role)],
    );
    await this.audit.recordMany(
      m,
      scope.user.id,
      'task.revision_role',
      'task',
      rows.map((r) => ({ entityId: r.id, after: { role: r.role } })),
    );
    return rows.map((r) => r.id);
  }

  /** Tasks for every assignment of a current measure that has none yet: new measures and new departments. */
  private async createTasks(
    m: EntityManager,
    planId: string,
  ): Promise<{ id: string; departmentId: string; measureId: string }[]> {
    return m.query(
      `INSERT INTO task (measure_id, plan_id, department_id, role, due_date, original_due_date)
       SELECT a.measure_id, p.id, a.department_id, a.role, d.due, d.due
       FROM assignment a
       JOIN measure m ON m.id = a.measure_id
       JOIN plan p ON p.id = m.plan_id
       CROSS JOIN LATERAL (SELECT COALESCE(m.deadline, make_date(p.period_end, 12, 31)) AS due) d
       WHERE p.id = $1 AND m.removed_in_revision IS NULL
       ON CONFLICT (measure_id, department_id) DO NOTHING
       RETURNING id, department_id AS "departmentId", measure_id AS "measureId"`,
      [planId],
    );
  }

  private async effectiveDueDates(m: EntityManager, planId: string): Promise<Map<string, string>> {
    const rows: { id: string; due: string }[] = await m.query(
      `SELECT m.id, to_char(COALESCE(m.deadline, make_date(p.period_end, 12, 31)), 'YYYY-MM-DD') AS due
       FROM measure m JOIN plan p ON p.id = m.plan_id
       WHERE m.plan_id = $1 AND m.removed_in_revision IS NULL`,
      [planId],
    );
    return new Map(rows.map((r) => [r.id, r.due]));
  }

  /**
   * A measure whose due date the revision changed moves its open tasks there, each as an approved
   * extension would (the escalation ladder restarts for the new date; DUE_DATE_MOVED tells the department).
   */
  private async moveDueDates(
    m: EntityManager,
    scope: AccessScope,
    planId: string,
    oldDue: Map<string, string>,
  ): Promise<string[]> {
    const now = await this.effectiveDueDates(m, planId);
    const changed = [...now].filter(([id, due]) => oldDue.has(id) && oldDue.get(id) !== due);
    if (!changed.length) return [];
    const dueOf = new Map(changed);
    const tasks = await m
      .getRepository(Task)
      .createQueryBuilder('t')
      .where(`t.measure_id = ANY(:ids) AND t.${OPEN}`, { ids: [...dueOf.keys()] })
      .getMany();
    const moved: string[] = [];
    for (const task of tasks) {
      const to = dueOf.get(task.measureId)!;
      if (task.dueDate === to) continue;
      const updated = await this.updates.moveDueDate(m, scope, task, to, 'task.revision_due');
      await this.events.emit(m, {
        kind: 'DUE_DATE_MOVED',
        actorId: scope.user.id,
        taskId: task.id,
        from: task.dueDate,
        to,
        version: updated.version,
      });
      moved.push(task.id);
    }
    return moved;
  }
}
