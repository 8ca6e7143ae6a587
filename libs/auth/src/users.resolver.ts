import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { AuthUser } from './auth-user.js';
import { AccessScopeService } from './access-scope.service.js';
import { CurrentUser } from './current-user.decorator.js';
import { CreateUserInput } from './dtos/create-user.input.js';
import { Roles } from './roles.decorator.js';
import { User } from './user.entity.js';
import { UserRole } from './user-role.js';
import { UsersService } from './users.service.js';

@Resolver(() => User)
export class UsersResolver {
  constructor(
    private readonly users: UsersService,
    private readonly scopes: AccessScopeService,
  ) {}

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Mutation(() => User)
  async createUser(@CurrentUser() caller: AuthUser, @Args('input') input: CreateUserInput): Promise<User> {
    return this.users.create(await this.scopes.of(caller), input);
  }
}
