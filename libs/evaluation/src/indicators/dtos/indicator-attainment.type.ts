import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AttainmentStatus } from '../attainment.js';

registerEnumType(AttainmentStatus, {
  name: 'AttainmentStatus',
  description: 'Where an indicator stands against its target for the year.',
});

/** 指标完成情况: an indicator, its target for the year, the latest reported value, the verdict and why. */
@ObjectType()
export class IndicatorAttainment {
  @Field(() => ID)
  indicatorId!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  unit!: string | null;

  @Field(() => String, { nullable: true })
  baselineValue!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The year of the target applied: the first due in asOf’s year or later.',
  })
  targetYear!: number | null;

  @Field(() => String, { nullable: true, description: 'As printed, e.g. ≥70, 下降5%, 5—10.' })
  target!: string | null;

  @Field(() => String, { nullable: true, description: 'The latest value reported up to asOf, as reported.' })
  value!: string | null;

  @Field(() => Int, { nullable: true })
  valueYear!: number | null;

  @Field(() => AttainmentStatus)
  status!: AttainmentStatus;

  @Field()
  reason!: string;
}
