import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TasksModule } from '@app/tasks';
import { NotificationDeliveriesResolver } from './deliveries/notification-deliveries.resolver.js';
import { NotificationDeliveriesService } from './deliveries/notification-deliveries.service.js';
import { Notification } from './notification.entity.js';
import { NotificationsResolver } from './notifications.resolver.js';
import { NotificationsService } from './notifications.service.js';
import { NotificationPreferencesResolver } from './preferences/notification-preferences.resolver.js';
import { NotificationPreferencesService } from './preferences/notification-preferences.service.js';
import { OutboxWriter } from './outbox/outbox.writer.js';
import { WebhookEndpoint } from './webhooks/webhook-endpoint.entity.js';
import { WebhookEndpointsResolver } from './webhooks/webhook-endpoints.resolver.js';
import { WebhookEndpointsService } from './webhooks/webhook-endpoints.service.js';

/** API side: a user's notifications and preferences, webhook targets, the dead letters, and the outbox writer for the domains. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Notification, WebhookEndpoint]), TasksModule],
  providers: [
    NotificationsService,
    NotificationsResolver,
    WebhookEndpointsService,
    WebhookEndpointsResolver,
    NotificationDeliveriesService,
    NotificationDeliveriesResolver,
    NotificationPreferencesService,
    NotificationPreferencesResolver,
    OutboxWriter,
  ],
  exports: [OutboxWriter],
})
export class NotificationsModule {}
