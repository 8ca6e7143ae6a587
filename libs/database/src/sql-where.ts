/**
 * The WHERE conditions of hand-written SQL, for every lib: conditions ANDed, with TypeORM's named
 * parameters (`:name`, `:...list`). Named, because a query builder's `andWhere` takes no other kind,
 * while `driver.escapeQueryWithParameters` numbers them for a statement run as written
 * (`dataSource.query`, `preparedRows`) — one number per name, however often the name is used.
 * Parameters of every condition share one namespace: a lib's conditions name theirs distinctly.
 */
export class SqlWhere {
  private readonly conditions: string[] = [];
  readonly params: Record<string, unknown> = {};

  /** Adds a condition, or every condition of another SqlWhere. */
  and(condition: string | SqlWhere, params: Record<string, unknown> = {}): this {
    if (condition instanceof SqlWhere) {
      this.conditions.push(...condition.conditions);
      Object.assign(this.params, condition.params);
    } else {
      this.conditions.push(condition);
      Object.assign(this.params, params);
    }
    return this;
  }

  /**
   * and(), unless a parameter's value is null or undefined: a filter not asked for, or a scope
   * without that limit (an ADMIN's jurisdictions). Any other value counts, [] and '' included.
   */
  andGiven(condition: string, params: Record<string, unknown>): this {
    return Object.values(params).some((v) => v === null || v === undefined) ? this : this.and(condition, params);
  }

  get empty(): boolean {
    return this.conditions.length === 0;
  }

  /** Each condition parenthesized, so one holding an OR binds as a whole; `true` when there is none. */
  get sql(): string {
    return this.empty ? 'true' : this.conditions.map((c) => `(${c})`).join(' AND ');
  }
}
