import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Req, Scope, type AccessScope } from '@app/auth';
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
  supervisedCount(@Parent() queue: WorkQueue): number {
    // Counted in the queue's own statement (WorkQueueCounts, registered by SupervisedTasksService).
    return queue.counts[SUPERVISED_COUNT]!;
  }
}
