import type { DataSource, ObjectLiteral } from 'typeorm';

const TIMESTAMP_TYPES = new Set(['timestamptz', 'timestamp with time zone']);
/** Column types whose JSON text would not read back as the driver reads the column (bigint: a string there). */
const NOT_JSON_SAFE = new Set([
  'bigint',
  'int8',
  'numeric',
  'decimal',
  'timestamp',
  'timestamp without time zone',
  'bytea',
]);

/**
 * An entity's columns selected under prefixed aliases, and read back from the raw row into an
 * instance of the entity: what TypeORM's hydration does, for hot read paths (a page of tasks with the
 * measures and departments it shows) where that hydration cost more than the query. The columns come
 * from the entity's own metadata, so a new column needs no change here; virtual columns are the
 * caller's to select and read. `only` (property names) reads part of the entity, for a caller that
 * knows which properties will be used; the others are left undefined. Without the key among them,
 * read() cannot tell a LEFT JOIN's miss: such a reader is for inner joins only.
 */
export class EntityRows<T extends ObjectLiteral> {
  private readonly columns: { property: string; alias: string; expression: string; isTimestamp: boolean }[];
  /** The key's alias, when the key is among the columns read. */
  private readonly keyAlias: string | undefined;
  private readonly unsafeForJson: string | undefined;
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
        isTimestamp: TIMESTAMP_TYPES.has(typeof c.type === 'string' ? c.type : ''),
      }));
    this.unsafeForJson = dataSource
      .getMetadata(entity)
      .columns.find(
        (c) => this.columns.some((k) => k.property === c.propertyName) && NOT_JSON_SAFE.has(String(c.type)),
      )?.propertyName;
    this.selectList = this.columns.map((c) => `${c.expression} AS "${c.alias}"`).join(', ');
    const key = dataSource.getMetadata(entity).primaryColumns[0]!.propertyName;
    this.keyAlias = this.columns.find((c) => c.property === key)?.alias;
  }

  /** The entity in a raw row; null when a LEFT JOIN found none (told by the key, when read). */
  read(row: Record<string, unknown>): T | null {
    if (this.keyAlias !== undefined && row[this.keyAlias] == null) return null;
    const e = new this.entity() as Record<string, unknown>;
    for (const c of this.columns) e[c.property] = row[c.alias];
    return e as T;
  }

  /**
   * The entity's columns as one JSON object (`json_build_object('property', alias.column, …)`), for
   * entities that ride inside another statement (json_agg) rather than as its rows; readJson reads it.
   */
  get jsonObject(): string {
    const unsafe = this.unsafeForJson;
    if (unsafe) throw new Error(`${this.entity.name}.${unsafe} does not read back from JSON as from a row`);
    return `json_build_object(${this.columns.map((c) => `'${c.property}', ${c.expression}`).join(', ')})`;
  }

  /**
   * The entity in a parsed jsonObject: as read() from a row, timestamps made Dates again (JSON carries
   * them as ISO text; millisecond precision, as the driver's own parsing keeps). DATE columns stay
   * 'YYYY-MM-DD' text, as everywhere.
   */
  readJson(json: Record<string, unknown>): T {
    const e = new this.entity() as Record<string, unknown>;
    for (const c of this.columns) {
      const value = json[c.property];
      e[c.property] = c.isTimestamp && typeof value === 'string' ? new Date(value) : value;
    }
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
