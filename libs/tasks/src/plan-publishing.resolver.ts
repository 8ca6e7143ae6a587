import { Args, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AccessScopeService, CurrentUser, Req, Roles, UserRole, type AuthUser } from '@app/auth';
import { Measure, Plan } from '@app/plans';
import { PlanPublishingService } from './plan-publishing.service.js';
import { Task } from './task.entity.js';
import { TasksService } from './tasks.service.js';

@Resolver(() => Plan)
export class PlanPublishingResolver {
  constructor(
    private readonly publishing: PlanPublishingService,
    private readonly tasks: TasksService,
    private readonly scopes: AccessScopeService,
  ) {}

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Mutation(() => Plan, { description: 'Turns every assignment of every measure into a task. Idempotent.' })
  async publishPlan(
    @CurrentUser() caller: AuthUser,
    @Args('planId', { type: () => ID }) planId: string,
  ): Promise<Plan> {
    return this.publishing.publish(await this.scopes.of(caller), planId);
  }

  @ResolveField(() => Int)
  taskCount(@Parent() plan: Plan, @Req() req: object): Promise<number> {
    return this.tasks.taskCountLoader(req).load(plan.id);
  }
}

@Resolver(() => Measure)
export class MeasureTasksResolver {
  constructor(
    private readonly taskReads: TasksService,
    private readonly scopes: AccessScopeService,
  ) {}

  @ResolveField(() => [Task])
  async tasks(@Parent() measure: Measure, @CurrentUser() caller: AuthUser, @Req() req: object): Promise<Task[]> {
    return this.taskReads.tasksOfMeasureLoader(req, await this.scopes.of(caller)).load(measure.id);
  }
}
