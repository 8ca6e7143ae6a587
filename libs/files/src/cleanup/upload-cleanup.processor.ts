import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Job, Queue, Worker } from 'bullmq';
import { addTracedJob, APP_CONFIG, Metrics, keepCronSchedule, startQueueWorker, type AppConfig } from '@app/common';
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
    keepCronSchedule(
      this.queue,
      { id: UPLOAD_CLEANUP_SCHEDULER, pattern: UPLOAD_CLEANUP_PATTERN, jobName: 'cleanup', attempts: 3 },
      this.logger,
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
    return addTracedJob(this.queue, 'cleanup', {}, { removeOnComplete: 100, removeOnFail: 100 });
  }
}
