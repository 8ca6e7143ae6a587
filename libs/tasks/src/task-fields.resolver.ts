import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { shanghaiToday } from '@app/common';
import { AccessScopeService, CurrentUser, Req, type AuthUser } from '@app/auth';
import { Department, DepartmentsService } from '@app/departments';
import { Measure, Plan, PlansService } from '@app/plans';
import { ExtensionRequest } from './extension-request.entity.js';
import { ProgressReport } from './progress-report.entity.js';
import { TaskReview } from './task-review.entity.js';
import { isOpen } from './task-moves.js';
import { Task } from './task.entity.js';
import { TasksService } from './tasks.service.js';

@Resolver(() => Task)
export class TaskFieldsResolver {
  constructor(
    private readonly plans: PlansService,
    private readonly departments: DepartmentsService,
    private readonly tasks: TasksService,
    private readonly scopes: AccessScopeService,
  ) {}

  @ResolveField(() => Measure)
  async measure(@Parent() task: Task, @Req() req: object): Promise<Measure> {
    return (await this.plans.measureLoader(req).load(task.measureId))!;
  }

  @ResolveField(() => Plan)
  async plan(@Parent() task: Task, @Req() req: object): Promise<Plan> {
    return (await this.plans.planLoader(req).load(task.planId))!;
  }

  @ResolveField(() => Department)
  async department(@Parent() task: Task, @Req() req: object): Promise<Department> {
    return (await this.departments.departmentLoader(req).load(task.departmentId))!;
  }

  @ResolveField(() => Boolean, { description: 'Due date before today (Asia/Shanghai) and not COMPLETED or CANCELLED.' })
  overdue(@Parent() task: Task): boolean {
    return task.dueDate < shanghaiToday() && isOpen(task.status);
  }

  @ResolveField(() => [ProgressReport], { description: 'Newest first.' })
  reports(@Parent() task: Task, @Req() req: object): Promise<ProgressReport[]> {
    return this.tasks.reportsOfTaskLoader(req).load(task.id);
  }

  @ResolveField(() => [TaskReview], { description: "The supervision office's acceptances and returns, newest first." })
  reviews(@Parent() task: Task, @Req() req: object): Promise<TaskReview[]> {
    return this.tasks.reviewsOfTaskLoader(req).load(task.id);
  }

  @ResolveField(() => [ExtensionRequest], { description: 'Newest first.' })
  extensionRequests(@Parent() task: Task, @Req() req: object): Promise<ExtensionRequest[]> {
    return this.tasks.extensionsOfTaskLoader(req).load(task.id);
  }

  @ResolveField(() => [Task], {
    description:
      "The other departments' tasks on the same measure (配合单位), so the lead can consolidate their reports.",
  })
  async cooperatingTasks(@Parent() task: Task, @CurrentUser() caller: AuthUser, @Req() req: object): Promise<Task[]> {
    const siblings = await this.tasks.tasksOfMeasureLoader(req, await this.scopes.of(caller)).load(task.measureId);
    return siblings.filter((t) => t.id !== task.id);
  }
}
