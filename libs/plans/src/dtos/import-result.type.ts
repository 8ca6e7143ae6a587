import { Field, ObjectType } from '@nestjs/graphql';
import { Plan } from '../plan.entity.js';

@ObjectType()
export class ImportResult {
  @Field(() => [Plan], { description: 'One document may hold several plans.' })
  plans!: Plan[];

  @Field(() => [String])
  warnings!: string[];
}
