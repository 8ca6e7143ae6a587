import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { groupByKeys, RequestLoaders } from '@app/common';
import type { AccessScope } from '@app/auth';
import { Task, TaskAccess } from '@app/tasks';

const QUEUE_LIMIT = 200;

/** The supervision office's queue, and the tasks of each notice. */
@Injectable()
export class SupervisionQueueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TaskAccess,
    private readonly loaders: RequestLoaders,
  ) {}

  /** 待督办: open tasks at level 3 (督办) or above that no open notice covers yet, longest overdue first. */
  queue(scope: AccessScope): Promise<Task[]> {
    this.access.assertReviewer(scope);
    return this.access
      .restrict(this.dataSource.getRepository(Task).createQueryBuilder('t'), scope)
      .andWhere('t.id IN (SELECT task_id FROM task_escalation WHERE open AND level >= 3)')
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM supervision_notice_task nt JOIN supervision_notice n ON n.id = nt.notice_id
                     WHERE nt.task_id = t.id AND n.status <> 'CLOSED')`,
      )
      .orderBy('t.due_date')
      .addOrderBy('t.id')
      .limit(QUEUE_LIMIT)
      .getMany();
  }

  /** A notice's tasks, through the task scope: a notice never shows a task `task(id)` would refuse. */
  tasksOfNoticeLoader(request: object, scope: AccessScope) {
    return this.loaders.get<string, Task[]>(request, 'notice.tasks', async (noticeIds) => {
      const links: { notice_id: string; task_id: string }[] = await this.dataSource.query(
        'SELECT notice_id, task_id FROM supervision_notice_task WHERE notice_id = ANY($1::uuid[])',
        [[...noticeIds]],
      );
      const tasks = await this.access
        .restrict(this.dataSource.getRepository(Task).createQueryBuilder('t'), scope)
        .andWhere('t.id = ANY(:ids)', { ids: links.map((l) => l.task_id) })
        .getMany();
      const byId = new Map(tasks.map((t) => [t.id, t]));
      const rows = links.flatMap((l) =>
        byId.has(l.task_id) ? [{ noticeId: l.notice_id, task: byId.get(l.task_id)! }] : [],
      );
      rows.sort((a, b) => a.task.dueDate.localeCompare(b.task.dueDate) || a.task.id.localeCompare(b.task.id));
      return groupByKeys(noticeIds, rows, (r) => r.noticeId).map((group) => group.map((r) => r.task));
    });
  }
}
