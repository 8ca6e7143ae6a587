import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TasksModule } from '@app/tasks';
import { HolidayCalendarResolver } from './calendar/holiday-calendar.resolver.js';
import { HolidayScheduleService } from './calendar/holiday-schedule.service.js';
import { EscalationCoreModule } from './escalation-core.module.js';
import { PlanPolicyResolver } from './policy/plan-policy.resolver.js';
import { PlanPolicyService } from './policy/plan-policy.service.js';
import { EscalationEvent } from './sweep/escalation-event.entity.js';
import { EscalationEventsService } from './sweep/escalation-events.service.js';
import { EscalationSweepJobsService } from './sweep/escalation-sweep-jobs.service.js';
import { EscalationSweepQueue } from './sweep/escalation-sweep.queue.js';
import { EscalationSweepResolver, TaskEscalationsResolver } from './sweep/escalation-sweep.resolver.js';
import { TaskEscalationLevelResolver } from './task-level/task-escalation-level.resolver.js';
import { TaskEscalationLevels } from './task-level/task-escalation-levels.service.js';

/** API side: on-demand sweeps (queued for the worker), Task.escalations and escalationLevel (and the task list's minEscalationLevel), holiday schedules, plan policies. */
@Module({
  imports: [TypeOrmModule.forFeature([EscalationEvent]), EscalationCoreModule, TasksModule],
  providers: [
    EscalationEventsService,
    EscalationSweepQueue,
    EscalationSweepJobsService,
    EscalationSweepResolver,
    TaskEscalationsResolver,
    TaskEscalationLevels,
    TaskEscalationLevelResolver,
    HolidayCalendarResolver,
    HolidayScheduleService,
    PlanPolicyService,
    PlanPolicyResolver,
  ],
})
export class EscalationModule {}
