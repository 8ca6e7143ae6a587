import { Args, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { selectedFields } from '@app/common';
import { AccessScopeService, CurrentUser, Roles, UserRole, type AuthUser } from '@app/auth';
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
    private readonly scopes: AccessScopeService,
  ) {}

  @Roles(...ALL_ROLES)
  @Query(() => Task, { nullable: true })
  async task(@CurrentUser() caller: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<Task> {
    return this.reads.get(await this.scopes.of(caller), id);
  }

  @Roles(...ALL_ROLES)
  @Query(() => TaskConnection)
  async tasks(
    @CurrentUser() caller: AuthUser,
    @Args('filter', { type: () => TaskFilter, nullable: true }) filter: TaskFilter | undefined,
    @Args('first', { type: () => Int, nullable: true }) first: number | undefined,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TaskConnection> {
    const node = selectedFields(info, ['edges', 'node']);
    return this.reads.list(await this.scopes.of(caller), filter ?? {}, first ?? 20, after, {
      measure: node.has('measure') ? selectedFields(info, ['edges', 'node', 'measure']) : undefined,
      department: node.has('department') ? selectedFields(info, ['edges', 'node', 'department']) : undefined,
    });
  }

  @Roles(UserRole.LIAISON)
  @Query(() => WorkQueue, {
    description: "待办: the liaison's department's open work, returned tasks and pending requests.",
  })
  async workQueue(@CurrentUser() caller: AuthUser, @Info() info: GraphQLResolveInfo): Promise<WorkQueue> {
    const task = selectedFields(info, ['openTasks']);
    return this.queues.workQueue(await this.scopes.of(caller), {
      measure: task.has('measure') ? selectedFields(info, ['openTasks', 'measure']) : undefined,
      department: task.has('department') ? selectedFields(info, ['openTasks', 'department']) : undefined,
    });
  }

  @Roles(...REVIEWERS)
  @Query(() => ReviewQueue, {
    description: '审核队列: completed work and extension requests awaiting the supervision office.',
  })
  async reviewQueue(@CurrentUser() caller: AuthUser): Promise<ReviewQueue> {
    return this.queues.reviewQueue(await this.scopes.of(caller));
  }

  @Roles(...REVIEWERS)
  @Query(() => [AuditEntryView], { description: "A task's audit trail: every change, who made it, before and after." })
  async taskAuditTrail(
    @CurrentUser() caller: AuthUser,
    @Args('taskId', { type: () => ID }) taskId: string,
  ): Promise<AuditEntryView[]> {
    const scope = await this.scopes.of(caller);
    return this.queues.auditTrail(scope, await this.reads.get(scope, taskId));
  }

  @Roles(...WRITERS)
  @Mutation(() => Task)
  async updateTask(@CurrentUser() caller: AuthUser, @Args('input') input: UpdateTaskInput): Promise<Task> {
    return this.updates.update(await this.scopes.of(caller), input);
  }

  @Roles(...REVIEWERS)
  @Mutation(() => Task, { description: 'Accept completed work (COMPLETED) or return it (IN_PROGRESS) with a comment.' })
  async reviewTaskCompletion(
    @CurrentUser() caller: AuthUser,
    @Args('taskId', { type: () => ID }) taskId: string,
    @Args('accept') accept: boolean,
    @Args('comment', { type: () => String, nullable: true }) comment?: string,
  ): Promise<Task> {
    return this.updates.review(await this.scopes.of(caller), taskId, accept, comment);
  }
}

@Resolver(() => TaskConnection)
export class TaskConnectionResolver {
  @ResolveField(() => Int, { description: "Tasks matching the filter within the caller's scope." })
  totalCount(@Parent() connection: TaskConnection): Promise<number> {
    return connection.countTotal();
  }
}
