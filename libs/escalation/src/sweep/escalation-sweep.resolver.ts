import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CalendarDate } from '@app/common';
import { AccessScopeService, CurrentUser, Req, Roles, UserRole, type AuthUser } from '@app/auth';
import { Task, TasksService } from '@app/tasks';
import { EscalationSweepResult } from './dtos/escalation-sweep-result.type.js';
import { EscalationEvent } from './escalation-event.entity.js';
import { EscalationEventsService } from './escalation-events.service.js';

@Resolver(() => EscalationEvent)
export class EscalationSweepResolver {
  constructor(
    private readonly events: EscalationEventsService,
    private readonly tasks: TasksService,
    private readonly scopes: AccessScopeService,
  ) {}

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Mutation(() => EscalationSweepResult, {
    description: 'Raises every escalation due as of that date. Idempotent per (task, level, due date).',
  })
  async runEscalationSweep(
    @CurrentUser() caller: AuthUser,
    @Args('asOf', { type: () => CalendarDate }) asOf: string,
  ): Promise<EscalationSweepResult> {
    return this.events.runSweep(await this.scopes.of(caller), asOf);
  }

  @ResolveField(() => Task)
  async task(@Parent() event: EscalationEvent, @Req() req: object): Promise<Task> {
    return (await this.tasks.taskLoader(req).load(event.taskId))!;
  }
}

/** Task.escalations, beside the task's own fields. */
@Resolver(() => Task)
export class TaskEscalationsResolver {
  constructor(private readonly events: EscalationEventsService) {}

  @ResolveField(() => [EscalationEvent], {
    description: 'Escalations raised for the task, for every due date it has had, oldest first.',
  })
  escalations(@Parent() task: Task, @Req() req: object): Promise<EscalationEvent[]> {
    return this.events.eventsOfTaskLoader(req).load(task.id);
  }
}
