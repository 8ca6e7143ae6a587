import { Field, Int, ObjectType } from '@nestjs/graphql';
import { CalendarDate } from '@app/common';

@ObjectType()
export class EscalationSweepResult {
  @Field(() => CalendarDate)
  asOf!: string;

  @Field(() => Int, {
    description: 'Escalation events newly raised by this sweep (0 when run again for the same date).',
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
