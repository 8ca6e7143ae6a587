import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Job, Queue, Worker } from 'bullmq';
import { APP_CONFIG, Metrics, startQueueWorker, type AppConfig } from '@app/common';
import { UploadCleanup, type CleanupFigures } from './upload-cleanup.service.js';

export const UPLOAD_CLEANUP_QUEUE = 'upload-cleanup';
/** One scheduler id for all workers: each upserts the same one, so Redis holds a single schedule. */
export const UPLOAD_CLEANUP_SCHEDULER = 'upload-cleanup-hourly';
/** Hourly: an upload lives between one and two hours past its day. */
export const UPLOAD_CLEANUP_PATTERN = '23 * * * *';

/** The schedule only queues a job; the job (one worker at a time) does the deleting. */
@Injectable()
export class UploadCleanupProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(UploadCleanupProcessor.name);
  private worker?: Worker;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(UPLOAD_CLEANUP_QUEUE) private readonly queue: Queue,
    private readonly cleanup: UploadCleanup,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    // The shared queue worker: its jobs are timed and its depth scraped like every other queue's.
    this.worker = startQueueWorker(this.config, UPLOAD_CLEANUP_QUEUE, (job) => this.process(job), 1, this.metrics);
    this.queue.on('error', (error) => this.logger.debug(`queue: ${error.message}`));
    void this.queue.backend.client.then(
      (client) => {
        client.on('ready', () => void this.schedule());
        void this.schedule();
      },
      () => undefined, // closed before it ever connected
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  /** A job names the moment it was due, so one run late after an outage removes what was due then. */
  process(job: Job): Promise<CleanupFigures> {
    return this.cleanup.run(new Date(job.timestamp + (job.delay ?? 0)));
  }

  /** Queues a run now (the CLI or a test), beside the schedule. */
  async enqueueNow(): Promise<Job> {
    return this.queue.add('cleanup', {}, { removeOnComplete: 100, removeOnFail: 100 });
  }

  private async schedule(): Promise<void> {
    await this.queue
      .upsertJobScheduler(
        UPLOAD_CLEANUP_SCHEDULER,
        { pattern: UPLOAD_CLEANUP_PATTERN, tz: 'Asia/Shanghai' },
        {
          name: 'cleanup',
          data: {},
          opts: {
            attempts: 3,
            backoff: { type: 'exponential', delay: 60_000 },
            removeOnComplete: 100,
            removeOnFail: 100,
          },
        },
      )
      .catch((error: Error) => this.logger.warn(`cannot schedule the upload cleanup yet: ${error.message}`));
  }
}
