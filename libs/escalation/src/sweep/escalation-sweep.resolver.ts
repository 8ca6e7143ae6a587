import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CalendarDate } from '@app/common';
import { Req, Roles, Scope, UserRole, type AccessScope } from '@app/auth';
import { Task, TasksService } from '@app/tasks';
import { EscalationSweepResult } from './dtos/escalation-sweep-result.type.js';
import { EscalationEvent } from './escalation-event.entity.js';
import { EscalationEventsService } from './escalation-events.service.js';
import { EscalationSweepJobsService } from './escalation-sweep-jobs.service.js';

@Resolver(() => EscalationEvent)
export class EscalationSweepResolver {
  constructor(
    private readonly sweeps: EscalationSweepJobsService,
    private readonly tasks: TasksService,
  ) {}

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Mutation(() => EscalationSweepResult, {
    description:
      'Queues a sweep raising every escalation due as of that date (ADMIN: every jurisdiction; a supervision ' +
      'office: its own and those below) and answers at once with the job; CONFLICT while a sweep runs. ' +
      'Idempotent per (task, level, due date); read the result with escalationSweep.',
  })
  async runEscalationSweep(
    @Scope() scope: AccessScope,
    @Args('asOf', { type: () => CalendarDate }) asOf: string,
  ): Promise<EscalationSweepResult> {
    return this.sweeps.start(scope, asOf);
  }

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Query(() => EscalationSweepResult, {
    nullable: true,
    description: "The caller's sweep of that date: its state, and once COMPLETED what it raised.",
  })
  async escalationSweep(
    @Scope() scope: AccessScope,
    @Args('asOf', { type: () => CalendarDate }) asOf: string,
  ): Promise<EscalationSweepResult | null> {
    return this.sweeps.find(scope, asOf);
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
