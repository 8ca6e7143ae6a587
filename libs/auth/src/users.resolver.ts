import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthUser } from './auth-user.js';
import { AccessScopeService } from './access-scope.service.js';
import { CurrentUser } from './current-user.decorator.js';
import { CreateUserInput } from './dtos/create-user.input.js';
import { UserPatch } from './dtos/user-patch.input.js';
import { Roles } from './roles.decorator.js';
import { UserAccountsService } from './user-accounts.service.js';
import { User } from './user.entity.js';
import { UserRole } from './user-role.js';
import { UsersService } from './users.service.js';

@Resolver(() => User)
export class UsersResolver {
  constructor(
    private readonly users: UsersService,
    private readonly accounts: UserAccountsService,
    private readonly scopes: AccessScopeService,
  ) {}

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Mutation(() => User)
  async createUser(@CurrentUser() caller: AuthUser, @Args('input') input: CreateUserInput): Promise<User> {
    return this.users.create(await this.scopes.of(caller), input);
  }

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Query(() => [User], {
    name: 'users',
    description: "Accounts within the caller's reach, optionally of one jurisdiction or department.",
  })
  async listUsers(
    @CurrentUser() caller: AuthUser,
    @Args('jurisdictionId', { type: () => ID, nullable: true }) jurisdictionId?: string,
    @Args('departmentId', { type: () => ID, nullable: true }) departmentId?: string,
  ): Promise<User[]> {
    return this.accounts.list(await this.scopes.of(caller), { jurisdictionId, departmentId });
  }

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Mutation(() => User, { description: "Deactivation refuses the user's tokens at once and its logins." })
  async setUserActive(
    @CurrentUser() caller: AuthUser,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('active') active: boolean,
  ): Promise<User> {
    return this.accounts.setActive(await this.scopes.of(caller), userId, active);
  }

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Mutation(() => User, { description: 'Tokens issued before are refused.' })
  async resetUserPassword(
    @CurrentUser() caller: AuthUser,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('password') password: string,
  ): Promise<User> {
    return this.accounts.resetPassword(await this.scopes.of(caller), userId, password);
  }

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Mutation(() => User, {
    description: 'A change of role, department or jurisdiction refuses the tokens issued before.',
  })
  async updateUser(
    @CurrentUser() caller: AuthUser,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('patch') patch: UserPatch,
  ): Promise<User> {
    return this.accounts.update(await this.scopes.of(caller), userId, patch);
  }
}
