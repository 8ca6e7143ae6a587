import { Logger } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import type { AppConfig } from '@app/common';

/**
 * A BullMQ worker on the configured Redis and key prefix. The lock duration comes from the
 * configuration: a job whose worker died (SIGKILL, lost host) is moved back and retried once its
 * lock expires. Closing the worker (on SIGTERM) lets its running jobs finish first.
 */
export function startQueueWorker<T>(
  config: AppConfig,
  queue: string,
  handle: (job: Job<T>) => Promise<unknown>,
  concurrency = 4,
): Worker<T> {
  const logger = new Logger(`queue:${queue}`);
  const worker = new Worker<T>(queue, handle, {
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
  return worker;
}
