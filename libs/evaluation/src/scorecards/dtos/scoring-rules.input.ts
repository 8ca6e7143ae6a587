import { Field, Float, InputType, Int } from '@nestjs/graphql';

/** Changes to the rules in force; what is left out stays as it is. */
@InputType()
export class ScoringRulesInput {
  @Field(() => Float, { nullable: true })
  weightOnTime?: number | null;

  @Field(() => Float, { nullable: true })
  weightNotOverdue?: number | null;

  @Field(() => Float, { nullable: true })
  weightReporting?: number | null;

  @Field(() => [Float], { nullable: true })
  escalationPenalties?: number[] | null;

  @Field(() => Float, { nullable: true })
  noticePenalty?: number | null;

  @Field(() => Int, { nullable: true })
  reportWindowDays?: number | null;
}
