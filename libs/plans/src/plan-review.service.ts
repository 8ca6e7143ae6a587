import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '@app/common';
import { AuditService } from '@app/audit';
import { AccessScopeService, type AccessScope } from '@app/auth';
import { Assignment } from './assignment.entity.js';
import { Measure } from './measure.entity.js';
import { Plan } from './plan.entity.js';
import { AssignmentRole, AssignmentSource, PlanStatus } from './plan-enums.js';

/**
 * 审核: a supervisor corrects a draft before publishing — adds, removes or re-roles a
 * department on a measure, or moves its deadline. Published plans are not edited here.
 */
@Injectable()
export class PlanReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: AccessScopeService,
    private readonly audit: AuditService,
  ) {}

  addAssignment(scope: AccessScope, measureId: string, departmentId: string, role: AssignmentRole): Promise<Measure> {
    return this.dataSource.transaction(async (m) => {
      const measure = await this.draftMeasure(m, scope, measureId);
      const department: { id: string; short_name: string; jurisdiction_id: string }[] = await m.query(
        'SELECT id, short_name, jurisdiction_id FROM department WHERE id = $1',
        [departmentId],
      );
      if (!department[0]) throw new NotFoundError('Department', departmentId);
      // A supervision office hands work only to departments of its own jurisdiction and those below it.
      if (!this.scopes.reaches(scope, department[0].jurisdiction_id))
        throw new ForbiddenError('该部门不在您的辖区内 (department outside your jurisdiction)');
      const repo = m.getRepository(Assignment);
      if (await repo.existsBy({ measureId, departmentId }))
        throw new ConflictError('该部门已分配到此措施 (department already assigned; change its role instead)');
      const saved = await repo.save(
        repo.create({
          measureId,
          departmentId,
          role,
          mentionedAs: department[0].short_name,
          explicit: true,
          fanOutOf: null,
          // A reviewer naming a department is an explicit list of one.
          source: AssignmentSource.LIST,
        }),
      );
      await this.audit.record(m, scope.user.id, 'assignment.add', 'assignment', saved.id, null, {
        measureId,
        departmentId,
        role,
      });
      return measure;
    });
  }

  removeAssignment(scope: AccessScope, assignmentId: string): Promise<Measure> {
    return this.dataSource.transaction(async (m) => {
      const assignment = await this.assignment(m, assignmentId);
      const measure = await this.draftMeasure(m, scope, assignment.measureId);
      await m.getRepository(Assignment).delete({ id: assignmentId });
      await this.audit.record(m, scope.user.id, 'assignment.remove', 'assignment', assignmentId, assignment, null);
      return measure;
    });
  }

  changeAssignmentRole(scope: AccessScope, assignmentId: string, role: AssignmentRole): Promise<Measure> {
    return this.dataSource.transaction(async (m) => {
      const assignment = await this.assignment(m, assignmentId);
      const measure = await this.draftMeasure(m, scope, assignment.measureId);
      await m.getRepository(Assignment).update({ id: assignmentId }, { role });
      await this.audit.record(
        m,
        scope.user.id,
        'assignment.role',
        'assignment',
        assignmentId,
        { role: assignment.role },
        { role },
      );
      return measure;
    });
  }

  setDeadline(scope: AccessScope, measureId: string, deadline: string): Promise<Measure> {
    return this.dataSource.transaction(async (m) => {
      const measure = await this.draftMeasure(m, scope, measureId);
      const before = { deadline: measure.deadline, deadlineSource: measure.deadlineSource };
      await m.getRepository(Measure).update({ id: measureId }, { deadline, deadlineSource: 'review' });
      await this.audit.record(m, scope.user.id, 'measure.deadline', 'measure', measureId, before, { deadline });
      return { ...measure, deadline, deadlineSource: 'review' };
    });
  }

  private async assignment(m: EntityManager, id: string): Promise<Assignment> {
    const a = await m.getRepository(Assignment).findOneBy({ id });
    if (!a) throw new NotFoundError('Assignment', id);
    return a;
  }

  /** The measure, locked with its plan, after checking the plan is a draft within the caller's reach. */
  private async draftMeasure(m: EntityManager, scope: AccessScope, measureId: string): Promise<Measure> {
    const measure = await m.getRepository(Measure).findOneBy({ id: measureId });
    if (!measure) throw new NotFoundError('Measure', measureId);
    const plan = await m
      .getRepository(Plan)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :id', { id: measure.planId })
      .getOneOrFail();
    this.scopes.assertCanManageJurisdiction(scope, plan.jurisdictionId);
    if (plan.status !== PlanStatus.DRAFT)
      throw new BadInputError('规划已发布，不能再修改分工 (plan is published; review edits apply to drafts only)');
    return measure;
  }
}
