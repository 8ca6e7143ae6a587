import { createHash } from 'node:crypto';
import type pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';

const names = new Map<string, string>();

/**
 * Runs a statement as a named prepared statement: each connection parses and plans it once and then
 * only binds and executes. For hot statements whose planning cost more than their execution (the
 * task page: 1.3 ms planning, 0.6 ms execution, on every request). Statements are named by their
 * SQL, so each distinct shape (scope, filters, what is joined or set) is prepared once per
 * connection; the shapes are few. Given an EntityManager inside a transaction, it runs on that
 * transaction's connection.
 */
export async function preparedRows<T>(on: DataSource | EntityManager, sql: string, values: unknown[]): Promise<T[]> {
  let name = names.get(sql);
  if (!name) {
    name = `luoshi_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    names.set(sql, name);
  }
  const result = await clientOf(on).query({ name, text: sql, values });
  return result.rows as T[];
}

function clientOf(on: DataSource | EntityManager): pg.Pool | pg.ClientBase {
  if (on instanceof DataSource) return (on.driver as unknown as { master: pg.Pool }).master;
  const runner = on.queryRunner as unknown as { databaseConnection?: pg.ClientBase } | undefined;
  if (runner?.databaseConnection) return runner.databaseConnection;
  return (on.connection.driver as unknown as { master: pg.Pool }).master;
}
