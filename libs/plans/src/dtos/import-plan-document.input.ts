import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class ImportPlanDocumentInput {
  @Field()
  text!: string;

  @Field(() => ID, { nullable: true, description: 'Inferred from the document when left out.' })
  jurisdictionId?: string | null;

  @Field(() => String, { nullable: true })
  fileName?: string | null;

  @Field(() => ID, { nullable: true, description: 'Read the document as a revision of this published plan.' })
  revisionOf?: string | null;
}
