import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class JurisdictionInput {
  @Field()
  name!: string;

  @Field({ description: 'NATION, PROVINCE, CITY, COUNTY, DISTRICT or TOWNSHIP.' })
  level!: string;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Other names documents use for it, e.g. 穗 or 广州.' })
  aliases?: string[] | null;
}

@InputType()
export class JurisdictionPatch {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [String], { nullable: true })
  aliases?: string[] | null;
}
