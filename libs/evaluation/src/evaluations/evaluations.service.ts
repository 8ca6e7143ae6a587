import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, driverCode, isCalendarDate, isUniqueViolation, NotFoundError } from '@app/common';
import { AuditService } from '@app/audit';
import { AccessScopeService, type AccessScope } from '@app/auth';
import { PlansService, PlanStatus, type Plan } from '@app/plans';
import { ScoringRulesService } from '../scorecards/scoring-rules.service.js';
import type { CreateEvaluationInput } from './dtos/create-evaluation.input.js';
import { EvaluationPartsService } from './evaluation-parts.service.js';
import { Evaluation, EvaluationKind, EvaluationStatus } from './evaluation.entity.js';

const KIND_NAME: Record<EvaluationKind, string> = {
  [EvaluationKind.MID_TERM]: '中期评估',
  [EvaluationKind.FINAL]: '终期评估',
};
/** Raised by the database when anything tries to change a published evaluation. */
const FROZEN_SQLSTATE = 'LSF01';

/**
 * 中期评估 / 终期评估: the supervision office evaluates a plan as of a date. The scorecards and the
 * indicator attainment are frozen as rows at once; a draft can be recomputed, a published evaluation
 * never changes (refused here, and by triggers in the database whatever the caller).
 */
@Injectable()
export class EvaluationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PlansService,
    private readonly scopes: AccessScopeService,
    private readonly rules: ScoringRulesService,
    private readonly parts: EvaluationPartsService,
    private readonly audit: AuditService,
  ) {}

  async create(scope: AccessScope, input: CreateEvaluationInput): Promise<Evaluation> {
    const plan = await this.evaluablePlan(scope, input.planId);
    assertDate(input.asOf);
    const title = input.title?.trim() || `${plan.title}${KIND_NAME[input.kind]}（截至 ${input.asOf}）`;
    return this.dataSource.transaction(async (m) => {
      const rules = await this.rules.current(m);
      const repo = m.getRepository(Evaluation);
      const evaluation = await repo.save(
        repo.create({
          planId: plan.id,
          kind: input.kind,
          title,
          asOf: input.asOf,
          status: EvaluationStatus.DRAFT,
          rulesId: rules.id,
          createdBy: scope.user.id,
        }),
      );
      await this.parts.freeze(m, evaluation.id, plan, input.asOf, rules);
      await this.audit.record(m, scope.user.id, 'evaluation.create', 'evaluation', evaluation.id, null, {
        planId: plan.id,
        kind: input.kind,
        asOf: input.asOf,
        rulesId: rules.id,
      });
      return repo.findOneByOrFail({ id: evaluation.id });
    });
  }

  /** Freezes a draft again, as of a new date if given, by the rules now in force. */
  recompute(scope: AccessScope, id: string, asOf?: string | null): Promise<Evaluation> {
    if (asOf) assertDate(asOf);
    return this.write(scope, id, 'evaluation.recompute', async (m, evaluation, plan) => {
      const rules = await this.rules.current(m);
      const date = asOf ?? evaluation.asOf;
      await this.parts.freeze(m, evaluation.id, plan, date, rules);
      await m.query('UPDATE evaluation SET as_of = $2, rules_id = $3, computed_at = now() WHERE id = $1', [
        evaluation.id,
        date,
        rules.id,
      ]);
      return { asOf: date, rulesId: rules.id };
    });
  }

  publish(scope: AccessScope, id: string): Promise<Evaluation> {
    return this.write(scope, id, 'evaluation.publish', async (m, evaluation) => {
      try {
        await m.query(
          `UPDATE evaluation SET status = 'PUBLISHED', published_at = now(), published_by = $2 WHERE id = $1`,
          [evaluation.id, scope.user.id],
        );
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new BadInputError(
          `该规划已有已发布的${KIND_NAME[evaluation.kind]} (a ${evaluation.kind} evaluation of this plan is already published)`,
        );
      }
      return { status: EvaluationStatus.PUBLISHED };
    });
  }

  async list(scope: AccessScope, planId: string): Promise<Evaluation[]> {
    await this.plans.get(scope, planId);
    return this.dataSource.getRepository(Evaluation).find({ where: { planId }, order: { createdAt: 'DESC' } });
  }

  async get(scope: AccessScope, id: string): Promise<Evaluation> {
    const evaluation = await this.dataSource.getRepository(Evaluation).findOneBy({ id });
    if (!evaluation) throw new NotFoundError('Evaluation', id);
    await this.plans.get(scope, evaluation.planId);
    return evaluation;
  }

  /** A change to a draft, under its row lock, with its audit entry; a published one is refused. */
  private write(
    scope: AccessScope,
    id: string,
    action: string,
    change: (m: EntityManager, evaluation: Evaluation, plan: Plan) => Promise<Partial<Evaluation>>,
  ): Promise<Evaluation> {
    return this.dataSource
      .transaction(async (m) => {
        const repo = m.getRepository(Evaluation);
        const evaluation = await repo
          .createQueryBuilder('e')
          .setLock('pessimistic_write')
          .where('e.id = :id', { id })
          .getOne();
        if (!evaluation) throw new NotFoundError('Evaluation', id);
        const plan = await this.evaluablePlan(scope, evaluation.planId);
        if (evaluation.status === EvaluationStatus.PUBLISHED) throw frozen();
        const after = await change(m, evaluation, plan);
        await this.audit.record(m, scope.user.id, action, 'evaluation', id, { status: evaluation.status }, after);
        return repo.findOneByOrFail({ id });
      })
      .catch((error: unknown) => {
        throw driverCode(error) === FROZEN_SQLSTATE ? frozen() : error;
      });
  }

  /** A published plan within the caller's reach; only the supervision office and ADMIN evaluate. */
  private async evaluablePlan(scope: AccessScope, planId: string): Promise<Plan> {
    const plan = await this.plans.get(scope, planId);
    this.scopes.assertCanManageJurisdiction(scope, plan.jurisdictionId);
    if (plan.status === PlanStatus.DRAFT)
      throw new BadInputError('规划尚未发布，无任务可评估 (the plan is not published)');
    return plan;
  }
}

function assertDate(value: string): void {
  if (!isCalendarDate(value)) throw new BadInputError('日期格式应为 YYYY-MM-DD (asOf must be YYYY-MM-DD)');
}

function frozen(): BadInputError {
  return new BadInputError('评估已发布，不能再修改 (a published evaluation never changes)');
}
