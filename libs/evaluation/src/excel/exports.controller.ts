import { Controller, Get, Param, Query, StreamableFile, UseFilters } from '@nestjs/common';
import { Req, Roles, Scope, UserRole, type AccessScope } from '@app/auth';
import { RestErrorFilter, shanghaiToday } from '@app/common';
import { ALL_ROLES, VIEWERS } from '../roles.js';
import { attachment } from './labels.js';
import { XLSX_TYPE } from './ledger-columns.js';
import { LedgerExportsService } from './ledger-exports.service.js';
import { ReportExportsService } from './report-exports.service.js';

const file = (xlsx: Buffer, name: string, fallback: string) =>
  new StreamableFile(xlsx, { type: XLSX_TYPE, disposition: attachment(`${name}.xlsx`, `${fallback}.xlsx`) });

/**
 * Excel downloads (Authorization: Bearer, the same guard and @Roles as GraphQL). Scope is the
 * services', as for the GraphQL reads they mirror.
 */
@Controller('exports')
@UseFilters(RestErrorFilter)
export class ExportsController {
  constructor(
    private readonly ledgers: LedgerExportsService,
    private readonly reports: ReportExportsService,
  ) {}

  @Roles(...ALL_ROLES)
  @Get('plans/:planId/responsibility-matrix.xlsx')
  async matrix(@Scope() scope: AccessScope, @Param('planId') planId: string): Promise<StreamableFile> {
    const { title, xlsx } = await this.reports.matrix(scope, planId);
    return file(xlsx, `责任矩阵-${title}`, 'responsibility-matrix');
  }

  /** 督办台账: open tasks due before asOf (today), optionally of one plan or department. */
  @Roles(...ALL_ROLES)
  @Get('overdue-ledger.xlsx')
  async overdueLedger(
    @Scope() scope: AccessScope,
    @Query('asOf') asOf?: string,
    @Query('planId') planId?: string,
    @Query('departmentId') departmentId?: string,
  ): Promise<StreamableFile> {
    const date = asOf ?? shanghaiToday();
    const xlsx = await this.ledgers.overdueLedger(scope, { planId, departmentId }, date);
    return file(xlsx, `督办台账-${date}`, 'overdue-ledger');
  }

  /** A department's open tasks with columns to fill in and upload to /imports/department-ledger. */
  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR, UserRole.LIAISON)
  @Get('department-ledger.xlsx')
  async departmentLedger(
    @Scope() scope: AccessScope,
    @Query('planId') planId?: string,
    @Query('departmentId') departmentId?: string,
  ): Promise<StreamableFile> {
    const xlsx = await this.ledgers.departmentLedger(scope, { planId, departmentId });
    return file(xlsx, `部门台账-${shanghaiToday()}`, 'department-ledger');
  }

  @Roles(...VIEWERS)
  @Get('scorecards.xlsx')
  async scorecards(
    @Scope() scope: AccessScope,
    @Query('asOf') asOf?: string,
    @Query('planId') planId?: string,
  ): Promise<StreamableFile> {
    const date = asOf ?? shanghaiToday();
    const xlsx = await this.reports.scorecardTable(scope, planId ?? null, date);
    return file(xlsx, `考核排名-${date}`, 'scorecards');
  }

  @Roles(...VIEWERS)
  @Get('evaluations/:id/evaluation.xlsx')
  async evaluation(@Scope() scope: AccessScope, @Param('id') id: string, @Req() req: object): Promise<StreamableFile> {
    const { title, xlsx } = await this.reports.evaluation(scope, id, req);
    return file(xlsx, title, 'evaluation');
  }
}
