import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, Req, Roles, Scope, UserRole, type AccessScope, type AuthUser } from '@app/auth';
import { Task, TasksService } from '@app/tasks';
import { Notification } from './notification.entity.js';
import { NotificationsService } from './notifications.service.js';

const ALL_ROLES = Object.values(UserRole);

@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(
    private readonly inbox: NotificationsService,
    private readonly tasks: TasksService,
  ) {}

  @Roles(...ALL_ROLES)
  @Query(() => [Notification], { description: "The caller's notifications, newest first." })
  notifications(
    @CurrentUser() caller: AuthUser,
    @Args('unreadOnly', { type: () => Boolean, nullable: true }) unreadOnly?: boolean,
  ): Promise<Notification[]> {
    return this.inbox.list(caller, unreadOnly ?? false);
  }

  @Roles(...ALL_ROLES)
  @Mutation(() => Int, { description: "Marks the caller's notifications read; returns how many were unread." })
  markNotificationsRead(
    @CurrentUser() caller: AuthUser,
    @Args('ids', { type: () => [ID] }) ids: string[],
  ): Promise<number> {
    return this.inbox.markRead(caller, ids);
  }

  @Roles(...ALL_ROLES)
  @Mutation(() => String, {
    nullable: true,
    description: "Where the caller's e-mail notifications go; null stops them.",
  })
  setNotificationEmail(
    @CurrentUser() caller: AuthUser,
    @Args('address', { type: () => String, nullable: true }) address?: string | null,
  ): Promise<string | null> {
    return this.inbox.setEmail(caller, address ?? null);
  }

  /** Through the task scope: a message kept after a move to another department opens no task out of reach. */
  @ResolveField(() => Task, { nullable: true })
  async task(
    @Parent() notification: Notification,
    @Scope() scope: AccessScope,
    @Req() req: object,
  ): Promise<Task | null> {
    if (!notification.taskId) return null;
    return this.tasks.readableTaskLoader(req, scope).load(notification.taskId);
  }
}
