import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { AccessScopeService, CurrentUser, Roles, UserRole, type AuthUser } from '@app/auth';
import { PlanPublicityService } from './plan-publicity.service.js';
import { Plan } from './plan.entity.js';

@Resolver(() => Plan)
export class PlanPublicityResolver {
  constructor(
    private readonly publicity: PlanPublicityService,
    private readonly scopes: AccessScopeService,
  ) {}

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Mutation(() => Plan, { description: 'Makes /public/plans/<id> (and .json) show the plan’s progress without login.' })
  async setPlanPublicity(
    @CurrentUser() caller: AuthUser,
    @Args('planId', { type: () => ID }) planId: string,
    @Args('public') makePublic: boolean,
  ): Promise<Plan> {
    return this.publicity.setPublicity(await this.scopes.of(caller), planId, makePublic);
  }
}
