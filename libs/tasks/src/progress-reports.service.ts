import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, NotFoundError } from '@app/common';
import { AuditService } from '@app/audit';
import type { AccessScope } from '@app/auth';
import { TaskAttachments } from './attachments/task-attachments.js';
import type { EvidenceInput, ProgressReportInput } from './dtos/progress-report.input.js';
import { ProgressReport } from './progress-report.entity.js';
import { TaskAccess } from './task-access.js';
import { TaskIndicators } from './task-indicators.js';
import { isOpen } from './task-moves.js';
import { TaskStatus } from './task-status.js';
import { Task } from './task.entity.js';

const MAX_TEXT = 20_000;

/**
 * 进展报告: append-only. Filing one also records the task's progress and starts a task
 * that had not started, in the same transaction (one version bump).
 */
@Injectable()
export class ProgressReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TaskAccess,
    private readonly audit: AuditService,
    private readonly indicators: TaskIndicators,
    private readonly attachments: TaskAttachments,
  ) {}

  submit(scope: AccessScope, input: ProgressReportInput): Promise<ProgressReport> {
    return this.dataSource.transaction((m) => this.submitIn(m, scope, input));
  }

  /** The same inside the caller's transaction: an uploaded ledger files all its reports or none. */
  async submitIn(m: EntityManager, scope: AccessScope, input: ProgressReportInput): Promise<ProgressReport> {
    validate(input);
    const task = await m
      .getRepository(Task)
      .createQueryBuilder('t')
      .setLock('for_no_key_update')
      .where('t.id = :id', { id: input.taskId })
      .getOne();
    if (!task) throw new NotFoundError('Task', input.taskId);
    await this.access.assertWritable(scope, task, m);
    if (!isOpen(task.status))
      throw new BadInputError(
        `任务已${task.status === TaskStatus.COMPLETED ? '完成' : '取消'}，不能再报告 (task is closed)`,
      );
    await this.indicators.assertReportable(
      m,
      task.id,
      (input.indicatorValues ?? []).map((v) => v.indicatorId),
    );
    const repo = m.getRepository(ProgressReport);
    const report = await repo.save(
      repo.create({
        taskId: task.id,
        authorId: scope.user.id,
        submittedAt: new Date(),
        progressPercent: input.progressPercent,
        narrative: input.narrative.trim(),
        problems: input.problems?.trim() || null,
        nextSteps: input.nextSteps?.trim() || null,
        indicatorValues: (input.indicatorValues ?? []).map((v) => ({
          indicatorId: v.indicatorId,
          value: v.value.trim(),
          year: v.year ?? null,
        })),
        evidence: (input.evidence ?? []).map(cleanEvidence),
      }),
    );
    const attachmentIds = await this.attachments.attach(
      m,
      scope.user.id,
      'progress_report',
      report.id,
      input.attachmentIds,
    );
    const status = task.status === TaskStatus.NOT_STARTED ? TaskStatus.IN_PROGRESS : task.status;
    const [[moved]]: [{ version: number }[]] = await m.query(
      'UPDATE task SET progress_percent = $2, status = $3, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version',
      [task.id, input.progressPercent, status],
    );
    await this.audit.record(m, scope.user.id, 'report.submit', 'progress_report', report.id, null, {
      taskId: task.id,
      progressPercent: report.progressPercent,
      attachmentIds,
    });
    // The task's own trail shows the move the report made (status, version, progress), as updateTask's does.
    const { version, progressPercent } = task;
    await this.audit.record(
      m,
      scope.user.id,
      'task.report',
      'task',
      task.id,
      { status: task.status, version, progressPercent },
      { status, version: moved!.version, progressPercent: input.progressPercent, reportId: report.id },
    );
    return report;
  }
}

function validate(input: ProgressReportInput): void {
  if (!Number.isInteger(input.progressPercent) || input.progressPercent < 0 || input.progressPercent > 100)
    throw new BadInputError('进度须为 0–100 的整数 (progressPercent must be 0–100)');
  if (!input.narrative?.trim()) throw new BadInputError('进展情况不能为空 (narrative is required)');
  for (const text of [input.narrative, input.problems, input.nextSteps])
    if (text && text.length > MAX_TEXT) throw new BadInputError(`内容过长，最多 ${MAX_TEXT} 字 (text too long)`);
  for (const v of input.indicatorValues ?? [])
    if (!v.value?.trim()) throw new BadInputError('指标值不能为空 (indicator value is empty)');
  for (const e of input.evidence ?? []) {
    if (!e.name?.trim()) throw new BadInputError('佐证材料须有名称 (evidence needs a name)');
    if (!e.url && !e.fileName) throw new BadInputError('佐证材料须有链接或文件 (evidence needs a url or a file)');
    if (e.url && !/^https?:\/\//i.test(e.url))
      throw new BadInputError('佐证链接须为 http(s) 地址 (evidence url must be http(s))');
  }
}

function cleanEvidence(e: EvidenceInput) {
  return {
    name: e.name.trim(),
    url: e.url ?? null,
    fileName: e.fileName ?? null,
    sizeBytes: e.sizeBytes ?? null,
    mimeType: e.mimeType ?? null,
  };
}
