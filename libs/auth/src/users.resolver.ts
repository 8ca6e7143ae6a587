import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AccessScope } from './access-scope.service.js';
import { CreateUserInput } from './dtos/create-user.input.js';
import { UserPatch } from './dtos/user-patch.input.js';
import { Roles } from './roles.decorator.js';
import { Scope } from './scope.decorator.js';
import { UserAccountsService } from './user-accounts.service.js';
import { User } from './user.entity.js';
import { UserRole } from './user-role.js';
import { UsersService } from './users.service.js';

@Resolver(() => User)
export class UsersResolver {
  constructor(
    private readonly users: UsersService,
    private readonly accounts: UserAccountsService,
  ) {}

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Mutation(() => User)
  async createUser(@Scope() scope: AccessScope, @Args('input') input: CreateUserInput): Promise<User> {
    return this.users.create(scope, input);
  }

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Query(() => [User], {
    name: 'users',
    description: "Accounts within the caller's reach, optionally of one jurisdiction or department.",
  })
  async listUsers(
    @Scope() scope: AccessScope,
    @Args('jurisdictionId', { type: () => ID, nullable: true }) jurisdictionId?: string,
    @Args('departmentId', { type: () => ID, nullable: true }) departmentId?: string,
  ): Promise<User[]> {
    return this.accounts.list(scope, { jurisdictionId, departmentId });
  }

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Mutation(() => User, { description: "Deactivation refuses the user's tokens at once and its logins." })
  async setUserActive(
    @Scope() scope: AccessScope,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('active') active: boolean,
  ): Promise<User> {
    return this.accounts.setActive(scope, userId, active);
  }

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Mutation(() => User, { description: 'Tokens issued before are refused.' })
  async resetUserPassword(
    @Scope() scope: AccessScope,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('password') password: string,
  ): Promise<User> {
    return this.accounts.resetPassword(scope, userId, password);
  }

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Mutation(() => User, {
    description: 'A change of role, department or jurisdiction refuses the tokens issued before.',
  })
  async updateUser(
    @Scope() scope: AccessScope,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('patch') patch: UserPatch,
  ): Promise<User> {
    return this.accounts.update(scope, userId, patch);
  }
}
