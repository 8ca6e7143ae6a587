import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { shanghaiToday } from '@app/common';
import { Req, Scope, type AccessScope } from '@app/auth';
import { Department, DepartmentsService } from '@app/departments';
import { Indicator, Measure, Plan, PlansService } from '@app/plans';
import { ExtensionRequest } from './extension-request.entity.js';
import { ProgressReport } from './progress-report.entity.js';
import { TaskIndicators } from './task-indicators.js';
import { TaskReview } from './task-review.entity.js';
import { isOpen } from './task-moves.js';
import { Task } from './task.entity.js';
import { TasksService } from './tasks.service.js';

interface GraphqlContext {
  req: object;
}

/** A task's measure, plan and department exist (foreign keys): a loader never misses them. */
function found<T>(entity: T | null): T {
  return entity!;
}

@Resolver(() => Task)
export class TaskFieldsResolver {
  constructor(
    private readonly plans: PlansService,
    private readonly departments: DepartmentsService,
    private readonly tasks: TasksService,
    private readonly indicators: TaskIndicators,
  ) {}

  // measure, plan and department take graphql's own (parent, args, context) instead of @Parent/@Req:
  // without parameter decorators Nest binds the method as the field's resolver, skipping its
  // per-call context machinery, and a prefetched value goes back without a promise. A page of 50
  // tasks resolves these 100–150 times (npm run bench:api).

  @ResolveField(() => Measure)
  measure(task: Task, _args: unknown, context: GraphqlContext): Measure | Promise<Measure> {
    return task.prefetched?.measure ?? this.plans.measureLoader(context.req).load(task.measureId).then(found);
  }

  @ResolveField(() => Plan)
  plan(task: Task, _args: unknown, context: GraphqlContext): Promise<Plan> {
    return this.plans.planLoader(context.req).load(task.planId).then(found);
  }

  @ResolveField(() => Department)
  department(task: Task, _args: unknown, context: GraphqlContext): Department | Promise<Department> {
    return (
      task.prefetched?.department ?? this.departments.departmentLoader(context.req).load(task.departmentId).then(found)
    );
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
  async cooperatingTasks(@Parent() task: Task, @Scope() scope: AccessScope, @Req() req: object): Promise<Task[]> {
    const siblings = await this.tasks.tasksOfMeasureLoader(req, scope).load(task.measureId);
    return siblings.filter((t) => t.id !== task.id);
  }

  @ResolveField(() => [Indicator], {
    description:
      "指标 whose values this task reports (indicatorValues): its plan's indicators when its department is the plan's lead (or, where the plan's lead has no task in it, when the task is a LEAD task); empty otherwise.",
  })
  reportableIndicators(@Parent() task: Task, @Req() req: object): Promise<Indicator[]> {
    return this.indicators.loader(req).load(task.id);
  }
}
