import { Args, Field, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { NotFoundError } from '@app/common';
import type { AuthUser } from './auth-user.js';
import { AuthService } from './auth.service.js';
import { CurrentUser, Req } from './current-user.decorator.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import type { AuthedRequest } from './request-of.js';
import { Public, Roles } from './roles.decorator.js';
import { User } from './user.entity.js';
import { UserRole } from './user-role.js';
import { UsersService } from './users.service.js';

@ObjectType()
export class AuthPayload {
  @Field({ description: "JWT, sent back as 'Authorization: Bearer <token>'." })
  token!: string;

  @Field(() => User)
  user!: User;
}

const ALL_ROLES = Object.values(UserRole);

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly limiter: LoginRateLimiter,
  ) {}

  @Public()
  @Mutation(() => AuthPayload)
  async login(
    @Args('username') username: string,
    @Args('password') password: string,
    @Req() req: AuthedRequest,
  ): Promise<AuthPayload> {
    return this.limiter.attempt(req.ip ?? 'unknown', username, () => this.auth.login(username, password));
  }

  @Roles(...ALL_ROLES)
  @Query(() => User)
  async me(@CurrentUser() caller: AuthUser): Promise<User> {
    const user = await this.users.findById(caller.id);
    if (!user) throw new NotFoundError('User', caller.id);
    return user;
  }
}
