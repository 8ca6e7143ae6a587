import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './config.js';
import { RequestLoaders } from './request-loaders.js';

/** The validated configuration (APP_CONFIG) and the per-request loader store, for every module. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CommonModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, RequestLoaders],
      exports: [APP_CONFIG, RequestLoaders],
    };
  }
}
