import './tracing.js';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { loadConfigOrExit } from '@app/common';
import { runApiPrimary } from './api-cluster.js';
import { createApi } from './bootstrap.js';
import { exposeApiMetrics, serveClusterMetrics } from './observability/api-metrics.js';

const config = loadConfigOrExit();
const workers = config.API_WORKERS ?? availableParallelism();
if (cluster.isPrimary && workers > 1) {
  runApiPrimary(workers);
  await serveClusterMetrics(config);
} else {
  const app = await createApi(config);
  await exposeApiMetrics(app, config);
  await app.listen(config.PORT);
}
