import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Metrics } from '@app/common';

/** What TypeORM's postgres driver keeps of pg's Pool: the figures a scrape reads. */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** The process's connection pool: connections in use and queries waiting for one (DB_POOL_SIZE). */
@Injectable()
export class DatabaseMetrics implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const pool = () => (this.dataSource.driver as unknown as { master?: PgPool }).master;
    this.metrics.gauge('db_pool_connections_in_use', 'Pooled PostgreSQL connections running a query', {
      collect: (gauge) => {
        const p = pool();
        gauge.set(p ? p.totalCount - p.idleCount : 0);
      },
    });
    this.metrics.gauge('db_pool_waiting', 'Queries waiting for a pooled connection', {
      collect: (gauge) => gauge.set(pool()?.waitingCount ?? 0),
    });
  }
}
