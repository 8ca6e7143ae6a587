import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class DepartmentInput {
  @Field(() => ID)
  jurisdictionId!: string;

  @Field()
  name!: string;

  @Field()
  shortName!: string;

  @Field()
  functionCode!: string;

  @Field(() => [String], { nullable: true })
  aliases?: string[] | null;
}

@InputType()
export class DepartmentPatch {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  shortName?: string | null;

  @Field(() => String, { nullable: true })
  functionCode?: string | null;

  @Field(() => [String], { nullable: true })
  aliases?: string[] | null;
}
