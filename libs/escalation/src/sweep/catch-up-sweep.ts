import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { addTracedJob, APP_CONFIG, shanghaiToday, type AppConfig } from '@app/common';
import { ESCALATION_QUEUE, type SweepJob } from './escalation-sweep.processor.js';

interface SweepState {
  /** The last full sweep started: the job id names it, so each state of things queues one job. */
  last_run: string | null;
  /** Whether a full sweep for today finished or is under way (its job is retried should its worker die). */
  swept_today: boolean;
  published_since: boolean;
}

/**
 * 补巡检 the catch-up sweep. Without it a fresh system (or one down at 01:00) shows no level until
 * the next daily run, and a plan published at 10:00 waits till tomorrow. Every worker checks on
 * start and then every SWEEP_CATCH_UP_MS: when no full sweep ran today, or a plan was published
 * since the last one started, it queues today's sweep under an id made of the date and that last
 * run — every worker computes the same id, and BullMQ keeps one job per id.
 */
@Injectable()
export class CatchUpSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CatchUpSweep.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(ESCALATION_QUEUE) private readonly queue: Queue<SweepJob>,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SWEEP_CATCH_UP_MS) return;
    void this.check();
    this.timer = setInterval(() => void this.check(), this.config.SWEEP_CATCH_UP_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Queues today's sweep when one is missing; returns its job id, or null when none is needed. */
  async check(): Promise<string | null> {
    const today = shanghaiToday();
    try {
      const [state]: SweepState[] = await this.dataSource.query(
        `WITH last AS (SELECT id, started_at FROM escalation_sweep_run WHERE jurisdiction_id IS NULL ORDER BY id DESC LIMIT 1)
         SELECT (SELECT id FROM last)::text AS last_run,
                EXISTS (SELECT 1 FROM escalation_sweep_run WHERE jurisdiction_id IS NULL AND as_of = $1) AS swept_today,
                EXISTS (SELECT 1 FROM plan p, last WHERE p.published_at > last.started_at) AS published_since`,
        [today],
      );
      if (state!.swept_today && !state!.published_since) return null;
      const jobId = `sweep-catch-up-${today}-${state!.last_run ?? 'none'}`;
      await addTracedJob(
        this.queue,
        'sweep',
        { asOf: today },
        { jobId, attempts: 3, removeOnComplete: { age: 86_400 }, removeOnFail: { age: 86_400 } },
      );
      return jobId;
    } catch (error) {
      // Database or Redis away: the next check tries again.
      this.logger.warn(`catch-up sweep check failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }
}
