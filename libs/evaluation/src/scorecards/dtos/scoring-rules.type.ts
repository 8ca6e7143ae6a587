import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

/** 考核规则: the weights and penalties of the score (docs/scoring.md). Versions are kept; the newest is in force. */
@ObjectType()
export class ScoringRules {
  @Field(() => ID)
  id!: string;

  @Field(() => Float, { description: 'Weight of the on-time rate.' })
  weightOnTime!: number;

  @Field(() => Float, { description: 'Weight of the share of tasks not overdue.' })
  weightNotOverdue!: number;

  @Field(() => Float, { description: 'Weight of report timeliness.' })
  weightReporting!: number;

  @Field(() => [Float], { description: 'Points off per escalation event, index 0 = level 1.' })
  escalationPenalties!: number[];

  @Field(() => Float, { description: 'Points off per supervision notice.' })
  noticePenalty!: number;

  @Field(() => Int, { description: 'Days before asOf in which an open task must have a progress report.' })
  reportWindowDays!: number;

  @Field(() => Date)
  createdAt!: Date;
}
