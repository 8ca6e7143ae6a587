import { Field, Float, ObjectType } from '@nestjs/graphql';
import { Measure } from '../../measure.entity.js';
import { Plan } from '../../plan.entity.js';

@ObjectType('MeasureChange')
export class MeasureChange {
  @Field(() => Measure, { nullable: true, description: 'The measure of the published plan.' })
  before!: Measure | null;

  @Field(() => Measure, { nullable: true, description: 'The measure of the draft revision.' })
  after!: Measure | null;

  @Field(() => [String], {
    description: 'ADDED, REMOVED, TEXT_CHANGED, ASSIGNMENTS_CHANGED, DEADLINE_CHANGED or MOVED (several may apply).',
  })
  kinds!: string[];

  @Field(() => String, {
    nullable: true,
    description:
      'How before and after were paired: OFFICE (setMeasureMatch, also for a measure it said is new), CODE, TITLE or SIMILARITY.',
  })
  matchedBy!: string | null;

  @Field(() => Float, { nullable: true, description: 'Character-bigram Dice likeness of the two texts, 0–1.' })
  similarity!: number | null;
}

@ObjectType('PlanRevisionDiff')
export class PlanRevisionDiff {
  @Field(() => Plan)
  published!: Plan;

  @Field(() => Plan)
  draft!: Plan;

  @Field(() => [MeasureChange])
  changes!: MeasureChange[];
}
