import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Req, Roles, Scope, UserRole, type AccessScope } from '@app/auth';
import { Plan } from '../plan.entity.js';
import { PlansService } from '../plans.service.js';
import { PlanRevisionDiff } from './dtos/plan-revision-diff.type.js';
import { PlanRevision } from './dtos/plan-revision.type.js';
import { PlanRevisionsService } from './plan-revisions.service.js';

const REVIEWERS = [UserRole.ADMIN, UserRole.SUPERVISOR];

@Resolver(() => Plan)
export class PlanRevisionsResolver {
  constructor(
    private readonly planRevisions: PlanRevisionsService,
    private readonly plans: PlansService,
  ) {}

  @Roles(...REVIEWERS)
  @Query(() => PlanRevisionDiff, {
    description: 'The draft revision of a published plan beside the plan, clause by clause.',
  })
  planRevisionDiff(
    @Scope() scope: AccessScope,
    @Args('draftPlanId', { type: () => ID }) draftPlanId: string,
  ): Promise<PlanRevisionDiff> {
    return this.planRevisions.diff(scope, draftPlanId);
  }

  @Roles(...REVIEWERS)
  @Mutation(() => PlanRevisionDiff, {
    description:
      'Pairs a measure of a draft revision with a measure of the published plan; with publishedMeasureId null, ' +
      'says the draft measure is new. Publishing the revision follows the pairing.',
  })
  setMeasureMatch(
    @Scope() scope: AccessScope,
    @Args('draftMeasureId', { type: () => ID }) draftMeasureId: string,
    @Args('publishedMeasureId', { type: () => ID, nullable: true }) publishedMeasureId?: string | null,
  ): Promise<PlanRevisionDiff> {
    return this.planRevisions.setMatch(scope, draftMeasureId, publishedMeasureId ?? null);
  }

  @Roles(...REVIEWERS)
  @Mutation(() => PlanRevisionDiff, { description: 'Drops the pairing set by hand: the automatic one applies again.' })
  resetMeasureMatch(
    @Scope() scope: AccessScope,
    @Args('draftMeasureId', { type: () => ID }) draftMeasureId: string,
  ): Promise<PlanRevisionDiff> {
    return this.planRevisions.resetMatch(scope, draftMeasureId);
  }

  @ResolveField(() => [PlanRevision], { description: 'Every published version, oldest first, with its text.' })
  revisions(@Parent() plan: Plan, @Req() req: object): Promise<PlanRevision[]> {
    return this.planRevisions.revisionsLoader(req).load(plan.id);
  }

  @ResolveField(() => Plan, { nullable: true, description: 'For a draft revision: the published plan it revises.' })
  revisionOf(@Parent() plan: Plan, @Req() req: object): Promise<Plan | null> | null {
    // Same jurisdiction as the revision itself, so within the scope that reached it.
    return plan.revisionOfId ? this.plans.planLoader(req).load(plan.revisionOfId) : null;
  }
}
