import { Int, ResolveField, Resolver } from '@nestjs/graphql';
import { Task } from '@app/tasks';
import { TaskEscalationLevels } from './task-escalation-levels.service.js';

interface GraphqlContext {
  req: object;
}

/** Task.escalationLevel, beside the task's own fields (the task was scoped where it was reached). */
@Resolver(() => Task)
export class TaskEscalationLevelResolver {
  constructor(private readonly levels: TaskEscalationLevels) {}

  // graphql's own (parent, args, context), as Task.measure: a page resolves it once per task.
  @ResolveField(() => Int, { description: 'Highest escalation level reached for the current due date; 0 = none.' })
  escalationLevel(task: Task, _args: unknown, context: GraphqlContext): Promise<number> {
    return this.levels.levelLoader(context.req).load(task.id);
  }
}
