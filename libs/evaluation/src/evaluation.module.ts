import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DepartmentsModule } from '@app/departments';
import { PlansModule } from '@app/plans';
import { TasksModule } from '@app/tasks';
import { EvaluationPartsService } from './evaluations/evaluation-parts.service.js';
import { Evaluation } from './evaluations/evaluation.entity.js';
import { EvaluationsResolver } from './evaluations/evaluations.resolver.js';
import { EvaluationsService } from './evaluations/evaluations.service.js';
import { ExportsController } from './excel/exports.controller.js';
import { LedgerExportsService } from './excel/ledger-exports.service.js';
import { LedgerImportService } from './excel/ledger-import.service.js';
import { LedgerUploadController } from './excel/ledger-upload.controller.js';
import { ReportExportsService } from './excel/report-exports.service.js';
import { IndicatorAttainmentResolver } from './indicators/indicator-attainment.resolver.js';
import { IndicatorAttainmentService } from './indicators/indicator-attainment.service.js';
import { ResponsibilityMatrixResolver } from './matrix/responsibility-matrix.resolver.js';
import { ResponsibilityMatrixService } from './matrix/responsibility-matrix.service.js';
import { TaskOverviewResolver } from './overview/task-overview.resolver.js';
import { TaskOverviewService } from './overview/task-overview.service.js';
import { ScorecardsResolver } from './scorecards/scorecards.resolver.js';
import { ScorecardsService } from './scorecards/scorecards.service.js';
import { ScoringRulesService } from './scorecards/scoring-rules.service.js';

/** Leaders' views: responsibility matrix, overview, indicator attainment, scorecards, evaluations, Excel. */
@Module({
  imports: [TypeOrmModule.forFeature([Evaluation]), DepartmentsModule, PlansModule, TasksModule],
  controllers: [ExportsController, LedgerUploadController],
  providers: [
    ResponsibilityMatrixService,
    TaskOverviewService,
    IndicatorAttainmentService,
    ScoringRulesService,
    ScorecardsService,
    EvaluationPartsService,
    EvaluationsService,
    LedgerExportsService,
    ReportExportsService,
    LedgerImportService,
    ResponsibilityMatrixResolver,
    TaskOverviewResolver,
    IndicatorAttainmentResolver,
    ScorecardsResolver,
    EvaluationsResolver,
  ],
  exports: [
    IndicatorAttainmentService,
    ResponsibilityMatrixService,
    TaskOverviewService,
    ScorecardsService,
    EvaluationsService,
    LedgerExportsService,
  ],
})
export class EvaluationModule {}
