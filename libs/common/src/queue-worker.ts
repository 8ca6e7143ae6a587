import { Logger } from '@nestjs/common';
import { Queue, Worker, type Job } from 'bullmq';
import type { AppConfig } from './config.js';
import { withinMs, type Metrics } from './metrics/metrics.js';
import { consumeTracedJob } from './queue-tracing.js';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
const SCRAPE_TIMEOUT_MS = 1000;
/** Per application: the queues this process works, whose depths a scrape reads. */
const depthSources = new WeakMap<Metrics, Map<string, Queue>>();

/**
 * A BullMQ worker on the configured Redis and key prefix. The lock duration comes from the
 * configuration: a job whose worker died (SIGKILL, lost host) is moved back and retried once its
 * lock expires. Closing the worker (on SIGTERM) lets its running jobs finish first. Each job is timed
 * (`queue_job_duration_seconds`), runs in a CONSUMER span under the trace and request id it carries
 * (queue-tracing.ts), and its queue's depth is scraped (`queue_jobs`).
 */
export function startQueueWorker<T>(
  config: AppConfig,
  queue: string,
  handle: (job: Job<T>) => Promise<unknown>,
  concurrency: number,
  metrics: Metrics,
): Worker<T> {
  const logger = new Logger(`queue:${queue}`);
  const duration = metrics.histogram('queue_job_duration_seconds', 'BullMQ jobs by queue and outcome', [
    'queue',
    'outcome',
  ]);
  const run = (job: Job<T>) =>
    consumeTracedJob(queue, job, async () => {
      const end = duration.startTimer({ queue });
      try {
        const result = await handle(job);
        end({ outcome: 'completed' });
        return result;
      } catch (error) {
        end({ outcome: 'failed' });
        throw error;
      }
    });
  const worker = new Worker<T>(queue, run, {
    connection: { url: config.REDIS_URL },
    prefix: config.QUEUE_PREFIX,
    concurrency,
    lockDuration: config.QUEUE_LOCK_MS,
    stalledInterval: config.QUEUE_LOCK_MS,
  });
  worker.on('failed', (job, error) =>
    logger.warn(`job ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`),
  );
  worker.on('error', (error) => logger.warn(`worker error: ${error.message}`));
  watchDepth(config, metrics, queue, worker);
  return worker;
}

function watchDepth(config: AppConfig, metrics: Metrics, name: string, worker: Worker): void {
  let queues = depthSources.get(metrics);
  if (!queues) depthSources.set(metrics, (queues = new Map()));
  const known = queues;
  // Every worker process reads the same Redis lists: merged by max, not summed.
  metrics.gauge('queue_jobs', 'BullMQ jobs by queue and state (waiting, active, delayed, failed)', {
    labelNames: ['queue', 'state'],
    aggregator: 'max',
    collect: async (gauge) => {
      await Promise.all(
        [...known].map(async ([queueName, queue]) => {
          // Redis away: the series keep their last values rather than the scrape hanging.
          const counts = await withinMs(SCRAPE_TIMEOUT_MS, queue.getJobCounts(...STATES));
          for (const state of STATES) if (counts) gauge.set({ queue: queueName, state }, counts[state] ?? 0);
        }),
      );
    },
  });
  const queue = new Queue(name, {
    connection: { url: config.REDIS_URL, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
    prefix: config.QUEUE_PREFIX,
  });
  queue.on('error', () => undefined); // reconnection attempts; the worker reports the outage
  known.set(name, queue);
  worker.on('closed', () => {
    known.delete(name);
    void queue.close();
  });
}

/**
 * Keeps one cron schedule (Asia/Shanghai) of `queue` in Redis: upserted now and again on every
 * reconnection, since the schedule lives only there. Every worker upserts the same id, so Redis
 * holds a single schedule however many workers run.
 */
export function keepCronSchedule(
  queue: Queue,
  scheduler: { id: string; pattern: string; jobName: string; attempts: number },
  logger: Logger,
): void {
  const upsert = () =>
    queue
      .upsertJobScheduler(
        scheduler.id,
        { pattern: scheduler.pattern, tz: 'Asia/Shanghai' },
        {
          name: scheduler.jobName,
          data: {},
          opts: {
            attempts: scheduler.attempts,
            backoff: { type: 'exponential', delay: 60_000 },
            removeOnComplete: 100,
            removeOnFail: 100,
          },
        },
      )
      .catch((error: Error) => logger.warn(`cannot schedule ${scheduler.id} yet: ${error.message}`));
  queue.on('error', (error) => logger.debug(`queue: ${error.message}`));
  void queue.backend.client.then(
    (client) => {
      client.on('ready', () => void upsert());
      void upsert();
    },
    () => undefined, // closed before it ever connected
  );
}
