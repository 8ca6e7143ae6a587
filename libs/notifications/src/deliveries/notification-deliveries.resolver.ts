import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles, UserRole, type AuthUser } from '@app/auth';
import { NotificationDeliveriesService } from './notification-deliveries.service.js';
import { DeliveryStatus, NotificationDelivery } from './notification-delivery.model.js';

@Resolver(() => NotificationDelivery)
export class NotificationDeliveriesResolver {
  constructor(private readonly deliveries: NotificationDeliveriesService) {}

  @Roles(UserRole.ADMIN)
  @Query(() => [NotificationDelivery], {
    description: 'E-mail and webhook deliveries in one status (the dead letters by default), newest first.',
  })
  notificationDeliveries(
    @Args('status', { type: () => DeliveryStatus, defaultValue: DeliveryStatus.DEAD }) status: DeliveryStatus,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<NotificationDelivery[]> {
    return this.deliveries.list(status, first);
  }

  @Roles(UserRole.ADMIN)
  @Mutation(() => NotificationDelivery, {
    description: 'Sends a dead-lettered delivery again (e.g. once its webhook target is fixed).',
  })
  retryNotificationDelivery(
    @CurrentUser() caller: AuthUser,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<NotificationDelivery> {
    return this.deliveries.retry(caller, id);
  }
}
