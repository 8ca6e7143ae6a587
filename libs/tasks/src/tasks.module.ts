import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DepartmentsModule } from '@app/departments';
import { PlansModule } from '@app/plans';
import { MeasureTasksResolver, PlanPublishingResolver } from './plan-publishing.resolver.js';
import { PlanPublishingService } from './plan-publishing.service.js';
import { TaskFieldsResolver } from './task-fields.resolver.js';
import { Task } from './task.entity.js';
import { ProgressReport } from './progress-report.entity.js';
import { TaskReview } from './task-review.entity.js';
import { ExtensionRequest } from './extension-request.entity.js';
import { TaskAccess } from './task-access.js';
import { TasksService } from './tasks.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Task, ProgressReport, TaskReview, ExtensionRequest]), PlansModule, DepartmentsModule],
  providers: [TasksService, TaskAccess, PlanPublishingService, PlanPublishingResolver, MeasureTasksResolver, TaskFieldsResolver],
  exports: [TasksService, PlanPublishingService],
})
export class TasksModule {}
