import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Roles, Scope, UserRole, type AccessScope } from '@app/auth';
import { PlanPublicityService } from './plan-publicity.service.js';
import { Plan } from './plan.entity.js';

@Resolver(() => Plan)
export class PlanPublicityResolver {
  constructor(private readonly publicity: PlanPublicityService) {}

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Mutation(() => Plan, { description: 'Makes /public/plans/<id> (and .json) show the plan’s progress without login.' })
  setPlanPublicity(
    @Scope() scope: AccessScope,
    @Args('planId', { type: () => ID }) planId: string,
    @Args('public') makePublic: boolean,
  ): Promise<Plan> {
    return this.publicity.setPublicity(scope, planId, makePublic);
  }
}
