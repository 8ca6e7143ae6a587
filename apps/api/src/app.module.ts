import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { AuditModule } from '@app/audit';
import { CalendarDateScalarModule, CommonModule, Metrics, type AppConfig } from '@app/common';
import { DatabaseModule, HealthService } from '@app/database';
import { DOMAIN_MODULES } from './domain-modules.js';
import { graphqlOptions } from './graphql.config.js';
import { HealthController } from './health/health.controller.js';
import { GraphqlMetricsPlugin } from './observability/graphql-metrics.plugin.js';
import { QueueDashboard } from './observability/queue-dashboard.js';
import { QueueDashboardController } from './observability/queue-dashboard.controller.js';

/** The API process: GraphQL at /graphql, GET /health and the ADMIN's queue dashboard. Domain modules do the work. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CommonModule.forRoot(config),
        DatabaseModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [Metrics],
          useFactory: (metrics: Metrics) => graphqlOptions(config, metrics),
        }),
        CalendarDateScalarModule,
        AuditModule,
        ...DOMAIN_MODULES,
      ],
      controllers: [HealthController, QueueDashboardController],
      providers: [HealthService, GraphqlMetricsPlugin, QueueDashboard],
    };
  }
}
