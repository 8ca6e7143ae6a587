import { Field, ID, InputType } from '@nestjs/graphql';
import { UserRole } from '../user-role.js';

/** What `updateUser` changes; an omitted field stays as it is. */
@InputType()
export class UserPatch {
  @Field({ nullable: true })
  displayName?: string;

  @Field(() => UserRole, { nullable: true })
  role?: UserRole;

  @Field(() => ID, {
    nullable: true,
    description: 'Null clears it (not for a LIAISON). Without jurisdictionId, the jurisdiction follows the department.',
  })
  departmentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The department, kept or given, must be in it.' })
  jurisdictionId?: string | null;
}
