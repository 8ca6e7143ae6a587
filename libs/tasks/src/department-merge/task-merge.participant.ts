import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { DepartmentMergeParticipants, type DepartmentMergeParticipant, type MergeFigures } from '@app/departments';

const OPEN = `status NOT IN ('COMPLETED','CANCELLED')`;
/** 牵头 before 责任单位 before 配合. */
const rank = (role: string) => `CASE ${role} WHEN 'LEAD' THEN 0 WHEN 'RESPONSIBLE' THEN 1 ELSE 2 END`;

/**
 * Tasks in a department merge (机构改革). Open tasks move to the department that remains; completed
 * and cancelled ones keep the department that did them, so past scorecards stay true.
 *
 * Where `into` already has a task on the same measure (one task per measure and department), `into`'s
 * task is kept and `from`'s open one is cancelled, staying with `from`: `into`'s task carries its own
 * reports, reviews and escalation history, which a move would tangle, while the cancelled task keeps
 * `from`'s reports for the record. When `from`'s role was the stronger (牵头), `into`'s open task takes
 * it, so the measure does not lose its lead. The cancelled tasks count among tasksKept.
 *
 * The roll-up triggers on task group old and new rows by department, so the counts follow the move.
 */
@Injectable()
export class TaskMergeParticipant implements DepartmentMergeParticipant, OnModuleInit {
  readonly name = 'tasks';

  constructor(
    private readonly participants: DepartmentMergeParticipants,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async preview(m: EntityManager, fromId: string, intoId: string): Promise<MergeFigures> {
    const [row]: { moved: number; cancelled: number; closed: number }[] = await m.query(
      `SELECT count(*) FILTER (WHERE f.open AND i.id IS NULL)::int AS moved,
              count(*) FILTER (WHERE f.open AND i.id IS NOT NULL)::int AS cancelled,
              count(*) FILTER (WHERE NOT f.open)::int AS closed
       FROM (SELECT measure_id, ${OPEN} AS open FROM task WHERE department_id = $1) f
       LEFT JOIN task i ON i.department_id = $2 AND i.measure_id = f.measure_id`,
      [fromId, intoId],
    );
    return {
      tasksMoved: row!.moved,
      tasksCancelled: row!.cancelled,
      tasksKept: row!.closed + row!.cancelled,
    };
  }

  async apply(m: EntityManager, fromId: string, intoId: string, actorId: string | null): Promise<MergeFigures> {
    await m.query(
      `UPDATE task i SET role = f.role, version = i.version + 1, updated_at = now()
       FROM task f
       WHERE f.department_id = $1 AND i.department_id = $2 AND f.measure_id = i.measure_id
         AND f.${OPEN} AND i.${OPEN} AND ${rank('f.role')} < ${rank('i.role')}`,
      [fromId, intoId],
    );
    const cancelled: { id: string }[] = await m.query(
      `WITH c AS (UPDATE task f SET status = 'CANCELLED', version = version + 1, updated_at = now()
         WHERE f.department_id = $1 AND f.${OPEN}
           AND EXISTS (SELECT 1 FROM task i WHERE i.department_id = $2 AND i.measure_id = f.measure_id)
         RETURNING f.id)
       SELECT id FROM c`,
      [fromId, intoId],
    );
    const moved: { id: string }[] = await m.query(
      `WITH moved AS (UPDATE task SET department_id = $2, version = version + 1, updated_at = now()
         WHERE department_id = $1 AND ${OPEN} RETURNING id)
       SELECT id FROM moved`,
      [fromId, intoId],
    );
    const [closed]: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM task WHERE department_id = $1`, [
      fromId,
    ]);
    const after = (change: object) => (t: { id: string }) => ({ entityId: t.id, after: change });
    await this.audit.recordMany(
      m,
      actorId,
      'task.merge_cancel',
      'task',
      cancelled.map(after({ status: 'CANCELLED', mergedInto: intoId })),
    );
    await this.audit.recordMany(
      m,
      actorId,
      'task.merge_move',
      'task',
      moved.map(after({ departmentId: intoId, mergedFrom: fromId })),
    );
    return { tasksMoved: moved.length, tasksCancelled: cancelled.length, tasksKept: closed!.n };
  }
}
