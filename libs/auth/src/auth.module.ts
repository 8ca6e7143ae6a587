import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessScopeService } from './access-scope.service.js';
import { AuthGuard } from './auth.guard.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { JurisdictionDirectory } from './jurisdiction-directory.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { UserAccountsService } from './user-accounts.service.js';
import { User } from './user.entity.js';
import { UserStatusCache } from './user-status.cache.js';
import { UserStatusChannel } from './user-status.channel.js';
import { UsersResolver } from './users.resolver.js';
import { UsersService } from './users.service.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([User]), JwtModule.register({})],
  providers: [
    AuthService,
    LoginRateLimiter,
    UsersService,
    UserAccountsService,
    UserStatusCache,
    UserStatusChannel,
    AccessScopeService,
    JurisdictionDirectory,
    AuthResolver,
    UsersResolver,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, UsersService, AccessScopeService, JurisdictionDirectory, UserStatusChannel],
})
export class AuthModule {}
