import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Queue, type Job } from 'bullmq';
import { addTracedJob, APP_CONFIG, ServiceUnavailableError, type AppConfig } from '@app/common';
import { ESCALATION_QUEUE, type SweepJob } from './escalation-sweep.processor.js';
import type { SweepOutcome } from './escalation-sweep.service.js';

const QUEUE_TIMEOUT_MS = 2000;

export type SweepQueueJob = Job<SweepJob, SweepOutcome>;

/**
 * The API's handle on the worker's escalation queue. Commands fail at once while Redis is away
 * (no offline queue): a request answers SERVICE_UNAVAILABLE instead of waiting for a reconnection.
 */
@Injectable()
export class EscalationSweepQueue implements OnModuleDestroy {
  private readonly logger = new Logger(EscalationSweepQueue.name);
  private queue?: Queue<SweepJob, SweepOutcome>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  job(jobId: string): Promise<SweepQueueJob | undefined> {
    return this.unavailableWhenDown(() => this.open().getJob(jobId));
  }

  state(job: SweepQueueJob): Promise<string> {
    return this.unavailableWhenDown(() => job.getState());
  }

  remove(job: SweepQueueJob): Promise<void> {
    return this.unavailableWhenDown(() => job.remove());
  }

  add(jobId: string, data: SweepJob): Promise<SweepQueueJob> {
    return this.unavailableWhenDown(() =>
      addTracedJob(this.open(), 'sweep', data, {
        jobId,
        attempts: 1,
        removeOnComplete: { age: 86_400 },
        removeOnFail: { age: 86_400 },
      }),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue?.close();
  }

  // Opened on first use: most API processes never queue a sweep.
  private open(): Queue<SweepJob, SweepOutcome> {
    if (!this.queue) {
      this.queue = new Queue<SweepJob, SweepOutcome>(ESCALATION_QUEUE, {
        connection: { url: this.config.REDIS_URL, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
        prefix: this.config.QUEUE_PREFIX,
      });
      this.queue.on('error', () => undefined); // reconnection attempts; each command reports its own failure
    }
    return this.queue;
  }

  // A queue never connected waits for its first connection whatever the offline queue says: bounded here.
  private async unavailableWhenDown<T>(command: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('queue did not answer')), QUEUE_TIMEOUT_MS);
    });
    try {
      return await Promise.race([command(), late]);
    } catch (error) {
      this.logger.warn(`escalation queue: ${error instanceof Error ? error.message : String(error)}`);
      throw new ServiceUnavailableError('任务队列暂不可用，请稍后再试 (the job queue is unavailable)');
    } finally {
      clearTimeout(timer);
    }
  }
}
