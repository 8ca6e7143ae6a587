import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { pinoHttp } from 'pino-http';
import {
  createLogger,
  currentRequestId,
  Metrics,
  PinoLoggerService,
  repoPath,
  requestIds,
  type AppConfig,
} from '@app/common';
import { serveConsole } from '../../web/server/serve-console.js';
import { AppModule } from './app.module.js';
import { compressResponses } from './compress-responses.js';
import { GRAPHQL_BODY_BYTES, graphqlBody } from './graphql-body.js';
import { httpMetrics } from './observability/http-metrics.js';
import { DASHBOARD_PATH, QueueDashboard } from './observability/queue-dashboard.js';
import { securityHeaders } from './security-headers.js';

/** Builds the API application (used by main.ts, the CLI and the end-to-end tests). */
export async function createApi(config: AppConfig): Promise<NestExpressApplication> {
  const logger = createLogger(config, 'luoshi-api');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: new PinoLoggerService(logger),
  });
  // No ETag (a hash of every answer, for POSTs no cache revalidates) and no framework banner.
  app.set('etag', false);
  app.disable('x-powered-by');
  // Behind a proxy the client's address (login limits) and scheme (HSTS) come from X-Forwarded-*.
  app.set('trust proxy', config.TRUST_PROXY);
  // One line per request at info; below that level pino-http would only cost time (errors are
  // logged where they are handled).
  app.use(requestIds, httpMetrics(app.get(Metrics)));
  if (logger.isLevelEnabled('info')) {
    const genReqId = () => currentRequestId() ?? '';
    app.use(pinoHttp({ logger, genReqId, autoLogging: { ignore: (req) => req.url === '/health' } }));
  }
  app.use(securityHeaders);
  app.use(DASHBOARD_PATH, app.get(QueueDashboard).handler());
  // GraphQL answers and spreadsheets above 1 KB go out compressed (the console's assets are precompressed).
  app.use(['/graphql', '/exports'], compressResponses);
  app.use('/graphql', graphqlBody()); // 1 MB, or 13 MB for importPlanDocument
  app.useBodyParser('json', { limit: GRAPHQL_BODY_BYTES });
  serveConsole(app, repoPath('dist', 'web')); // the web console at / (npm run web:build), when built
  app.enableShutdownHooks();
  return app;
}
