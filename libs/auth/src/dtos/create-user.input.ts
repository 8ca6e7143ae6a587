import { Field, ID, InputType } from '@nestjs/graphql';
import { UserRole } from '../user-role.js';

@InputType()
export class CreateUserInput {
  @Field()
  username!: string;

  @Field()
  password!: string;

  @Field()
  displayName!: string;

  @Field(() => UserRole)
  role!: UserRole;

  @Field(() => ID, { nullable: true, description: 'Required for LIAISON.' })
  departmentId?: string | null;

  @Field(() => ID, { nullable: true })
  jurisdictionId?: string | null;
}
