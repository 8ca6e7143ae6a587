import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DepartmentsModule } from '@app/departments';
import { FilesModule } from '@app/files';
import { PlansModule } from '@app/plans';
import { TaskAttachments } from './attachments/task-attachments.js';
import {
  DepartmentTaskCounts,
  ProvisionalTaskCountResolver,
} from './department-merge/provisional-task-count.resolver.js';
import { TaskMergeParticipant } from './department-merge/task-merge.participant.js';
import { TaskPlanWork } from './department-plan-work.source.js';
import { TaskEvents } from './events/task-events.js';
import { TaskListFilters, TaskSnapshotFields, WorkQueueCounts } from './extensions/task-sql-extensions.js';
import { ExtensionRequest } from './extension-request.entity.js';
import { ExtensionsService } from './extensions.service.js';
import { MeasureTasksResolver, PlanPublishingResolver } from './plan-publishing.resolver.js';
import { PlanRevisionPublisher } from './plan-revision-publisher.js';
import { PlanPublishingService } from './plan-publishing.service.js';
import { ProgressReport } from './progress-report.entity.js';
import { ExtensionsResolver, ProgressReportsResolver } from './progress-reports.resolver.js';
import { ProgressReportsService } from './progress-reports.service.js';
import { ReportPublicityResolver } from './report-publicity.resolver.js';
import { ReportPublicityService } from './report-publicity.service.js';
import { TaskAccess } from './task-access.js';
import { TaskFieldsResolver } from './task-fields.resolver.js';
import { TaskIndicators } from './task-indicators.js';
import { TaskReview } from './task-review.entity.js';
import { TaskUpdatesService } from './task-updates.service.js';
import { Task } from './task.entity.js';
import { TaskConnectionResolver, TasksResolver } from './tasks.resolver.js';
import { TasksService } from './tasks.service.js';
import { UserDirectory } from './user-directory.js';
import { WorkQueuesService } from './work-queues.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Task, ProgressReport, TaskReview, ExtensionRequest]),
    PlansModule,
    DepartmentsModule,
    FilesModule,
  ],
  providers: [
    TaskAccess,
    TaskAttachments,
    TaskEvents,
    TaskListFilters,
    WorkQueueCounts,
    TaskSnapshotFields,
    TaskIndicators,
    TasksService,
    TaskUpdatesService,
    ProgressReportsService,
    ExtensionsService,
    PlanRevisionPublisher,
    WorkQueuesService,
    PlanPublishingService,
    UserDirectory,
    TasksResolver,
    TaskConnectionResolver,
    TaskFieldsResolver,
    ProgressReportsResolver,
    ExtensionsResolver,
    PlanPublishingResolver,
    MeasureTasksResolver,
    TaskMergeParticipant,
    TaskPlanWork,
    DepartmentTaskCounts,
    ProvisionalTaskCountResolver,
    ReportPublicityService,
    ReportPublicityResolver,
  ],
  exports: [
    TasksService,
    TaskAccess,
    TaskEvents,
    TaskListFilters,
    WorkQueueCounts,
    TaskSnapshotFields,
    TaskIndicators,
    TaskUpdatesService,
    PlanPublishingService,
    ProgressReportsService,
    TaskAttachments,
  ],
})
export class TasksModule {}
