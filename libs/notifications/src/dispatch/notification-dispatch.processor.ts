import { Inject, Injectable, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, Worker } from 'bullmq';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, Metrics, startQueueWorker, type TracedJob } from '@app/common';
import { NOTIFICATION_QUEUE } from '../queue/queues.js';
import { AnnouncementSources } from './announcement-sources.js';
import { NotificationFanout } from './notification-fanout.service.js';

export interface DispatchJob extends TracedJob {
  outboxId: number;
}

/**
 * One outbox row → its announcements → notifications and deliveries. Every step skips what exists,
 * so a job retried after its worker died (mid-way, even) ends with each notification once.
 */
@Injectable()
export class NotificationDispatchProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private worker?: Worker<DispatchJob>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly sources: AnnouncementSources,
    private readonly fanout: NotificationFanout,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = startQueueWorker(this.config, NOTIFICATION_QUEUE, (job) => this.process(job), 4, this.metrics);
  }

  // Before the database and queues close: running jobs finish (SIGTERM) and can still record their outcome.
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  async process(job: Job<DispatchJob>): Promise<void> {
    const [row]: { kind: string; payload: unknown; dispatched_at: Date | null }[] = await this.dataSource.query(
      'SELECT kind, payload, dispatched_at FROM notification_outbox WHERE id = $1',
      [job.data.outboxId],
    );
    if (!row || row.dispatched_at) return;
    const announcements = await this.sources.for(row.kind).announce(this.dataSource.manager, row.kind, row.payload);
    await this.fanout.deliver(announcements);
    await this.dataSource.query('UPDATE notification_outbox SET dispatched_at = now() WHERE id = $1', [
      job.data.outboxId,
    ]);
  }
}
