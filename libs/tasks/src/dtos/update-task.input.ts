import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { CalendarDate } from '@app/common';
import { TaskStatus } from '../task-status.js';

@InputType()
export class UpdateTaskInput {
  @Field(() => ID)
  taskId!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => TaskStatus, { nullable: true })
  status?: TaskStatus | null;

  @Field(() => Int, { nullable: true })
  progressPercent?: number | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Only ADMIN and SUPERVISOR may move a due date.' })
  dueDate?: string | null;
}
