import { Field, Int, ObjectType } from '@nestjs/graphql';

/** Something the importer could not resolve, pointing at its line of the document. */
@ObjectType()
export class ImportWarning {
  @Field(() => Int)
  line!: number;

  @Field()
  message!: string;

  @Field()
  excerpt!: string;
}
