import type { DataSource, ObjectLiteral } from 'typeorm';

/**
 * An entity's columns selected under prefixed aliases, and read back from the raw row into an
 * instance of the entity: what TypeORM's hydration does, for hot read paths (a page of tasks with the
 * measures and departments it shows) where that hydration cost more than the query. The columns come
 * from the entity's own metadata, so a new column needs no change here; virtual columns are the
 * caller's to select and read. `only` (property names) reads part of the entity, for a caller that
 * knows which properties will be used; the others are left undefined.
 */
export class EntityRows<T extends ObjectLiteral> {
  private readonly columns: { property: string; alias: string; expression: string }[];
  private readonly keyAlias: string;
  /** The select list of the entity's columns: `alias.column AS "alias_property", …`. */
  readonly selectList: string;

  constructor(
    dataSource: DataSource,
    private readonly entity: new () => T,
    private readonly tableAlias: string,
    only?: readonly string[],
  ) {
    this.columns = dataSource
      .getMetadata(entity)
      .columns.filter((c) => !c.isVirtualProperty && (!only || only.includes(c.propertyName)))
      .map((c) => ({
        property: c.propertyName,
        alias: `${tableAlias}_${c.propertyName}`,
        expression: `${tableAlias}.${c.databaseName}`,
      }));
    this.selectList = this.columns.map((c) => `${c.expression} AS "${c.alias}"`).join(', ');
    this.keyAlias = `${tableAlias}_${dataSource.getMetadata(entity).primaryColumns[0]!.propertyName}`;
  }

  /** The entity in a raw row (the key must be among the columns read); null when a LEFT JOIN found none. */
  read(row: Record<string, unknown>): T | null {
    if (row[this.keyAlias] == null) return null;
    const e = new this.entity() as Record<string, unknown>;
    for (const c of this.columns) e[c.property] = row[c.alias];
    return e as T;
  }

  /** Whether every one of `properties` is a column of the entity. */
  static areColumns(dataSource: DataSource, entity: new () => object, properties: Iterable<string>): boolean {
    const columns = new Set(dataSource.getMetadata(entity).columns.map((c) => c.propertyName));
    return [...properties].every((p) => columns.has(p));
  }

  /** The raw row's value under a column alias of this table (for virtual columns). */
  aliasOf(name: string): string {
    return `${this.tableAlias}_${name}`;
  }
}
