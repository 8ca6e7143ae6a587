import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ForbiddenError } from '@app/common';
import { CurrentUser, Req, Scope, type AccessScope, type AuthUser } from '@app/auth';
import { Task, WorkQueue } from '@app/tasks';
import { SupervisionNotice } from '../supervision-notice.entity.js';
import { SUPERVISED_COUNT, SupervisedTasksService } from './supervised-tasks.service.js';

/** Task.openNotice: the 督办单 a task is under, beside the task's own fields. */
@Resolver(() => Task)
export class TaskOpenNoticeResolver {
  constructor(private readonly supervised: SupervisedTasksService) {}

  @ResolveField(() => SupervisionNotice, {
    nullable: true,
    description:
      '被督办: the open (not closed) supervision notice the task is under; null when none, or when the caller may not read it.',
  })
  async openNotice(
    @Parent() task: Task,
    @Scope() scope: AccessScope,
    @Req() req: object,
  ): Promise<SupervisionNotice | null> {
    return this.supervised.openNoticeLoader(req, scope).load(task.id);
  }
}

/** WorkQueue.supervisedCount, beside the queue's lists. */
@Resolver(() => WorkQueue)
export class WorkQueueSupervisedResolver {
  constructor(private readonly supervised: SupervisedTasksService) {}

  @ResolveField(() => Int, { description: "被督办: the department's open tasks under an open supervision notice." })
  supervisedCount(@Parent() queue: WorkQueue, @CurrentUser() caller: AuthUser): Promise<number> {
    if (!caller.departmentId) throw new ForbiddenError('待办仅适用于部门联络员 (the work queue is for liaisons)');
    // Counted in the queue's own statement (WorkQueueCounts); a queue read without it is counted here.
    const counted = queue.counts?.[SUPERVISED_COUNT];
    if (typeof counted === 'number') return Promise.resolve(counted);
    return this.supervised.countOfDepartment(caller.departmentId);
  }
}
