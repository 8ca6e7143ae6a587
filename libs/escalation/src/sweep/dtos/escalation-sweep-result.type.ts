import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CalendarDate } from '@app/common';
import { SweepJobState } from './sweep-job-state.js';

/** An on-demand sweep's job: the counts are its result, 0 until the state is COMPLETED. */
@ObjectType()
export class EscalationSweepResult {
  @Field(() => ID, { description: 'The queue job: one per date and caller scope (all jurisdictions, or one subtree).' })
  jobId!: string;

  @Field(() => SweepJobState)
  state!: SweepJobState;

  @Field(() => CalendarDate)
  asOf!: string;

  @Field(() => Int, {
    description:
      'Escalation events newly raised by this sweep (0 when run again for the same date, and until COMPLETED).',
  })
  raised!: number;

  @Field(() => Int, {
    description: 'Of those, how many were dated by the Monday–Friday fallback (no holiday schedule for the year).',
  })
  calendarFallback!: number;

  @Field(() => Int, { description: 'Missing-report reminders newly raised; they are not escalation events.' })
  reportReminders!: number;

  @Field(() => [Int], { description: 'Years the computation reached without a holiday schedule; admins were warned.' })
  unknownYears!: number[];
}
