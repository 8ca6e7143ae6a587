import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, Worker } from 'bullmq';
import type { Counter } from 'prom-client';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, Metrics, startQueueWorker, type TracedJob } from '@app/common';
import { DELIVERY_QUEUE } from '../queue/queues.js';
import { EmailChannel } from './email.channel.js';
import type { PendingDelivery } from './pending-delivery.js';
import { WebhookChannel } from './webhook.channel.js';

export interface DeliveryJob extends TracedJob {
  deliveryId: string;
}

/**
 * Sends one delivery. A delivery already SENT (or DEAD) is skipped, so a repeated job sends nothing;
 * a failure is recorded and rethrown for BullMQ's backoff, and the last failed try dead-letters it.
 */
@Injectable()
export class NotificationDeliveryProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationDeliveryProcessor.name);
  private worker?: Worker<DeliveryJob>;
  private readonly outcomes: Counter<'channel' | 'outcome'>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
  ) {
    this.outcomes = metrics.counter(
      'notification_deliveries_total',
      'Notification delivery attempts by channel and outcome (sent, retry, dead)',
      ['channel', 'outcome'],
    );
  }

  onApplicationBootstrap(): void {
    this.worker = startQueueWorker(this.config, DELIVERY_QUEUE, (job) => this.process(job), 8, this.metrics);
  }

  // Before the database and queues close: running jobs finish (SIGTERM) and can still record their outcome.
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  async process(job: Job<DeliveryJob>): Promise<void> {
    // Wrapped in a SELECT: TypeORM hands back [rows, count] for a bare UPDATE.
    const [delivery]: PendingDelivery[] = await this.dataSource.query(
      `WITH tried AS (UPDATE notification_delivery SET attempts = attempts + 1 WHERE id = $1 AND status = 'PENDING' RETURNING *)
       SELECT * FROM tried`,
      [job.data.deliveryId],
    );
    if (!delivery) return;
    try {
      await (delivery.channel === 'EMAIL' ? this.email : this.webhook).send(delivery);
    } catch (error) {
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const message = error instanceof Error ? error.message : String(error);
      await this.dataSource.query(
        `UPDATE notification_delivery SET last_error = $2, status = CASE WHEN $3 THEN 'DEAD' ELSE status END WHERE id = $1`,
        [delivery.id, message.slice(0, 1000), last],
      );
      if (last) this.logger.warn(`delivery ${delivery.id} (${delivery.channel}) dead-lettered: ${message}`);
      this.outcomes.inc({ channel: delivery.channel, outcome: last ? 'dead' : 'retry' });
      throw error;
    }
    await this.dataSource.query(`UPDATE notification_delivery SET status = 'SENT', sent_at = now() WHERE id = $1`, [
      delivery.id,
    ]);
    this.outcomes.inc({ channel: delivery.channel, outcome: 'sent' });
  }
}
