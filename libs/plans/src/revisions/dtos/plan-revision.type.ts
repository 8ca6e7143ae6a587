import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

/** One published version of a plan (修订版本), its text kept as it was published. */
@ObjectType('PlanRevision')
export class PlanRevision {
  @Field(() => Int)
  revision!: number;

  @Field()
  title!: string;

  @Field({ description: "The plan's source text as this version was published." })
  sourceText!: string;

  @Field(() => String, { nullable: true, description: 'The imported file it came from.' })
  fileName!: string | null;

  @Field(() => ID, { nullable: true, description: 'Who published it.' })
  publishedById!: string | null;

  @Field(() => String, { nullable: true, description: "The publisher's display name." })
  publishedBy!: string | null;

  @Field()
  publishedAt!: Date;

  @Field(() => ID, {
    nullable: true,
    description: 'The draft revision it was published from; null for the first version.',
  })
  draftPlanId!: string | null;
}
