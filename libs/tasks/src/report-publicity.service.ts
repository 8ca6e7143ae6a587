import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { AccessScopeService, type AccessScope } from '@app/auth';
import { NotFoundError } from '@app/common';
import { ProgressReport } from './progress-report.entity.js';

/**
 * 政务公开 of one progress report: the plan's office (as for setPlanPublicity) lets the public page
 * show the report's narrative (进展情况) — only that: problems, next steps, evidence and the author
 * stay inside. Reports are otherwise append-only; this flag is the office's, not the author's words.
 */
@Injectable()
export class ReportPublicityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: AccessScopeService,
    private readonly audit: AuditService,
  ) {}

  setPublicity(scope: AccessScope, reportId: string, makePublic: boolean): Promise<ProgressReport> {
    return this.dataSource.transaction(async (m) => {
      const rows: { jurisdiction_id: string }[] = await m.query(
        `SELECT p.jurisdiction_id FROM progress_report r
         JOIN task t ON t.id = r.task_id JOIN plan p ON p.id = t.plan_id
         WHERE r.id = $1 FOR NO KEY UPDATE OF r`,
        [reportId],
      );
      if (!rows[0]) throw new NotFoundError('ProgressReport', reportId);
      this.scopes.assertCanManageJurisdiction(scope, rows[0].jurisdiction_id);
      const repo = m.getRepository(ProgressReport);
      const report = (await repo.findOneBy({ id: reportId }))!;
      if (report.public === makePublic) return report;
      // public_changed_at moves either way: the public page's cache version reads its maximum.
      await m.query('UPDATE progress_report SET public = $2, public_changed_at = now() WHERE id = $1', [
        reportId,
        makePublic,
      ]);
      await this.audit.record(
        m,
        scope.user.id,
        'progress_report.publicity',
        'progress_report',
        reportId,
        { public: report.public },
        { public: makePublic },
      );
      return { ...report, public: makePublic };
    });
  }
}
