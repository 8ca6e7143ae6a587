import { Field, ObjectType } from '@nestjs/graphql';
import { ExtensionRequest } from '../extension-request.entity.js';
import { Task } from '../task.entity.js';

/** 待办: what a liaison's department has to do next. */
@ObjectType()
export class WorkQueue {
  @Field(() => [Task], { description: 'Open tasks of the department, soonest due first.' })
  openTasks!: Task[];

  @Field(() => [Task], { description: 'Tasks the supervision office returned; the latest review says why.' })
  returnedTasks!: Task[];

  @Field(() => [ExtensionRequest], { description: "The department's extension requests awaiting a decision." })
  pendingExtensions!: ExtensionRequest[];

  /** What libs above tasks count beside the queue (WorkQueueCounts), read in its statement; no field. */
  counts!: Record<string, number>;
}

/** 审核队列: what waits for the supervision office's decision. */
@ObjectType()
export class ReviewQueue {
  @Field(() => [Task], { description: 'Completed work awaiting acceptance, oldest first.' })
  pendingReviews!: Task[];

  @Field(() => [ExtensionRequest], { description: 'Extension requests awaiting a decision, oldest first.' })
  pendingExtensions!: ExtensionRequest[];
}
