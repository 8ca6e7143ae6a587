import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles, UserRole, type AuthUser } from '@app/auth';
import { NotificationPreference } from './dtos/notification-preference.type.js';
import { NotificationMode } from './notification-mode.js';
import { NotificationPreferencesService } from './notification-preferences.service.js';

const ALL_ROLES = Object.values(UserRole);

@Resolver(() => NotificationPreference)
export class NotificationPreferencesResolver {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Roles(...ALL_ROLES)
  @Query(() => [NotificationPreference], {
    description: 'How the caller takes each kind of message: at once, or in one daily digest (每日汇总).',
  })
  notificationPreferences(@CurrentUser() caller: AuthUser): Promise<NotificationPreference[]> {
    return this.preferences.list(caller);
  }

  @Roles(...ALL_ROLES)
  @Mutation(() => NotificationPreference, {
    description: 'Sets how the caller takes one kind of message (in-app and e-mail; webhooks always hear at once).',
  })
  setNotificationPreference(
    @CurrentUser() caller: AuthUser,
    @Args('kind') kind: string,
    @Args('mode', { type: () => NotificationMode }) mode: NotificationMode,
  ): Promise<NotificationPreference> {
    return this.preferences.set(caller, kind, mode);
  }
}
