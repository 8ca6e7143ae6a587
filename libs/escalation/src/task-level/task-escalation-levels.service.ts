import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RequestLoaders } from '@app/common';
import { SqlWhere } from '@app/database';
import { TaskListFilters, TaskSnapshotFields } from '@app/tasks';

/** The level of a task row aliased `t`: task_escalation is kept beside task so a raise never rewrites the task. */
const levelOf = (t: string) => `(SELECT level FROM task_escalation WHERE task_id = ${t}.id)`;

/**
 * 预警级别 of tasks: Task.escalationLevel (one statement per request for all the tasks it shows, and
 * none when no task's level is asked), the task list's `minEscalationLevel` filter, and the level in
 * a task's audit snapshot — contributed to libs/tasks through the extension points it owns.
 */
@Injectable()
export class TaskEscalationLevels implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loaders: RequestLoaders,
    private readonly filters: TaskListFilters,
    private readonly snapshotFields: TaskSnapshotFields,
  ) {}

  onModuleInit(): void {
    this.filters.register('minEscalationLevel', (min) =>
      new SqlWhere().and('t.id IN (SELECT task_id FROM task_escalation WHERE level >= :minLevel)', { minLevel: min }),
    );
    this.snapshotFields.register('escalationLevel', levelOf);
  }

  /** Each task's level for its current due date; every task has its state row (trigger on insert). */
  levelLoader(request: object) {
    return this.loaders.get<string, number>(request, 'task.escalationLevel', async (taskIds) => {
      const rows: { task_id: string; level: number }[] = await this.dataSource.query(
        'SELECT task_id, level FROM task_escalation WHERE task_id = ANY($1::uuid[])',
        [[...taskIds]],
      );
      const levels = new Map(rows.map((r) => [r.task_id, r.level]));
      return taskIds.map((id) => levels.get(id) ?? 0);
    });
  }
}
