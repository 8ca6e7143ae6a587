import { Field, ID, InputType } from '@nestjs/graphql';
import { CalendarDate } from '@app/common';

@InputType()
export class SupervisionNoticeInput {
  @Field(() => [ID], { description: "Tasks of one department, within the caller's jurisdiction." })
  taskIds!: string[];

  @Field({ description: '督办要求: what the department must do.' })
  requirements!: string;

  @Field(() => CalendarDate, { description: 'The last day for the rectification answer.' })
  responseDue!: string;
}

@InputType()
export class ReissueSupervisionNoticeInput {
  @Field()
  requirements!: string;

  @Field(() => CalendarDate)
  responseDue!: string;
}
