import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { EmailChannel } from './delivery/email.channel.js';
import { NotificationDeliveryProcessor } from './delivery/notification-delivery.processor.js';
import { WebhookChannel } from './delivery/webhook.channel.js';
import { AnnouncementSources } from './dispatch/announcement-sources.js';
import { NotificationDispatchProcessor } from './dispatch/notification-dispatch.processor.js';
import { NotificationFanout } from './dispatch/notification-fanout.service.js';
import { NotificationDigestProcessor } from './digests/notification-digest.processor.js';
import { NotificationDigests } from './digests/notification-digests.service.js';
import { OutboxRelay } from './outbox/outbox-relay.service.js';
import { OutboxWriter } from './outbox/outbox.writer.js';
import { DELIVERY_QUEUE, DIGEST_QUEUE, NOTIFICATION_QUEUE } from './queue/queues.js';

/** Worker side: the outbox relay, dispatch into notifications and deliveries, the channels and the daily digest. */
@Global()
@Module({
  imports: [BullModule.registerQueue({ name: NOTIFICATION_QUEUE }, { name: DELIVERY_QUEUE }, { name: DIGEST_QUEUE })],
  providers: [
    OutboxRelay,
    OutboxWriter,
    AnnouncementSources,
    NotificationFanout,
    NotificationDispatchProcessor,
    NotificationDeliveryProcessor,
    EmailChannel,
    WebhookChannel,
    NotificationDigests,
    NotificationDigestProcessor,
  ],
  exports: [AnnouncementSources, OutboxWriter],
})
export class NotificationsWorkerModule {}
