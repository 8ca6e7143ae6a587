import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { CalendarDate } from '@app/common';
import { TaskStatus } from '../task-status.js';

@InputType()
export class TaskFilter {
  @Field(() => ID, { nullable: true })
  planId?: string | null;

  @Field(() => ID, { nullable: true })
  departmentId?: string | null;

  @Field(() => [TaskStatus], { nullable: true })
  status?: TaskStatus[] | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Only tasks open and due before this date.' })
  overdueAsOf?: string | null;

  @Field(() => Int, { nullable: true })
  minEscalationLevel?: number | null;
}
