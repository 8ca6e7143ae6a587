import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DepartmentsModule } from '@app/departments';
import { Assignment } from './assignment.entity.js';
import { AssignmentMergeParticipant } from './department-merge/assignment-merge.participant.js';
import { DepartmentMentions, ProvisionalMentionsResolver } from './department-merge/provisional-mentions.resolver.js';
import { Indicator } from './indicator.entity.js';
import { Measure } from './measure.entity.js';
import { AssignmentsResolver, MeasuresResolver } from './measures.resolver.js';
import { PlanDocument } from './plan-document.entity.js';
import { PlanImportService } from './plan-import.service.js';
import { PlanPublicityResolver } from './plan-publicity.resolver.js';
import { PlanPublicityService } from './plan-publicity.service.js';
import { PlanReviewService } from './plan-review.service.js';
import { Plan } from './plan.entity.js';
import { PlansResolver } from './plans.resolver.js';
import { PlansService } from './plans.service.js';
import { MeasureMatch } from './revisions/measure-match.entity.js';
import { PlanRevisionsResolver } from './revisions/plan-revisions.resolver.js';
import { PlanRevisionsService } from './revisions/plan-revisions.service.js';
import { DepartmentPlanWork } from './department-plan-work.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([PlanDocument, Plan, Measure, Assignment, Indicator, MeasureMatch]),
    DepartmentsModule,
  ],
  providers: [
    PlansService,
    DepartmentPlanWork,
    PlanImportService,
    PlanReviewService,
    PlanPublicityService,
    PlanPublicityResolver,
    PlansResolver,
    MeasuresResolver,
    AssignmentsResolver,
    AssignmentMergeParticipant,
    DepartmentMentions,
    ProvisionalMentionsResolver,
    PlanRevisionsService,
    PlanRevisionsResolver,
  ],
  exports: [PlansService, PlanImportService, PlanRevisionsService, DepartmentPlanWork],
})
export class PlansModule {}
