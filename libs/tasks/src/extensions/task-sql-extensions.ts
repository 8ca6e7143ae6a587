import { Injectable } from '@nestjs/common';
import type { TaskFilter } from '../dtos/task-filter.input.js';
import { SqlWhere } from '@app/database';

/**
 * The TaskFilter arguments whose data a lib above tasks keeps (`minEscalationLevel`: escalation's
 * task_escalation). The argument stays in tasks' input type, so the API does not depend on which lib
 * answers it; the lib that owns the data contributes the condition.
 */
export type ContributedTaskFilter = 'minEscalationLevel';

/**
 * 任务列表的外部筛选: conditions on the task list (`task` aliased `t`) contributed by the lib that owns
 * their data. Tasks names none of its tables; the owner registers at module init, as
 * `DepartmentMergeParticipants` and `TaskEvents` listeners do. A filter asked with no lib registered
 * for it is a wiring mistake, not the client's: it fails rather than answering an unfiltered list.
 */
@Injectable()
export class TaskListFilters {
  private readonly conditions = new Map<ContributedTaskFilter, (value: number) => SqlWhere>();

  register(argument: ContributedTaskFilter, condition: (value: number) => SqlWhere): void {
    this.conditions.set(argument, condition);
  }

  of(filter: TaskFilter): SqlWhere {
    const where = new SqlWhere();
    for (const argument of ['minEscalationLevel'] as const) {
      const value = filter[argument];
      if (value == null) continue;
      const condition = this.conditions.get(argument);
      if (!condition) throw new Error(`no lib answers the task filter ${argument}`);
      where.and(condition(value));
    }
    return where;
  }
}

/**
 * Values a lib above tasks keeps of each task that belong in the task's audit snapshot (before and
 * after a change): escalation's level, which a new due date moves through a trigger. Each is a SQL
 * expression over a task row aliased as given; tasks selects them beside its own columns.
 */
@Injectable()
export class TaskSnapshotFields {
  private readonly fields = new Map<string, (taskAlias: string) => string>();

  register(name: string, expression: (taskAlias: string) => string): void {
    this.fields.set(name, expression);
  }

  get names(): string[] {
    return [...this.fields.keys()];
  }

  /** `<expr> AS "<name>", …` over `taskAlias`; empty when none registered. */
  columns(taskAlias: string): string {
    return [...this.fields].map(([name, expression]) => `${expression(taskAlias)} AS "${name}"`).join(', ');
  }

  /** columns() to follow a select list: with its leading comma, or empty. */
  selectList(taskAlias: string): string {
    return this.fields.size ? `, ${this.columns(taskAlias)}` : '';
  }

  /** `'<name>', <expr>…` for a jsonb_build_object over `taskAlias`, each preceded by a comma. */
  jsonPairs(taskAlias: string): string {
    return [...this.fields].map(([name, expression]) => `, '${name}', ${expression(taskAlias)}`).join('');
  }
}

/** A SQL expression with the named parameters it binds (a value, not a condition: SqlWhere is for those). */
export interface SqlExpression {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Counts a lib above tasks answers beside a liaison's work queue (supervision's `supervisedCount`),
 * computed in the queue's one statement rather than a statement of their own: each is a SQL
 * expression over the department, given as the name of a bound parameter (`:queueDep`). The queue
 * hands the values to the lib's own field resolver through WorkQueue.counts.
 */
@Injectable()
export class WorkQueueCounts {
  private readonly counts = new Map<string, (departmentParam: string) => SqlExpression>();

  register(name: string, count: (departmentParam: string) => SqlExpression): void {
    this.counts.set(name, count);
  }

  /** `, 'name', (expr)…` for a json_build_object, with the parameters they bind. */
  jsonPairs(departmentParam: string): SqlExpression {
    let sql = '';
    const params: Record<string, unknown> = {};
    for (const [name, count] of this.counts) {
      const c = count(departmentParam);
      sql += `, '${name}', (${c.sql})`;
      Object.assign(params, c.params);
    }
    return { sql, params };
  }
}
