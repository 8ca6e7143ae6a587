import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CommonModule, type AppConfig } from '@app/common';
import { DatabaseModule, HealthService } from '@app/database';
import { EscalationWorkerModule } from '@app/escalation';
import { FilesWorkerModule } from '@app/files';
import { NotificationsWorkerModule } from '@app/notifications';
import { SupervisionWorkerModule } from '@app/supervision';

/** The worker process: queue processors and scheduled work; HTTP only for /metrics and /health (METRICS_PORT). */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CommonModule.forRoot(config),
        DatabaseModule,
        ScheduleModule.forRoot(),
        BullModule.forRoot({ connection: { url: config.REDIS_URL }, prefix: config.QUEUE_PREFIX }),
        NotificationsWorkerModule,
        EscalationWorkerModule,
        SupervisionWorkerModule,
        FilesWorkerModule,
      ],
      providers: [HealthService],
    };
  }
}
