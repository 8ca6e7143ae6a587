import { Args, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Req, Roles, Scope, UserRole, type AccessScope } from '@app/auth';
import { Measure, Plan } from '@app/plans';
import { PlanPublishingService } from './plan-publishing.service.js';
import { Task } from './task.entity.js';
import { TasksService } from './tasks.service.js';

@Resolver(() => Plan)
export class PlanPublishingResolver {
  constructor(
    private readonly publishing: PlanPublishingService,
    private readonly tasks: TasksService,
  ) {}

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Mutation(() => Plan, { description: 'Turns every assignment of every measure into a task. Idempotent.' })
  async publishPlan(@Scope() scope: AccessScope, @Args('planId', { type: () => ID }) planId: string): Promise<Plan> {
    return this.publishing.publish(scope, planId);
  }

  @ResolveField(() => Int)
  taskCount(@Parent() plan: Plan, @Req() req: object): Promise<number> {
    return this.tasks.taskCountLoader(req).load(plan.id);
  }
}

@Resolver(() => Measure)
export class MeasureTasksResolver {
  constructor(private readonly taskReads: TasksService) {}

  @ResolveField(() => [Task])
  async tasks(@Parent() measure: Measure, @Scope() scope: AccessScope, @Req() req: object): Promise<Task[]> {
    return this.taskReads.tasksOfMeasureLoader(req, scope).load(measure.id);
  }
}
