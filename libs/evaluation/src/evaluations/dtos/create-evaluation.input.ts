import { Field, ID, InputType } from '@nestjs/graphql';
import { CalendarDate } from '@app/common';
import { EvaluationKind } from '../evaluation.entity.js';

@InputType()
export class CreateEvaluationInput {
  @Field(() => ID)
  planId!: string;

  @Field(() => EvaluationKind)
  kind!: EvaluationKind;

  @Field(() => CalendarDate, { description: 'The date the scorecards and indicator attainment are taken as of.' })
  asOf!: string;

  @Field(() => String, { nullable: true, description: 'e.g. 滕州市“十三五”卫生规划中期评估; made up when left out.' })
  title?: string | null;
}
