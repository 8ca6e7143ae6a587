import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, NotFoundError } from '@app/common';
import { AuditService } from '@app/audit';
import { AccessScopeService, type AccessScope } from '@app/auth';
import { Plan, PlanStatus } from '@app/plans';
import { TaskEvents } from './events/task-events.js';
import { PlanRevisionPublisher } from './plan-revision-publisher.js';

/**
 * 发布: every assignment of every measure becomes a task due on the measure's deadline
 * (the plan's last day when it has none). Idempotent: tasks are unique per measure and
 * department, and publishing a published plan changes nothing. A draft revision is published into
 * the plan it revises (PlanRevisionPublisher), which is returned.
 */
@Injectable()
export class PlanPublishingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: AccessScopeService,
    private readonly audit: AuditService,
    private readonly events: TaskEvents,
    private readonly revisions: PlanRevisionPublisher,
  ) {}

  publish(scope: AccessScope, planId: string): Promise<Plan> {
    return this.dataSource.transaction(async (m) => {
      const plan = await m
        .getRepository(Plan)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where('p.id = :planId', { planId })
        .getOne();
      if (!plan) return this.publishedRevision(m, scope, planId);
      this.scopes.assertCanManageJurisdiction(scope, plan.jurisdictionId);
      if (plan.status === PlanStatus.PUBLISHED) return plan;
      if (plan.status === PlanStatus.ARCHIVED) throw new BadInputError('规划已归档，不能发布 (plan is archived)');
      await this.assertPublishable(m, plan);
      if (plan.revisionOfId) return this.publishRevision(m, scope, plan, plan.revisionOfId);
      const created = await this.createTasks(m, plan.id);
      await m.getRepository(Plan).update({ id: plan.id }, { status: PlanStatus.PUBLISHED, publishedAt: new Date() });
      await m.query(
        `INSERT INTO plan_revision (plan_id, revision, document_id, title, source_text, published_by, published_at)
         VALUES ($1, 1, $2, $3, $4, $5, now())`,
        [plan.id, plan.documentId, plan.title, plan.sourceText, scope.user.id],
      );
      await this.audit.record(
        m,
        scope.user.id,
        'plan.publish',
        'plan',
        plan.id,
        { status: plan.status },
        {
          status: PlanStatus.PUBLISHED,
          tasksCreated: created.length,
        },
      );
      await this.audit.recordMany(
        m,
        scope.user.id,
        'task.create',
        'task',
        created.map((t) => ({ entityId: t.id, after: t })),
      );
      // 生成任务并通知各单位: one piece of news per department with its count.
      await this.events.emit(m, {
        kind: 'TASKS_PUBLISHED',
        actorId: scope.user.id,
        planId: plan.id,
        departments: countByDepartment(created),
      });
      return { ...plan, status: PlanStatus.PUBLISHED };
    });
  }

  /** A draft revision published already is gone into its plan: publishing it again answers that plan. */
  private async publishedRevision(m: EntityManager, scope: AccessScope, draftId: string): Promise<Plan> {
    const [row]: { planId: string }[] = await m.query(
      'SELECT plan_id AS "planId" FROM plan_revision WHERE draft_plan_id = $1',
      [draftId],
    );
    const plan = row && (await m.getRepository(Plan).findOneBy({ id: row.planId }));
    if (!plan) throw new NotFoundError('Plan', draftId);
    this.scopes.assertCanManageJurisdiction(scope, plan.jurisdictionId);
    return plan;
  }

  private async publishRevision(m: EntityManager, scope: AccessScope, draft: Plan, publishedId: string): Promise<Plan> {
    const published = await m
      .getRepository(Plan)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :publishedId', { publishedId })
      .getOneOrFail();
    this.scopes.assertCanManageJurisdiction(scope, published.jurisdictionId);
    const outcome = await this.revisions.publish(m, scope, draft, published);
    await this.audit.recordMany(
      m,
      scope.user.id,
      'task.create',
      'task',
      outcome.created.map((t) => ({ entityId: t.id, after: t })),
    );
    if (outcome.created.length)
      await this.events.emit(m, {
        kind: 'TASKS_PUBLISHED',
        actorId: scope.user.id,
        planId: published.id,
        departments: countByDepartment(outcome.created),
      });
    return m.getRepository(Plan).findOneByOrFail({ id: published.id });
  }

  /** Every measure needs an owner and a due date before it can become work. */
  private async assertPublishable(m: EntityManager, plan: Plan): Promise<void> {
    const problems: { code: string; owners: number; deadline: string | null }[] = await m.query(
      `SELECT m.code, count(a.id)::int AS owners, m.deadline
       FROM measure m LEFT JOIN assignment a ON a.measure_id = m.id
       WHERE m.plan_id = $1 GROUP BY m.id
       HAVING count(a.id) = 0 OR (m.deadline IS NULL AND $2::int IS NULL)
       ORDER BY min(m.ordinal)`,
      [plan.id, plan.periodEnd],
    );
    if (!problems.length) return;
    const list = problems.map(
      (p) => `${p.code}${p.owners ? '（无期限 no deadline）' : '（无责任单位 no department）'}`,
    );
    throw new BadInputError(`以下措施不能发布 (measures not ready to publish): ${list.join('；')}`, {
      measures: problems.map((p) => p.code),
    });
  }

  private createTasks(
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
       WHERE p.id = $1
       ON CONFLICT (measure_id, department_id) DO NOTHING
       RETURNING id, department_id AS "departmentId", measure_id AS "measureId"`,
      [planId],
    );
  }
}

function countByDepartment(tasks: { departmentId: string }[]): { departmentId: string; taskCount: number }[] {
  const counts = new Map<string, number>();
  for (const t of tasks) counts.set(t.departmentId, (counts.get(t.departmentId) ?? 0) + 1);
  return [...counts].map(([departmentId, taskCount]) => ({ departmentId, taskCount }));
}
