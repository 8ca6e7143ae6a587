import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { DepartmentMergeParticipants, type DepartmentMergeParticipant, type MergeFigures } from '@app/departments';

/** Assignments of plans still in review: published plans' assignments are the record tasks were made from. */
const OF_DRAFTS = `measure_id IN (SELECT me.id FROM measure me JOIN plan p ON p.id = me.plan_id WHERE p.status = 'DRAFT')`;
/** 牵头 before 责任单位 before 配合. */
const rank = (role: string) => `CASE ${role} WHEN 'LEAD' THEN 0 WHEN 'RESPONSIBLE' THEN 1 ELSE 2 END`;

/**
 * Draft-plan assignments in a department merge (机构改革): they move to the department that remains,
 * as does a draft plan's lead department, so that publishing makes the tasks for it.
 *
 * Where `into` already has an assignment on the same measure (one per measure and department), `into`'s
 * is kept and `from`'s dropped: both now name the same department, and `into`'s keeps the words that
 * named it. When `from`'s role was the stronger (牵头), `into`'s takes it, so the measure keeps its lead.
 */
@Injectable()
export class AssignmentMergeParticipant implements DepartmentMergeParticipant, OnModuleInit {
  readonly name = 'assignments';

  constructor(
    private readonly participants: DepartmentMergeParticipants,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async preview(m: EntityManager, fromId: string, intoId: string): Promise<MergeFigures> {
    const [row]: { moved: number; dropped: number }[] = await m.query(
      `SELECT count(*) FILTER (WHERE i.id IS NULL)::int AS moved, count(*) FILTER (WHERE i.id IS NOT NULL)::int AS dropped
       FROM assignment f LEFT JOIN assignment i ON i.department_id = $2 AND i.measure_id = f.measure_id
       WHERE f.department_id = $1 AND f.${OF_DRAFTS}`,
      [fromId, intoId],
    );
    return { assignmentsMoved: row!.moved, assignmentsDropped: row!.dropped };
  }

  async apply(m: EntityManager, fromId: string, intoId: string, actorId: string | null): Promise<MergeFigures> {
    await m.query(
      `UPDATE assignment i SET role = f.role FROM assignment f
       WHERE f.department_id = $1 AND i.department_id = $2 AND f.measure_id = i.measure_id
         AND f.${OF_DRAFTS} AND ${rank('f.role')} < ${rank('i.role')}`,
      [fromId, intoId],
    );
    const dropped: { id: string }[] = await m.query(
      `WITH d AS (DELETE FROM assignment f WHERE f.department_id = $1 AND f.${OF_DRAFTS}
           AND EXISTS (SELECT 1 FROM assignment i WHERE i.department_id = $2 AND i.measure_id = f.measure_id)
         RETURNING f.id)
       SELECT id FROM d`,
      [fromId, intoId],
    );
    const moved: { id: string }[] = await m.query(
      `WITH moved AS (UPDATE assignment SET department_id = $2 WHERE department_id = $1 AND ${OF_DRAFTS} RETURNING id)
       SELECT id FROM moved`,
      [fromId, intoId],
    );
    await m.query(`UPDATE plan SET lead_department_id = $2 WHERE lead_department_id = $1 AND status = 'DRAFT'`, [
      fromId,
      intoId,
    ]);
    const entry = (change: object) => (a: { id: string }) => ({ entityId: a.id, after: change });
    await this.audit.recordMany(
      m,
      actorId,
      'assignment.merge_drop',
      'assignment',
      dropped.map(entry({ keptOn: intoId })),
    );
    await this.audit.recordMany(
      m,
      actorId,
      'assignment.merge_move',
      'assignment',
      moved.map(entry({ departmentId: intoId })),
    );
    return { assignmentsMoved: moved.length, assignmentsDropped: dropped.length };
  }
}
