import './tracing.js';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, loadConfigOrExit, PinoLoggerService } from '@app/common';
import { serveWorkerMetrics } from './worker-metrics.js';
import { WorkerModule } from './worker.module.js';

const config = loadConfigOrExit();
const logger = createLogger(config, 'luoshi-worker');
const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
  logger: new PinoLoggerService(logger),
});
app.enableShutdownHooks();
await app.init();
await serveWorkerMetrics(app, config);
logger.info('luoshi worker started');
