import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, ForbiddenError, isCalendarDate, NotFoundError, shanghaiToday } from '@app/common';
import { AuditService } from '@app/audit';
import { AccessScopeService, UserRole, type AccessScope } from '@app/auth';
import { EscalationNotices } from '@app/escalation';
import { OutboxWriter } from '@app/notifications';
import { CLOSED_STATUSES, Task, TaskAccess } from '@app/tasks';
import type { ReissueSupervisionNoticeInput, SupervisionNoticeInput } from './dtos/supervision-notice.input.js';
import { NoticeAttachments } from './notice-attachments.js';
import { noticeScope } from './notice-scope.js';
import { noticeNumber, NoticeStatus } from './notice-status.js';
import { SupervisionNotice } from './supervision-notice.entity.js';

/** 督办单: issued by the supervision office, answered by the department, closed or reissued by the office. */
@Injectable()
export class SupervisionNoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TaskAccess,
    private readonly scopes: AccessScopeService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxWriter,
    private readonly escalation: EscalationNotices,
    private readonly attachments: NoticeAttachments,
  ) {}

  issue(scope: AccessScope, input: SupervisionNoticeInput): Promise<SupervisionNotice> {
    this.access.assertReviewer(scope);
    const requirements = validText(input.requirements);
    validResponseDue(input.responseDue);
    const taskIds = [...new Set(input.taskIds)];
    if (!taskIds.length) throw new BadInputError('督办单至少包含一项任务 (a notice names at least one task)');
    return this.dataSource.transaction(async (m) => {
      const tasks = await m
        .getRepository(Task)
        .createQueryBuilder('t')
        .where('t.id = ANY(:ids)', { ids: taskIds })
        .getMany();
      const missing = taskIds.find((id) => !tasks.some((t) => t.id === id));
      if (missing) throw new NotFoundError('Task', missing);
      for (const task of tasks) await this.access.assertWritable(scope, task, m);
      const departmentIds = new Set(tasks.map((t) => t.departmentId));
      if (departmentIds.size > 1)
        throw new BadInputError('一份督办单只针对一个部门 (the tasks of a notice belong to one department)');
      if (tasks.some((t) => CLOSED_STATUSES.includes(t.status)))
        throw new BadInputError('已完成或已取消的任务不能督办 (completed or cancelled tasks take no notice)');
      return this.create(m, scope, tasks[0]!.departmentId, taskIds, requirements, input.responseDue, null);
    });
  }

  /** 整改回复: the department's liaison answers an issued notice. */
  respond(
    scope: AccessScope,
    noticeId: string,
    response: string,
    attachmentIds?: readonly string[] | null,
  ): Promise<SupervisionNotice> {
    const text = validText(response, '回复内容不能为空 (the response cannot be empty)');
    return this.dataSource.transaction(async (m) => {
      const notice = await this.lock(m, noticeId);
      if (scope.user.role !== UserRole.ADMIN && scope.departmentId !== notice.departmentId)
        throw new ForbiddenError("只能回复本部门的督办单 (not your department's notice)");
      if (notice.status !== NoticeStatus.ISSUED)
        throw new BadInputError(
          `督办单已${notice.status === NoticeStatus.CLOSED ? '办结' : '回复'} (notice is ${notice.status})`,
        );
      await m.query(
        `UPDATE supervision_notice SET status = 'RESPONDED', response = $2, responded_at = now(), responded_by = $3 WHERE id = $1`,
        [noticeId, text, scope.user.id],
      );
      await this.escalation.responseSettled(m, noticeId);
      await this.attachments.attach(m, scope.user.id, noticeId, attachmentIds);
      await this.outbox.write(m, 'NOTICE_RESPONDED', { noticeId }, `notice-responded:${noticeId}`);
      return this.saved(m, scope, notice, 'notice.respond');
    });
  }

  close(scope: AccessScope, noticeId: string): Promise<SupervisionNotice> {
    this.access.assertReviewer(scope);
    return this.dataSource.transaction(async (m) => {
      const notice = await this.lockOpen(m, scope, noticeId);
      await m.query(
        `UPDATE supervision_notice SET status = 'CLOSED', closed_at = now(), closed_by = $2 WHERE id = $1`,
        [noticeId, scope.user.id],
      );
      await this.escalation.responseSettled(m, noticeId);
      return this.saved(m, scope, notice, 'notice.close');
    });
  }

  /** 重新督办: closes the notice and issues a new one (new number) for its tasks still open. */
  reissue(scope: AccessScope, noticeId: string, input: ReissueSupervisionNoticeInput): Promise<SupervisionNotice> {
    this.access.assertReviewer(scope);
    const requirements = validText(input.requirements);
    validResponseDue(input.responseDue);
    return this.dataSource.transaction(async (m) => {
      const old = await this.lockOpen(m, scope, noticeId);
      const open: { task_id: string }[] = await m.query(
        `SELECT nt.task_id FROM supervision_notice_task nt JOIN task t ON t.id = nt.task_id
         WHERE nt.notice_id = $1 AND t.status NOT IN ('COMPLETED','CANCELLED') ORDER BY nt.task_id`,
        [noticeId],
      );
      if (!open.length)
        throw new BadInputError('督办单的任务均已完成，无需重新督办 (every task of the notice is done)');
      await m.query(
        `UPDATE supervision_notice SET status = 'CLOSED', closed_at = now(), closed_by = $2 WHERE id = $1`,
        [noticeId, scope.user.id],
      );
      await this.escalation.responseSettled(m, noticeId);
      await this.saved(m, scope, old, 'notice.close');
      const taskIds = open.map((r) => r.task_id);
      return this.create(m, scope, old.departmentId, taskIds, requirements, input.responseDue, old.id);
    });
  }

  /** LIAISON: its department's notices; SUPERVISOR and LEADER: those to departments of their jurisdictions. */
  list(scope: AccessScope, status?: NoticeStatus | null): Promise<SupervisionNotice[]> {
    const qb = this.dataSource
      .getRepository(SupervisionNotice)
      .createQueryBuilder('n')
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id');
    if (status) qb.andWhere('n.status = :status', { status });
    const visible = noticeScope(scope);
    return qb.andWhere(visible.sql, visible.params).getMany();
  }

  private async create(
    m: EntityManager,
    scope: AccessScope,
    departmentId: string,
    taskIds: string[],
    requirements: string,
    responseDue: string,
    reissueOf: string | null,
  ): Promise<SupervisionNotice> {
    const [{ jurisdiction_id: jurisdictionId }]: { jurisdiction_id: string }[] = await m.query(
      'SELECT coalesce($2::uuid, d.jurisdiction_id) AS jurisdiction_id FROM department d WHERE d.id = $1',
      [departmentId, scope.user.jurisdictionId],
    );
    const year = Number(shanghaiToday().slice(0, 4));
    // The counter row stays locked until commit: concurrent notices of one office number one after
    // another, and a rolled-back notice gives its number back, so there are no gaps or duplicates.
    const [{ last_seq: seq }]: { last_seq: number }[] = await m.query(
      `INSERT INTO supervision_notice_counter (jurisdiction_id, year, last_seq) VALUES ($1, $2, 1)
       ON CONFLICT (jurisdiction_id, year) DO UPDATE SET last_seq = supervision_notice_counter.last_seq + 1
       RETURNING last_seq`,
      [jurisdictionId, year],
    );
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO supervision_notice (jurisdiction_id, year, seq, number, department_id, requirements, response_due, issued_by, reissue_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        jurisdictionId,
        year,
        seq,
        noticeNumber(year, seq),
        departmentId,
        requirements,
        responseDue,
        scope.user.id,
        reissueOf,
      ],
    );
    await m.query('INSERT INTO supervision_notice_task (notice_id, task_id) SELECT $1, unnest($2::uuid[])', [
      id,
      taskIds,
    ]);
    // Escalation raises its tasks to level 4 should the response not come by then.
    await this.escalation.awaitResponse(m, id, taskIds, responseDue);
    const notice = await m.getRepository(SupervisionNotice).findOneByOrFail({ id });
    await this.audit.record(
      m,
      scope.user.id,
      reissueOf ? 'notice.reissue' : 'notice.issue',
      'supervision_notice',
      id,
      null,
      {
        number: notice.number,
        departmentId,
        taskIds,
        responseDue,
        reissueOf,
      },
    );
    await this.outbox.write(m, 'NOTICE_ISSUED', { noticeId: id }, `notice-issued:${id}`);
    return notice;
  }

  private async lock(m: EntityManager, id: string): Promise<SupervisionNotice> {
    const notice = await m
      .getRepository(SupervisionNotice)
      .createQueryBuilder('n')
      .where('n.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
    if (!notice) throw new NotFoundError('SupervisionNotice', id);
    return notice;
  }

  /** The issuing office (or one above it) manages a notice that is not closed yet. */
  private async lockOpen(m: EntityManager, scope: AccessScope, id: string): Promise<SupervisionNotice> {
    const notice = await this.lock(m, id);
    this.scopes.assertCanManageJurisdiction(scope, notice.jurisdictionId);
    if (notice.status === NoticeStatus.CLOSED) throw new BadInputError('督办单已办结 (notice is CLOSED)');
    return notice;
  }

  private async saved(
    m: EntityManager,
    scope: AccessScope,
    before: SupervisionNotice,
    action: string,
  ): Promise<SupervisionNotice> {
    const after = await m.getRepository(SupervisionNotice).findOneByOrFail({ id: before.id });
    await this.audit.record(
      m,
      scope.user.id,
      action,
      'supervision_notice',
      before.id,
      { status: before.status },
      { status: after.status },
    );
    return after;
  }
}

function validText(text: string, message = '督办要求不能为空 (requirements cannot be empty)'): string {
  const trimmed = text.trim();
  if (!trimmed) throw new BadInputError(message);
  return trimmed;
}

function validResponseDue(date: string): void {
  if (!isCalendarDate(date)) throw new BadInputError('回复期限须为 YYYY-MM-DD (responseDue must be a date)');
  if (date < shanghaiToday()) throw new BadInputError('回复期限不能早于今天 (responseDue cannot be in the past)');
}
