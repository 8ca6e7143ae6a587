import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './config.js';
import { Metrics } from './metrics/metrics.js';
import { RequestLoaders } from './request-loaders.js';

/** The validated configuration (APP_CONFIG), the per-request loader store and the metrics registry, for every module. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CommonModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, RequestLoaders, Metrics],
      exports: [APP_CONFIG, RequestLoaders, Metrics],
    };
  }
}
