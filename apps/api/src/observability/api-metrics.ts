import cluster from 'node:cluster';
import type { INestApplication } from '@nestjs/common';
import { AggregatorRegistry } from 'prom-client';
import { Metrics, serveMetrics, type AppConfig } from '@app/common';

/**
 * The API's metrics. One process: it serves METRICS_PORT itself. A cluster worker (API_WORKERS > 1)
 * hands its registry to prom-client's cluster module, and the primary answers the scrape
 * (serveClusterMetrics): the workers share PORT, so a scrape there would reach one at random.
 */
export async function exposeApiMetrics(app: INestApplication, config: AppConfig): Promise<void> {
  const metrics = app.get(Metrics);
  if (cluster.isWorker) {
    // Constructing one is what makes prom-client answer the primary's requests in this worker.
    new AggregatorRegistry();
    AggregatorRegistry.setRegistries([metrics.registry]);
  } else if (config.METRICS_PORT) await serveMetrics(config, { metrics: () => metrics.expose() });
}

/** In the primary: every worker's registry over IPC, counters and histograms summed, shared gauges by their aggregator. */
export async function serveClusterMetrics(config: AppConfig): Promise<void> {
  if (!config.METRICS_PORT) return;
  const aggregator = new AggregatorRegistry();
  await serveMetrics(config, {
    metrics: async () => ({ contentType: aggregator.contentType, body: await aggregator.clusterMetrics() }),
  });
}
