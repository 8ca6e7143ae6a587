import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { shanghaiToday } from '@app/common';
import { Req } from '@app/auth';
import { Department, DepartmentsService } from '@app/departments';
import { Measure, PlansService } from '@app/plans';
import { CLOSED_STATUSES } from './task-status.js';
import { Task } from './task.entity.js';

@Resolver(() => Task)
export class TaskFieldsResolver {
  constructor(
    private readonly plans: PlansService,
    private readonly departments: DepartmentsService,
  ) {}

  @ResolveField(() => Measure)
  async measure(@Parent() task: Task, @Req() req: object): Promise<Measure> {
    return (await this.plans.measureLoader(req).load(task.measureId))!;
  }

  @ResolveField(() => Department)
  async department(@Parent() task: Task, @Req() req: object): Promise<Department> {
    return (await this.departments.departmentLoader(req).load(task.departmentId))!;
  }

  @ResolveField(() => Boolean, { description: 'Due date before today (Asia/Shanghai) and not COMPLETED or CANCELLED.' })
  overdue(@Parent() task: Task): boolean {
    return task.dueDate < shanghaiToday() && !CLOSED_STATUSES.includes(task.status);
  }
}
