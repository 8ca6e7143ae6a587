import type { INestApplicationContext } from '@nestjs/common';
import { Metrics, serveMetrics, type AppConfig } from '@app/common';
import { HealthService } from '@app/database';

/** The worker has no HTTP of its own: METRICS_PORT serves Prometheus' /metrics and an orchestrator's /health. */
export async function serveWorkerMetrics(app: INestApplicationContext, config: AppConfig): Promise<void> {
  if (!config.METRICS_PORT) return;
  const metrics = app.get(Metrics);
  const health = app.get(HealthService);
  await serveMetrics(config, { metrics: () => metrics.expose(), health: () => health.check() });
}
