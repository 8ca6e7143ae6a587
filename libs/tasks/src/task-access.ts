import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ForbiddenError } from '@app/common';
import { UserRole, type AccessScope } from '@app/auth';
import { SqlWhere } from '@app/database';
import type { Task } from './task.entity.js';

/**
 * Task scope, decided once for reads and writes:
 * - ADMIN: every task;
 * - SUPERVISOR, LEADER: tasks of plans in their jurisdiction or below (LEADER only reads);
 * - LIAISON: writes its department's tasks; reads those and the other tasks of the same
 *   measures, so a lead department sees its cooperating departments' work (配合单位).
 */
@Injectable()
export class TaskAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Narrows a query over `task` (aliased `alias`) to what the caller may read. */
  restrict<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, scope: AccessScope, alias = 't'): SelectQueryBuilder<T> {
    const readable = this.readableWhere(scope, alias);
    return readable.empty ? qb : qb.andWhere(readable.sql, readable.params);
  }

  /** What the caller may read of `task` (aliased `alias`); no condition for an ADMIN. */
  readableWhere(scope: AccessScope, alias = 't'): SqlWhere {
    const where = new SqlWhere();
    if (scope.user.role === UserRole.ADMIN) return where;
    if (scope.user.role === UserRole.LIAISON) {
      // Its own parentheses as well as SqlWhere's: the task page's prepared statements keep their text (and names).
      return where.and(
        `(${alias}.department_id = :scopeDep OR ${alias}.measure_id IN (SELECT own.measure_id FROM task own WHERE own.department_id = :scopeDep))`,
        { scopeDep: scope.departmentId },
      );
    }
    return where.and(`${alias}.plan_id IN (SELECT sp.id FROM plan sp WHERE sp.jurisdiction_id = ANY(:scopeJids))`, {
      scopeJids: scope.jurisdictionIds ?? [],
    });
  }

  async assertReadable(scope: AccessScope, task: Task, m: EntityManager = this.dataSource.manager): Promise<void> {
    if (scope.user.role === UserRole.ADMIN) return;
    if (scope.user.role === UserRole.LIAISON) {
      if (task.departmentId === scope.departmentId) return;
      const sibling: unknown[] = await m.query(
        'SELECT 1 FROM task WHERE measure_id = $1 AND department_id = $2 LIMIT 1',
        [task.measureId, scope.departmentId],
      );
      if (sibling.length) return;
      throw new ForbiddenError("只能查看本部门的任务 (not your department's task)");
    }
    await this.assertPlanInReach(scope, task, m);
  }

  /** `planJurisdictionId`, when the caller read it with the task, saves looking it up. */
  async assertWritable(
    scope: AccessScope,
    task: Task,
    m: EntityManager = this.dataSource.manager,
    planJurisdictionId?: string,
  ): Promise<void> {
    if (scope.user.role === UserRole.ADMIN) return;
    if (scope.user.role === UserRole.LIAISON) {
      if (task.departmentId === scope.departmentId) return;
      throw new ForbiddenError("只能处理本部门的任务 (not your department's task)");
    }
    if (scope.user.role === UserRole.LEADER) throw new ForbiddenError('领导账号只读 (leaders read only)');
    await this.assertPlanInReach(scope, task, m, planJurisdictionId);
  }

  assertReviewer(scope: AccessScope): void {
    if (scope.user.role !== UserRole.ADMIN && scope.user.role !== UserRole.SUPERVISOR)
      throw new ForbiddenError('仅督查室可以审核 (supervision office only)');
  }

  private async assertPlanInReach(
    scope: AccessScope,
    task: Task,
    m: EntityManager,
    planJurisdictionId?: string,
  ): Promise<void> {
    const jurisdictionId = planJurisdictionId ?? (await this.planJurisdictionOf(task, m));
    if (jurisdictionId && (scope.jurisdictionIds ?? []).includes(jurisdictionId)) return;
    throw new ForbiddenError('该任务不在您的辖区内 (task outside your jurisdiction)');
  }

  private async planJurisdictionOf(task: Task, m: EntityManager): Promise<string | undefined> {
    const rows: { jurisdiction_id: string }[] = await m.query('SELECT jurisdiction_id FROM plan WHERE id = $1', [
      task.planId,
    ]);
    return rows[0]?.jurisdiction_id;
  }
}
