import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { byKeys, RequestLoaders } from '@app/common';
import { EntityRows } from '@app/database';
import type { AccessScope } from '@app/auth';
import { CLOSED_STATUSES, WorkQueueCounts } from '@app/tasks';
import { noticeScope } from '../notice-scope.js';
import { SupervisionNotice } from '../supervision-notice.entity.js';

/** WorkQueue.counts' key of supervisedCount. */
export const SUPERVISED_COUNT = 'supervisedCount';

/** An open (not closed) notice covering the task aliased `task`. */
const OPEN_NOTICE_OF = (task: string) =>
  `SELECT 1 FROM supervision_notice_task nt JOIN supervision_notice n ON n.id = nt.notice_id
   WHERE nt.task_id = ${task}.id AND n.status <> 'CLOSED'`;

/** 被督办: tasks under a notice the office has not closed yet (issued or answered). */
@Injectable()
export class SupervisedTasksService {
  private readonly notices: EntityRows<SupervisionNotice>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loaders: RequestLoaders,
    queueCounts: WorkQueueCounts,
  ) {
    this.notices = new EntityRows(dataSource, SupervisionNotice, 'n');
    // 被督办: the department's open tasks under an open notice, counted in the work queue's own statement.
    queueCounts.register(SUPERVISED_COUNT, (dep) => ({
      sql: `SELECT count(*)::int FROM task st WHERE st.department_id = ${dep} AND st.status <> ALL(:supervisedClosed)
        AND EXISTS (${OPEN_NOTICE_OF('st')})`,
      params: { supervisedClosed: CLOSED_STATUSES },
    }));
  }

  /**
   * The open notice of each task (the latest, should two cover it), among those the caller reads: one
   * statement per request. `scope` is the request's caller, the same for every key of the loader.
   */
  openNoticeLoader(request: object, scope: AccessScope) {
    return this.loaders.get<string, SupervisionNotice | null>(request, 'task.openNotice', async (taskIds) => {
      const visible = noticeScope(scope);
      const [sql, params] = this.dataSource.driver.escapeQueryWithParameters(
        `SELECT DISTINCT ON (nt.task_id) nt.task_id AS "taskId", ${this.notices.selectList}
         FROM supervision_notice_task nt JOIN supervision_notice n ON n.id = nt.notice_id
         WHERE nt.task_id = ANY(:taskIds) AND n.status <> 'CLOSED' AND ${visible.sql}
         ORDER BY nt.task_id, n.created_at DESC, n.id`,
        { taskIds: [...taskIds], ...visible.params },
      );
      const rows: Record<string, unknown>[] = await this.dataSource.query(sql, params);
      const found = rows.map((row) => ({ taskId: row.taskId as string, notice: this.notices.read(row)! }));
      return byKeys(taskIds, found, (r) => r.taskId).map((r) => r?.notice ?? null);
    });
  }
}
