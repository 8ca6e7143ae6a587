import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DepartmentsModule } from '@app/departments';
import { EscalationNoticesModule } from '@app/escalation';
import { FilesModule } from '@app/files';
import { TasksModule } from '@app/tasks';
import { NoticeAttachments } from './notice-attachments.js';
import { SupervisionNotice } from './supervision-notice.entity.js';
import { SupervisionNoticesResolver } from './supervision-notices.resolver.js';
import { SupervisionNoticesService } from './supervision-notices.service.js';
import { SupervisionQueueService } from './supervision-queue.service.js';
import { TaskOpenNoticeResolver, WorkQueueSupervisedResolver } from './supervised-tasks/supervised-tasks.resolver.js';
import { SupervisedTasksService } from './supervised-tasks/supervised-tasks.service.js';
import { TaskNewsListener } from './task-news/task-news.listener.js';

/**
 * API side: issuing, answering, closing and reissuing supervision notices (督办单), and the news of the
 * office's decisions on a department's work.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([SupervisionNotice]),
    TasksModule,
    DepartmentsModule,
    EscalationNoticesModule,
    FilesModule,
  ],
  providers: [
    NoticeAttachments,
    SupervisionNoticesService,
    SupervisionQueueService,
    SupervisionNoticesResolver,
    SupervisedTasksService,
    TaskOpenNoticeResolver,
    WorkQueueSupervisedResolver,
    TaskNewsListener,
  ],
})
export class SupervisionModule {}
