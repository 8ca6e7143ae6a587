import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { pinoHttp } from 'pino-http';
import { createLogger, PinoLoggerService, repoPath, type AppConfig } from '@app/common';
import { serveConsole } from '../../web/server/serve-console.js';
import { AppModule } from './app.module.js';

/** Builds the API application (used by main.ts, the CLI and the end-to-end tests). */
export async function createApi(config: AppConfig): Promise<NestExpressApplication> {
  const logger = createLogger(config, 'luoshi-api');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: new PinoLoggerService(logger),
  });
  // No ETag (a hash of every answer, for POSTs no cache revalidates) and no framework banner.
  app.set('etag', false);
  app.disable('x-powered-by');
  // One line per request at info; below that level pino-http would only cost time (errors are
  // logged where they are handled).
  if (logger.isLevelEnabled('info')) {
    app.use(pinoHttp({ logger, autoLogging: { ignore: (req) => req.url === '/health' } }));
  }
  app.useBodyParser('json', { limit: '15mb' }); // a plan document is pasted whole into importPlanDocument
  serveConsole(app, repoPath('dist', 'web')); // the web console at / (npm run web:build), when built
  app.enableShutdownHooks();
  return app;
}
