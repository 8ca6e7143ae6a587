import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Roles, Scope, type AccessScope } from '@app/auth';
import { CalendarDate, shanghaiToday } from '@app/common';
import { PlansService } from '@app/plans';
import { ALL_ROLES } from '../roles.js';
import { IndicatorAttainment } from './dtos/indicator-attainment.type.js';
import { IndicatorAttainmentService } from './indicator-attainment.service.js';

@Resolver(() => IndicatorAttainment)
export class IndicatorAttainmentResolver {
  constructor(
    private readonly attainments: IndicatorAttainmentService,
    private readonly plans: PlansService,
  ) {}

  @Roles(...ALL_ROLES)
  @Query(() => [IndicatorAttainment], {
    description: "指标完成情况: each indicator of a plan against its target for asOf's year (today when left out).",
  })
  async indicatorAttainment(
    @Scope() scope: AccessScope,
    @Args('planId', { type: () => ID }) planId: string,
    @Args('asOf', { type: () => CalendarDate, nullable: true }) asOf?: string,
  ): Promise<IndicatorAttainment[]> {
    const plan = await this.plans.get(scope, planId);
    return this.attainments.attainment(plan, asOf ?? shanghaiToday());
  }
}
