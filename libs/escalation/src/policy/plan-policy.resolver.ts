import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles, Scope, UserRole, type AccessScope } from '@app/auth';
import type { EscalationPolicy } from '../ladder/escalation-policy.js';
import { EscalationPolicyInput, EscalationPolicyView } from './dtos/escalation-policy.type.js';
import { PlanPolicyService } from './plan-policy.service.js';

@Resolver(() => EscalationPolicyView)
export class PlanPolicyResolver {
  constructor(private readonly policies: PlanPolicyService) {}

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR, UserRole.LEADER)
  @Query(() => EscalationPolicyView, { description: "A plan's escalation ladder and reporting cadence." })
  async planEscalationPolicy(
    @Scope() scope: AccessScope,
    @Args('planId', { type: () => ID }) planId: string,
  ): Promise<EscalationPolicy> {
    return this.policies.get(scope, planId);
  }

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Mutation(() => EscalationPolicyView, {
    description: "Sets a plan's own escalation policy; null returns it to the default.",
  })
  async setPlanEscalationPolicy(
    @Scope() scope: AccessScope,
    @Args('planId', { type: () => ID }) planId: string,
    @Args('policy', { type: () => EscalationPolicyInput, nullable: true }) policy?: EscalationPolicyInput | null,
  ): Promise<EscalationPolicy> {
    return this.policies.set(scope, planId, policy ?? null);
  }
}
