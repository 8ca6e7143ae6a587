import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from './migrations/index.js';

// A DATE column is a calendar date, not an instant: keep it as the YYYY-MM-DD string
// PostgreSQL sends instead of shifting it through the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
// bigint counts (COUNT(*)) fit comfortably in a JS number at our scale.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

/** Limits of the apps' pools; migrations and scripts run without them (a migration may take long). */
export interface PoolLimits {
  size: number;
  /** How long a query waits for a pooled connection before it fails (pg-pool's connection timeout). */
  acquireTimeoutMs: number;
  statementTimeoutMs: number;
}

export function dataSourceOptions(url: string, limits?: PoolLimits): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations,
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: limits?.size ?? 20,
      ...(limits && {
        connectionTimeoutMillis: limits.acquireTimeoutMs,
        statement_timeout: limits.statementTimeoutMs,
      }),
    },
  };
}

/** A data source for migrations and scripts (no entities: migrations are plain SQL). */
export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}
