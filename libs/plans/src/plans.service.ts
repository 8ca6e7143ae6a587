import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, IsNull, type DataSource } from 'typeorm';
import { byKeys, ForbiddenError, groupByKeys, NotFoundError, RequestLoaders } from '@app/common';
import type { AccessScope } from '@app/auth';
import { Assignment } from './assignment.entity.js';
import { DepartmentPlanWork } from './department-plan-work.js';
import { Indicator } from './indicator.entity.js';
import { Measure } from './measure.entity.js';
import { Plan } from './plan.entity.js';
import type { PlanStatus } from './plan-enums.js';

/** Reads of plans within the caller's scope, and the loaders of their relations. */
@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loaders: RequestLoaders,
    private readonly departmentWork: DepartmentPlanWork,
  ) {}

  /** A liaison sees the plans its department has tasks in; others the plans of their jurisdictions. */
  async list(scope: AccessScope, status?: PlanStatus | null): Promise<Plan[]> {
    const qb = this.dataSource
      .getRepository(Plan)
      .createQueryBuilder('p')
      .orderBy('p.created_at')
      .addOrderBy('p.ordinal');
    if (status) qb.andWhere('p.status = :status', { status });
    if (scope.departmentId) {
      qb.andWhere(this.departmentWork.registered.condition, { dep: scope.departmentId });
    } else if (scope.jurisdictionIds) {
      qb.andWhere('p.jurisdiction_id = ANY(:jids)', { jids: scope.jurisdictionIds });
    }
    return qb.getMany();
  }

  async get(scope: AccessScope, id: string): Promise<Plan> {
    const plan = await this.dataSource.getRepository(Plan).findOneBy({ id });
    if (!plan) throw new NotFoundError('Plan', id);
    if (!(await this.canRead(scope, plan))) throw new ForbiddenError();
    return plan;
  }

  async canRead(scope: AccessScope, plan: Plan): Promise<boolean> {
    if (scope.departmentId) return this.departmentWork.registered.hasWork(plan.id, scope.departmentId);
    return scope.jurisdictionIds === null || scope.jurisdictionIds.includes(plan.jurisdictionId);
  }

  planLoader(request: object) {
    return this.loaders.get<string, Plan | null>(request, 'plan', async (ids) =>
      byKeys(ids, await this.dataSource.getRepository(Plan).findBy({ id: In([...ids]) }), (p) => p.id),
    );
  }

  measureLoader(request: object) {
    return this.loaders.get<string, Measure | null>(request, 'measure', async (ids) =>
      byKeys(ids, await this.dataSource.getRepository(Measure).findBy({ id: In([...ids]) }), (m) => m.id),
    );
  }

  /** The plan's current measures: one a revision dropped is reached through its tasks only. */
  measuresOfPlanLoader(request: object) {
    return this.loaders.get<string, Measure[]>(request, 'plan.measures', async (planIds) => {
      const rows = await this.dataSource
        .getRepository(Measure)
        .find({ where: { planId: In([...planIds]), removedInRevision: IsNull() }, order: { ordinal: 'ASC' } });
      return groupByKeys(planIds, rows, (m) => m.planId);
    });
  }

  indicatorsOfPlanLoader(request: object) {
    return this.loaders.get<string, Indicator[]>(request, 'plan.indicators', async (planIds) => {
      const rows = await this.dataSource
        .getRepository(Indicator)
        .find({ where: { planId: In([...planIds]) }, order: { ordinal: 'ASC' } });
      return groupByKeys(planIds, rows, (i) => i.planId);
    });
  }

  assignmentsOfMeasureLoader(request: object) {
    return this.loaders.get<string, Assignment[]>(request, 'measure.assignments', async (measureIds) => {
      const rows: Assignment[] = await this.dataSource
        .getRepository(Assignment)
        .createQueryBuilder('a')
        .where('a.measure_id = ANY(:ids)', { ids: [...measureIds] })
        // LEAD first, then COOPERATING, then RESPONSIBLE; explicit before inferred.
        .orderBy(`CASE a.role WHEN 'LEAD' THEN 0 WHEN 'COOPERATING' THEN 1 ELSE 2 END`)
        .addOrderBy('a.explicit', 'DESC')
        .addOrderBy('a.mentioned_as')
        .getMany();
      return groupByKeys(measureIds, rows, (a) => a.measureId);
    });
  }

  warningsOfPlan(planId: string): Promise<{ line: number; message: string; excerpt: string }[]> {
    return this.dataSource.query(
      `SELECT (w->>'line')::int AS line, w->>'message' AS message, w->>'excerpt' AS excerpt
       FROM plan p JOIN plan_document d ON d.id = p.document_id, jsonb_array_elements(d.warnings) w
       WHERE p.id = $1 AND (w->>'line')::int BETWEEN p.start_line AND p.end_line
       ORDER BY 1`,
      [planId],
    );
  }
}
