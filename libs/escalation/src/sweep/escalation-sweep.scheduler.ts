import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ESCALATION_QUEUE } from './escalation-sweep.processor.js';

/** One scheduler for all workers: every worker upserts the same id, so Redis holds a single schedule. */
export const DAILY_SWEEP_SCHEDULER = 'escalation-sweep-daily';
export const DAILY_SWEEP_PATTERN = '0 1 * * *';
const RETRY_MS = 30_000;

/** Schedules the daily sweep at 01:00 Asia/Shanghai (again after every Redis reconnection); the processor does the work. */
@Injectable()
export class EscalationSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EscalationSweepScheduler.name);
  private retry?: NodeJS.Timeout;

  constructor(@InjectQueue(ESCALATION_QUEUE) private readonly queue: Queue) {}

  onApplicationBootstrap(): void {
    this.queue.on('error', (error) => this.logger.debug(`queue: ${error.message}`));
    // The schedule lives only in Redis: a Redis restarted without its data has none, and escalation
    // would silently stop. Upserted on the first connection and again on every reconnection.
    void this.queue.backend.client.then(
      (client) => {
        client.on('ready', () => void this.schedule());
        void this.schedule();
      },
      () => undefined, // closed before it ever connected
    );
  }

  onApplicationShutdown(): void {
    clearTimeout(this.retry);
  }

  private async schedule(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler(
        DAILY_SWEEP_SCHEDULER,
        { pattern: DAILY_SWEEP_PATTERN, tz: 'Asia/Shanghai' },
        {
          name: 'sweep',
          data: {},
          opts: {
            attempts: 5,
            backoff: { type: 'exponential', delay: 60_000 },
            removeOnComplete: 100,
            removeOnFail: 100,
          },
        },
      );
    } catch (error) {
      // Redis may be down at start; the schedule is kept in Redis, so trying again later is enough.
      this.logger.warn(
        `cannot schedule the daily sweep yet: ${error instanceof Error ? error.message : String(error)}`,
      );
      this.retry = setTimeout(() => void this.schedule(), RETRY_MS);
    }
  }
}
