import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BadInputError, ConflictError, isCalendarDate, NotFoundError } from '@app/common';
import { AuditService } from '@app/audit';
import type { AccessScope } from '@app/auth';
import { TaskAttachments } from './attachments/task-attachments.js';
import { TaskEvents } from './events/task-events.js';
import { ExtensionRequest, ExtensionStatus } from './extension-request.entity.js';
import { TaskAccess } from './task-access.js';
import { isOpen } from './task-moves.js';
import { TaskUpdatesService } from './task-updates.service.js';
import { Task } from './task.entity.js';

/**
 * 延期申请: a liaison asks to move its task's due date; the supervision office decides.
 * Approval moves the due date (the original stays on the task for scoring) and restarts
 * the escalation ladder for the new date.
 */
@Injectable()
export class ExtensionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TaskAccess,
    private readonly updates: TaskUpdatesService,
    private readonly audit: AuditService,
    private readonly events: TaskEvents,
    private readonly attachments: TaskAttachments,
  ) {}

  request(
    scope: AccessScope,
    taskId: string,
    requestedDueDate: string,
    reason: string,
    attachmentIds?: readonly string[] | null,
  ): Promise<ExtensionRequest> {
    if (!isCalendarDate(requestedDueDate)) throw new BadInputError('期限格式应为 YYYY-MM-DD (date must be YYYY-MM-DD)');
    if (!reason?.trim()) throw new BadInputError('须说明延期理由 (a reason is required)');
    return this.dataSource.transaction(async (m) => {
      const task = await m.getRepository(Task).findOneBy({ id: taskId });
      if (!task) throw new NotFoundError('Task', taskId);
      await this.access.assertWritable(scope, task, m);
      if (!isOpen(task.status)) throw new BadInputError('任务已关闭，不能申请延期 (task is closed)');
      if (requestedDueDate <= task.dueDate)
        throw new BadInputError(`申请期限须晚于当前期限 ${task.dueDate} (requested date must be after the due date)`);
      const pending = await m.getRepository(ExtensionRequest).existsBy({ taskId, status: ExtensionStatus.PENDING });
      if (pending) throw new ConflictError('该任务已有待审批的延期申请 (an extension request is already pending)');
      const repo = m.getRepository(ExtensionRequest);
      const saved = await repo.save(
        repo.create({
          taskId,
          requestedBy: scope.user.id,
          currentDueDate: task.dueDate,
          requestedDueDate,
          reason: reason.trim(),
          status: ExtensionStatus.PENDING,
          createdAt: new Date(),
        }),
      );
      const attached = await this.attachments.attach(m, scope.user.id, 'extension_request', saved.id, attachmentIds);
      await this.audit.record(m, scope.user.id, 'extension.request', 'extension_request', saved.id, null, {
        taskId,
        requestedDueDate,
        attachmentIds: attached,
      });
      return saved;
    });
  }

  decide(scope: AccessScope, requestId: string, approve: boolean, comment?: string | null): Promise<ExtensionRequest> {
    this.access.assertReviewer(scope);
    return this.dataSource.transaction(async (m) => {
      const request = await m
        .getRepository(ExtensionRequest)
        .createQueryBuilder('e')
        .setLock('pessimistic_write')
        .where('e.id = :requestId', { requestId })
        .getOne();
      if (!request) throw new NotFoundError('ExtensionRequest', requestId);
      const task = await m.getRepository(Task).findOneByOrFail({ id: request.taskId });
      await this.access.assertWritable(scope, task, m);
      if (request.status !== ExtensionStatus.PENDING) throw new ConflictError('该申请已审批 (request already decided)');
      const status = approve ? ExtensionStatus.APPROVED : ExtensionStatus.REJECTED;
      await m.query(
        `UPDATE extension_request SET status = $2, decided_by = $3, decided_at = now(), decision_comment = $4 WHERE id = $1`,
        [requestId, status, scope.user.id, comment?.trim() || null],
      );
      if (approve) await this.updates.moveDueDate(m, scope, task, request.requestedDueDate, 'task.extend');
      await this.audit.record(
        m,
        scope.user.id,
        `extension.${approve ? 'approve' : 'reject'}`,
        'extension_request',
        requestId,
        {
          status: request.status,
        },
        { status, comment: comment ?? null },
      );
      await this.events.emit(m, {
        kind: 'EXTENSION_DECIDED',
        actorId: scope.user.id,
        taskId: task.id,
        requestId,
        approved: approve,
      });
      return m.getRepository(ExtensionRequest).findOneByOrFail({ id: requestId });
    });
  }
}
