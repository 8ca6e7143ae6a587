import cluster, { type Worker } from 'node:cluster';
import { Logger } from '@nestjs/common';

const logger = new Logger('ApiCluster');

/**
 * The primary of `API_WORKERS` API processes sharing one port: a GraphQL request is CPU work in one
 * Node thread, so one process per core is what lets the API use the machine. Workers that die are
 * replaced; SIGTERM/SIGINT are passed on, and the primary exits once every worker has finished.
 */
export function runApiPrimary(workers: number): void {
  // The kernel hands each accepted connection to whichever worker is waiting in accept(), instead of
  // the primary accepting and passing every connection on (round-robin): a new connection no longer
  // waits for the primary and for a busy worker's turn. Alternating on the task page at 50 fresh
  // connections, p99 fell in each of three rounds (4.6 → 2.0 s, 1.8 → 0.7 s, 1.2 → 0.6 s on the
  // loaded shared machine). NODE_CLUSTER_SCHED_POLICY=rr still chooses round-robin.
  if (!process.env.NODE_CLUSTER_SCHED_POLICY) cluster.schedulingPolicy = cluster.SCHED_NONE;
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
