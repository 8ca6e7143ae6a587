import { Args, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { selectedFields } from '@app/common';
import { Roles, Scope, UserRole, type AccessScope } from '@app/auth';
import { AuditEntryView } from './dtos/audit-entry.type.js';
import { TaskConnection } from './dtos/task-connection.type.js';
import { TaskFilter } from './dtos/task-filter.input.js';
import { UpdateTaskInput } from './dtos/update-task.input.js';
import { ReviewQueue, WorkQueue } from './dtos/work-queues.type.js';
import { TaskUpdatesService } from './task-updates.service.js';
import { Task } from './task.entity.js';
import { TasksService } from './tasks.service.js';
import { WorkQueuesService } from './work-queues.service.js';

const ALL_ROLES = Object.values(UserRole);
const WRITERS = [UserRole.ADMIN, UserRole.SUPERVISOR, UserRole.LIAISON];
const REVIEWERS = [UserRole.ADMIN, UserRole.SUPERVISOR];

@Resolver(() => Task)
export class TasksResolver {
  constructor(
    private readonly reads: TasksService,
    private readonly updates: TaskUpdatesService,
    private readonly queues: WorkQueuesService,
  ) {}

  @Roles(...ALL_ROLES)
  @Query(() => Task, { nullable: true })
  async task(@Scope() scope: AccessScope, @Args('id', { type: () => ID }) id: string): Promise<Task> {
    return this.reads.get(scope, id);
  }

  @Roles(...ALL_ROLES)
  @Query(() => TaskConnection)
  async tasks(
    @Scope() scope: AccessScope,
    @Args('filter', { type: () => TaskFilter, nullable: true }) filter: TaskFilter | undefined,
    @Args('first', { type: () => Int, nullable: true }) first: number | undefined,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TaskConnection> {
    const node = selectedFields(info, ['edges', 'node']);
    return this.reads.list(scope, filter ?? {}, first ?? 20, after, {
      task: node,
      measure: node.has('measure') ? selectedFields(info, ['edges', 'node', 'measure']) : undefined,
      department: node.has('department') ? selectedFields(info, ['edges', 'node', 'department']) : undefined,
    });
  }

  @Roles(UserRole.LIAISON)
  @Query(() => WorkQueue, {
    description: "待办: the liaison's department's open work, returned tasks and pending requests.",
  })
  workQueue(@Scope() scope: AccessScope, @Info() info: GraphQLResolveInfo): Promise<WorkQueue> {
    const task = selectedFields(info, ['openTasks']);
    return this.queues.workQueue(scope, {
      task,
      measure: task.has('measure') ? selectedFields(info, ['openTasks', 'measure']) : undefined,
      department: task.has('department') ? selectedFields(info, ['openTasks', 'department']) : undefined,
    });
  }

  @Roles(...REVIEWERS)
  @Query(() => ReviewQueue, {
    description: '审核队列: completed work and extension requests awaiting the supervision office.',
  })
  async reviewQueue(@Scope() scope: AccessScope): Promise<ReviewQueue> {
    return this.queues.reviewQueue(scope);
  }

  @Roles(...REVIEWERS)
  @Query(() => [AuditEntryView], { description: "A task's audit trail: every change, who made it, before and after." })
  async taskAuditTrail(
    @Scope() scope: AccessScope,
    @Args('taskId', { type: () => ID }) taskId: string,
  ): Promise<AuditEntryView[]> {
    return this.queues.auditTrail(scope, await this.reads.get(scope, taskId));
  }

  @Roles(...WRITERS)
  @Mutation(() => Task)
  async updateTask(@Scope() scope: AccessScope, @Args('input') input: UpdateTaskInput): Promise<Task> {
    return this.updates.update(scope, input);
  }

  @Roles(...REVIEWERS)
  @Mutation(() => Task, { description: 'Accept completed work (COMPLETED) or return it (IN_PROGRESS) with a comment.' })
  async reviewTaskCompletion(
    @Scope() scope: AccessScope,
    @Args('taskId', { type: () => ID }) taskId: string,
    @Args('accept') accept: boolean,
    @Args('comment', { type: () => String, nullable: true }) comment?: string,
  ): Promise<Task> {
    return this.updates.review(scope, taskId, accept, comment);
  }
}

@Resolver(() => TaskConnection)
export class TaskConnectionResolver {
  @ResolveField(() => Int, { description: "Tasks matching the filter within the caller's scope." })
  totalCount(@Parent() connection: TaskConnection): Promise<number> {
    return connection.countTotal();
  }
}
