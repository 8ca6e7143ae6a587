import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Req, Roles, Scope, type AccessScope } from '@app/auth';
import { CalendarDate } from '@app/common';
import { Department, DepartmentsService } from '@app/departments';
import { Plan, PlansService } from '@app/plans';
import { TaskConnection, TasksService, TaskStatus } from '@app/tasks';
import { VIEWERS } from '../roles.js';
import { OverviewGrouping, TaskOverview, TaskOverviewRow } from './dtos/task-overview.type.js';
import { TaskOverviewService } from './task-overview.service.js';

@Resolver(() => TaskOverviewRow)
export class TaskOverviewResolver {
  constructor(
    private readonly overviews: TaskOverviewService,
    private readonly taskReads: TasksService,
    private readonly departments: DepartmentsService,
    private readonly plans: PlansService,
  ) {}

  @Roles(...VIEWERS)
  @Query(() => TaskOverview, {
    description:
      "总览: the caller's tasks by status and overdue, per department (jurisdiction-wide, or in one plan) or per plan (of one department). Each row's `tasks` lists the tasks behind its numbers.",
  })
  async taskOverview(
    @Scope() scope: AccessScope,
    @Args('groupBy', { type: () => OverviewGrouping, defaultValue: OverviewGrouping.DEPARTMENT })
    groupBy: OverviewGrouping,
    @Args('planId', { type: () => ID, nullable: true }) planId?: string,
    @Args('departmentId', { type: () => ID, nullable: true }) departmentId?: string,
    @Args('asOf', { type: () => CalendarDate, nullable: true, description: 'Today (Asia/Shanghai) when left out.' })
    asOf?: string,
  ): Promise<TaskOverview> {
    return this.overviews.overview(scope, { groupBy, planId, departmentId, asOf });
  }

  @ResolveField(() => Department, { nullable: true })
  department(@Parent() row: TaskOverviewRow, @Req() req: object): Promise<Department | null> | null {
    return row.departmentId ? this.departments.departmentLoader(req).load(row.departmentId) : null;
  }

  @ResolveField(() => Plan, { nullable: true })
  plan(@Parent() row: TaskOverviewRow, @Req() req: object): Promise<Plan | null> | null {
    return row.planId ? this.plans.planLoader(req).load(row.planId) : null;
  }

  @ResolveField(() => TaskConnection, {
    description: "The tasks behind the row's numbers: the `tasks` query, filtered.",
  })
  async tasks(
    @Parent() row: TaskOverviewRow,
    @Scope() scope: AccessScope,
    @Args('status', { type: () => [TaskStatus], nullable: true }) status?: TaskStatus[],
    @Args('overdueOnly', { nullable: true, description: 'Only the open tasks due before asOf.' }) overdueOnly?: boolean,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<TaskConnection> {
    const filter = {
      departmentId: row.departmentId,
      planId: row.planId,
      status: status ?? null,
      overdueAsOf: overdueOnly ? row.asOf : null,
    };
    return this.taskReads.list(scope, filter, first ?? 20, after);
  }
}
