import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Req, Roles, Scope, type AccessScope } from '@app/auth';
import { CalendarDate } from '@app/common';
import { Plan, PlansService } from '@app/plans';
import { IndicatorAttainment } from '../indicators/dtos/indicator-attainment.type.js';
import { EVALUATORS, VIEWERS } from '../roles.js';
import { DepartmentScorecard } from '../scorecards/dtos/department-scorecard.type.js';
import { ScoringRules } from '../scorecards/dtos/scoring-rules.type.js';
import { ScoringRulesService } from '../scorecards/scoring-rules.service.js';
import { CreateEvaluationInput } from './dtos/create-evaluation.input.js';
import { EvaluationPartsService } from './evaluation-parts.service.js';
import { Evaluation } from './evaluation.entity.js';
import { EvaluationsService } from './evaluations.service.js';

@Resolver(() => Evaluation)
export class EvaluationsResolver {
  constructor(
    private readonly service: EvaluationsService,
    private readonly parts: EvaluationPartsService,
    private readonly scoringRules: ScoringRulesService,
    private readonly plans: PlansService,
  ) {}

  @Roles(...VIEWERS)
  @Query(() => [Evaluation], { description: 'Evaluations of a plan, newest first.' })
  async evaluations(
    @Scope() scope: AccessScope,
    @Args('planId', { type: () => ID }) planId: string,
  ): Promise<Evaluation[]> {
    return this.service.list(scope, planId);
  }

  @Roles(...VIEWERS)
  @Query(() => Evaluation, { nullable: true })
  async evaluation(@Scope() scope: AccessScope, @Args('id', { type: () => ID }) id: string): Promise<Evaluation> {
    return this.service.get(scope, id);
  }

  @Roles(...EVALUATORS)
  @Mutation(() => Evaluation, {
    description: '中期评估 / 终期评估: freezes the scorecards and indicator attainment as of a date.',
  })
  async createEvaluation(
    @Scope() scope: AccessScope,
    @Args('input') input: CreateEvaluationInput,
  ): Promise<Evaluation> {
    return this.service.create(scope, input);
  }

  @Roles(...EVALUATORS)
  @Mutation(() => Evaluation, {
    description: 'Freezes a draft again (as of a new date if given). Published: BAD_USER_INPUT.',
  })
  async recomputeEvaluation(
    @Scope() scope: AccessScope,
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { type: () => CalendarDate, nullable: true }) asOf?: string,
  ): Promise<Evaluation> {
    return this.service.recompute(scope, id, asOf);
  }

  @Roles(...EVALUATORS)
  @Mutation(() => Evaluation, { description: 'Publishes a draft; from then on it never changes.' })
  async publishEvaluation(
    @Scope() scope: AccessScope,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Evaluation> {
    return this.service.publish(scope, id);
  }

  @ResolveField(() => Plan)
  async plan(@Parent() evaluation: Evaluation, @Req() req: object): Promise<Plan> {
    return (await this.plans.planLoader(req).load(evaluation.planId))!;
  }

  @ResolveField(() => [DepartmentScorecard], { description: 'The frozen league table, best first.' })
  scorecards(@Parent() evaluation: Evaluation, @Req() req: object): Promise<DepartmentScorecard[]> {
    return this.parts.scorecardsLoader(req).load(evaluation.id);
  }

  @ResolveField(() => [IndicatorAttainment], { description: 'The frozen indicator attainment.' })
  indicators(@Parent() evaluation: Evaluation, @Req() req: object): Promise<IndicatorAttainment[]> {
    return this.parts.indicatorsLoader(req).load(evaluation.id);
  }

  @ResolveField(() => ScoringRules, { description: 'The rules it was scored by.' })
  async rules(@Parent() evaluation: Evaluation, @Req() req: object): Promise<ScoringRules> {
    return (await this.scoringRules.loader(req).load(evaluation.rulesId))!;
  }
}
