import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@app/common';
import { databaseUrlOverSocket } from './database-socket.js';
import { dataSourceOptions } from './data-source.js';
import { DatabaseMetrics } from './database.metrics.js';

/** PostgreSQL for every app; entities come from each domain module's forFeature. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => ({
        ...dataSourceOptions(await databaseUrlOverSocket(config.DATABASE_URL, config.DB_SOCKET), {
          size: config.DB_POOL_SIZE,
          acquireTimeoutMs: config.DB_POOL_ACQUIRE_TIMEOUT_MS,
          statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
        }),
        autoLoadEntities: true,
      }),
    }),
  ],
  providers: [DatabaseMetrics],
})
export class DatabaseModule {}
