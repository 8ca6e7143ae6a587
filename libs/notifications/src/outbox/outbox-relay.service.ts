import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { addTracedJobs, APP_CONFIG, Metrics, withinMs, type AppConfig } from '@app/common';
import { DELIVERY_QUEUE, deliveryJobId, KEEP_JOBS, NOTIFICATION_QUEUE, outboxJobId } from '../queue/queues.js';

const INTERVAL = 'outbox-relay';
const BATCH = 500;
const QUEUE_TIMEOUT_MS = 5000;
const SCRAPE_TIMEOUT_MS = 1000;
// A row handed over this long ago and still not dispatched is handed over again (its job may be
// lost with a Redis that kept no data); the deterministic job id makes that harmless otherwise.
const STALE = '10 minutes';

/**
 * Moves committed outbox rows into the queue, on every worker: rows are claimed FOR UPDATE SKIP
 * LOCKED, so workers share the backlog instead of queueing it twice, and marked only after Redis
 * took the jobs. With Redis down nothing is marked; the rows wait in PostgreSQL and go out later.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(NOTIFICATION_QUEUE) private readonly dispatch: Queue,
    @InjectQueue(DELIVERY_QUEUE) private readonly deliveries: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    this.watchBacklog();
    // Without a listener BullMQ prints every reconnection failure to stderr; the relay's own warning says enough.
    for (const queue of [this.dispatch, this.deliveries]) queue.on('error', () => undefined);
    this.scheduler.addInterval(
      INTERVAL,
      setInterval(() => this.tick(), this.config.OUTBOX_RELAY_MS),
    );
  }

  /**
   * `notification_outbox_waiting` and the age of the oldest waiting row, read on scrape through the
   * pending-rows index and cut short after SCRAPE_TIMEOUT_MS. Every worker reads the same table: max.
   */
  private watchBacklog(): void {
    let backlog: Promise<{ waiting: number; oldest_s: number | null } | undefined> | undefined;
    const read = () =>
      (backlog ??= withinMs(
        SCRAPE_TIMEOUT_MS,
        this.dataSource.transaction(async (m) => {
          await m.query(`SET LOCAL statement_timeout = ${SCRAPE_TIMEOUT_MS}`);
          const [row]: { waiting: number; oldest_s: number | null }[] = await m.query(
            `SELECT count(*)::int AS waiting, extract(epoch FROM now() - min(created_at))::float8 AS oldest_s
             FROM notification_outbox WHERE dispatched_at IS NULL`,
          );
          return row;
        }),
      ).finally(() => setTimeout(() => (backlog = undefined), 0)));
    this.metrics.gauge('notification_outbox_waiting', 'Outbox rows not yet dispatched', {
      aggregator: 'max',
      collect: async (gauge) => {
        const row = await read();
        if (row) gauge.set(row.waiting);
      },
    });
    this.metrics.gauge('notification_outbox_oldest_age_seconds', 'Age of the oldest outbox row not yet dispatched', {
      aggregator: 'max',
      collect: async (gauge) => {
        const row = await read();
        if (row) gauge.set(row.oldest_s ?? 0);
      },
    });
  }

  /** Stops relaying and lets a round under way finish while the database is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    this.scheduler.deleteInterval(INTERVAL);
    await this.running;
  }

  private tick(): void {
    this.running ??= this.relayAll().finally(() => (this.running = undefined));
  }

  private async relayAll(): Promise<void> {
    try {
      // While Redis is away ioredis would hold every command in its offline queue and send them all on
      // its return: nothing is handed over then, the rows wait in PostgreSQL.
      if (!(await this.queuesConnected())) return;
      while ((await this.relayOutbox()) === BATCH);
      await this.requeueStaleDeliveries();
    } catch (error) {
      this.logger.warn(`outbox relay paused: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async queuesConnected(): Promise<boolean> {
    const clients = await withTimeout(Promise.all([this.dispatch.backend.client, this.deliveries.backend.client]));
    return clients.every((client) => client.status === 'ready');
  }

  /** Hands one batch to the queue; returns how many rows it handed over. */
  async relayOutbox(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows: { id: number; relay_count: number; request_id: string | null }[] = await m.query(
        `SELECT id, relay_count, request_id FROM notification_outbox
         WHERE dispatched_at IS NULL AND (relayed_at IS NULL OR relayed_at < now() - interval '${STALE}')
         ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (!rows.length) return 0;
      const jobs = rows.map(({ id, relay_count: round, request_id: requestId }) => ({
        name: 'dispatch',
        data: requestId ? { outboxId: id, requestId } : { outboxId: id },
        opts: {
          jobId: outboxJobId(id, round),
          attempts: 20,
          backoff: { type: 'exponential', delay: 1000 },
          ...KEEP_JOBS,
        },
      }));
      await withTimeout(addTracedJobs(this.dispatch, jobs));
      await m.query(
        'UPDATE notification_outbox SET relayed_at = now(), relay_count = relay_count + 1 WHERE id = ANY($1)',
        [rows.map((r) => r.id)],
      );
      return rows.length;
    });
  }

  private async requeueStaleDeliveries(): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const rows: { id: string; retries: number }[] = await m.query(
        `SELECT id, retries FROM notification_delivery WHERE status = 'PENDING' AND enqueued_at < now() - interval '${STALE}'
         ORDER BY enqueued_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (!rows.length) return;
      const opts = {
        attempts: this.config.DELIVERY_ATTEMPTS,
        backoff: { type: 'exponential', delay: this.config.DELIVERY_BACKOFF_MS },
      };
      await withTimeout(
        addTracedJobs(
          this.deliveries,
          rows.map(({ id, retries }) => ({
            name: 'deliver',
            data: { deliveryId: id },
            opts: { jobId: deliveryJobId(id, retries), ...opts, ...KEEP_JOBS },
          })),
        ),
      );
      await m.query('UPDATE notification_delivery SET enqueued_at = now() WHERE id = ANY($1)', [rows.map((r) => r.id)]);
    });
  }
}

/** Redis unreachable must not hold the claimed rows' locks for long: give up and retry next tick. */
async function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`queue did not answer within ${QUEUE_TIMEOUT_MS} ms`)), QUEUE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
