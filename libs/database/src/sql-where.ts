/**
 * The WHERE conditions of hand-written SQL, in one place for every lib. Two parameter styles, because
 * two ways of running SQL take them:
 * - `SqlCondition`: one condition with TypeORM's named parameters (`:name`, `:...list`), for a query
 *   builder's `andWhere` or `driver.escapeQueryWithParameters` (the task list and its scope);
 * - `SqlWhere`: conditions with numbered parameters (`$1`…) for `dataSource.query`, each added only
 *   when its value is given (the overview and scorecard statements).
 */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/** SQL conditions with numbered parameters, each added only when its value is given. */
export class SqlWhere {
  private readonly parts: string[] = [];

  constructor(readonly params: unknown[] = []) {}

  /** `condition` names its parameter `$?`; skipped when `value` is null or undefined. */
  add(condition: string, value: unknown): this {
    if (value === null || value === undefined) return this;
    this.params.push(value);
    this.parts.push(condition.replace('$?', `$${this.params.length}`));
    return this;
  }

  /** ` AND …` for each condition added, to follow a WHERE that has at least one condition. */
  and(): string {
    return this.parts.map((p) => ` AND ${p}`).join('');
  }
}
