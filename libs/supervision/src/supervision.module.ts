import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DepartmentsModule } from '@app/departments';
import { TasksModule } from '@app/tasks';
import { SupervisionNotice } from './supervision-notice.entity.js';
import { SupervisionNoticesResolver } from './supervision-notices.resolver.js';
import { SupervisionNoticesService } from './supervision-notices.service.js';
import { SupervisionQueueService } from './supervision-queue.service.js';

/** API side: issuing, answering, closing and reissuing supervision notices (督办单). */
@Module({
  imports: [TypeOrmModule.forFeature([SupervisionNotice]), TasksModule, DepartmentsModule],
  providers: [SupervisionNoticesService, SupervisionQueueService, SupervisionNoticesResolver],
})
export class SupervisionModule {}
