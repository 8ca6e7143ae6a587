import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import type { Job, Worker } from 'bullmq';
import {
  APP_CONFIG,
  isCalendarDate,
  shanghaiToday,
  type AppConfig,
  Metrics,
  startQueueWorker,
  type TracedJob,
} from '@app/common';
import { EscalationSweepService } from './escalation-sweep.service.js';

export const ESCALATION_QUEUE = 'escalation';

export interface SweepJob extends TracedJob {
  /** The date to sweep for; the scheduler's daily jobs leave it out and sweep for the day they were due. */
  asOf?: string;
  /** A supervision office's sweep: its jurisdiction and those below; absent, every jurisdiction. */
  jurisdictionId?: string | null;
}

/** Runs the sweeps the scheduler (or anyone) queues; the sweep itself holds the advisory lock. */
@Injectable()
export class EscalationSweepProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EscalationSweepProcessor.name);
  private worker?: Worker<SweepJob>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly sweeps: EscalationSweepService,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = startQueueWorker(this.config, ESCALATION_QUEUE, (job) => this.process(job), 1, this.metrics);
  }

  // Before the database and queues close: running jobs finish (SIGTERM) and can still record their outcome.
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  async process(job: Job<SweepJob>) {
    // A daily job delayed by an outage still sweeps for the day it was scheduled for.
    const asOf =
      job.data.asOf && isCalendarDate(job.data.asOf)
        ? job.data.asOf
        : shanghaiToday(new Date(job.timestamp + job.delay));
    const outcome = await this.sweeps.sweep(asOf, { jurisdictionId: job.data.jurisdictionId });
    this.logger.log(`sweep as of ${asOf}: ${outcome.raised} escalations, ${outcome.reportReminders} report reminders`);
    return outcome;
  }
}
