import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class AuditEntryView {
  @Field(() => ID)
  id!: string;

  @Field()
  action!: string;

  @Field(() => String, { nullable: true })
  actorName!: string | null;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, { nullable: true, description: 'JSON of the entity before the change.' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'JSON of the entity after the change.' })
  after!: string | null;
}
