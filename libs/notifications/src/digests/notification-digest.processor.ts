import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Job, Queue, Worker } from 'bullmq';
import { APP_CONFIG, shanghaiToday, type AppConfig, Metrics, keepCronSchedule, startQueueWorker } from '@app/common';
import { DIGEST_QUEUE } from '../queue/queues.js';
import { NotificationDigests } from './notification-digests.service.js';

/** One scheduler for all workers: every worker upserts the same id, so Redis holds a single schedule. */
export const DAILY_DIGEST_SCHEDULER = 'notification-digest-daily';
/** 08:00 Asia/Shanghai: after the 01:00 sweep, before the working day. */
export const DAILY_DIGEST_PATTERN = '0 8 * * *';

/** Schedules the daily digest (again on every Redis reconnection: the schedule lives only there) and runs it. */
@Injectable()
export class NotificationDigestProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationDigestProcessor.name);
  private worker?: Worker;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
    @InjectQueue(DIGEST_QUEUE) private readonly queue: Queue,
    private readonly digests: NotificationDigests,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = startQueueWorker(this.config, DIGEST_QUEUE, (job) => this.process(job), 1, this.metrics);
    keepCronSchedule(
      this.queue,
      { id: DAILY_DIGEST_SCHEDULER, pattern: DAILY_DIGEST_PATTERN, jobName: 'digest', attempts: 5 },
      this.logger,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  async process(job: Job): Promise<number> {
    // A job delayed by an outage still names the day it was scheduled for.
    const day = shanghaiToday(new Date(job.timestamp + job.delay));
    const sent = await this.digests.send(day);
    this.logger.log(`daily digest of ${day}: ${sent} digests`);
    return sent;
  }
}
