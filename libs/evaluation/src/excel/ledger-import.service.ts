import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@app/common';
import type { AccessScope } from '@app/auth';
import { ProgressReportsService } from '@app/tasks';
import { LEDGER } from './ledger-columns.js';
import { ledgerRefusal, readLedger, type LedgerEntry, type LedgerProblem } from './ledger-sheet-reader.js';

export interface LedgerImportResult {
  /** One progress report per filled row, in row order. */
  reports: { row: number; taskId: string; reportId: string }[];
}

/**
 * 台账回传: each filled row of a liaison's uploaded ledger becomes a progress report, filed by the
 * same ProgressReportsService as submitProgressReport, all in one transaction. Any bad row — not a
 * task, another department's task, a version that changed since the download, a closed task, or
 * anything the report itself refuses — rejects the whole upload, naming its rows.
 */
@Injectable()
export class LedgerImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ProgressReportsService,
  ) {}

  async upload(scope: AccessScope, fileName: string, content: Buffer): Promise<LedgerImportResult> {
    const { entries, columnName } = await readLedger(fileName, content);
    return this.dataSource.transaction(async (m) => {
      await this.assertCurrent(m, scope, entries, columnName);
      const reports: LedgerImportResult['reports'] = [];
      for (const e of entries) {
        const report = await this.reports
          .submitIn(m, scope, {
            taskId: e.taskId,
            progressPercent: e.progressPercent,
            narrative: e.narrative,
            problems: e.problems,
            nextSteps: e.nextSteps,
            indicatorValues: e.indicatorValues,
          })
          .catch((error: unknown) => {
            if (!(error instanceof DomainError)) throw error;
            throw ledgerRefusal([{ row: e.row, column: null, message: error.message }]);
          });
        reports.push({ row: e.row, taskId: e.taskId, reportId: report.id });
      }
      return { reports };
    });
  }

  /** Locks the tasks named and checks, row by row, that each is the caller's, open and unchanged. */
  private async assertCurrent(
    m: EntityManager,
    scope: AccessScope,
    entries: LedgerEntry[],
    columnName: (header: string) => string,
  ): Promise<void> {
    const tasks: { id: string; department_id: string; version: number; status: string }[] = await m.query(
      `SELECT id, department_id, version, status FROM task WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
      [entries.map((e) => e.taskId)],
    );
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const problems: LedgerProblem[] = [];
    for (const e of entries) {
      const task = byId.get(e.taskId.toLowerCase());
      const problem = (header: string, message: string) =>
        problems.push({ row: e.row, column: columnName(header), message });
      if (!task) problem(LEDGER.taskId, '任务不存在 (no such task)');
      else if (task.department_id !== scope.departmentId)
        problem(LEDGER.taskId, '不是本部门的任务 (another department’s task)');
      else if (task.version !== e.version)
        problem(LEDGER.version, `任务已更新（当前版本 ${task.version}），请重新下载台账 (stale version)`);
      else if (task.status === 'COMPLETED' || task.status === 'CANCELLED')
        problem(LEDGER.taskId, '任务已关闭，不能再报告 (task is closed)');
    }
    if (problems.length) throw ledgerRefusal(problems);
  }
}
