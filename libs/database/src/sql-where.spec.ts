import { DataSource } from 'typeorm';
import { SqlWhere } from './sql-where.js';

describe('SqlWhere', () => {
  it('ANDs its conditions, each parenthesized, with the parameters of all', () => {
    const where = new SqlWhere()
      .and('(t.department_id = :dep OR t.measure_id IN (SELECT 1))', { dep: 'd1' })
      .and('t.due_date < :asOf AND t.status NOT IN (:...closed)', { asOf: '2026-06-30', closed: ['COMPLETED'] })
      .and('t.id > 0');
    expect(where.empty).toBe(false);
    expect(where.sql).toBe(
      '((t.department_id = :dep OR t.measure_id IN (SELECT 1))) AND (t.due_date < :asOf AND t.status NOT IN (:...closed)) AND (t.id > 0)',
    );
    expect(where.params).toEqual({ dep: 'd1', asOf: '2026-06-30', closed: ['COMPLETED'] });
  });

  it('is `true` with no condition, so it can stand after WHERE or AND', () => {
    const where = new SqlWhere();
    expect(where.empty).toBe(true);
    expect(where.sql).toBe('true');
    expect(where.params).toEqual({});
  });

  it('skips a condition whose value is not given, and keeps 0, empty strings and empty lists', () => {
    const where = new SqlWhere()
      .andGiven('t.plan_id = :planId', { planId: undefined })
      .andGiven('p.jurisdiction_id = ANY(:jids)', { jids: null })
      .andGiven('t.department_id = :dep', { dep: '' })
      .andGiven('e.level >= :min', { min: 0 })
      .andGiven('t.status = ANY(:statuses)', { statuses: [] });
    expect(where.sql).toBe('(t.department_id = :dep) AND (e.level >= :min) AND (t.status = ANY(:statuses))');
    expect(where.params).toEqual({ dep: '', min: 0, statuses: [] });
  });

  it('takes the conditions of another SqlWhere one by one, adding nothing for an empty one', () => {
    const scope = new SqlWhere().and('a = :a', { a: 1 }).and('b = :b', { b: 2 });
    const where = new SqlWhere().and(new SqlWhere()).and(scope).and('c = :c', { c: 3 });
    expect(where.sql).toBe('(a = :a) AND (b = :b) AND (c = :c)');
    expect(where.params).toEqual({ a: 1, b: 2, c: 3 });
    expect(scope.sql).toBe('(a = :a) AND (b = :b)');
  });

  it('is numbered by the PostgreSQL driver: one number per name, lists spread, casts left alone', () => {
    const driver = new DataSource({ type: 'postgres' }).driver;
    const where = new SqlWhere()
      .and('(t.department_id = :dep OR own.department_id = :dep)', { dep: 'd1' })
      .and('t.status NOT IN (:...closed)', { closed: ['COMPLETED', 'CANCELLED'] })
      .and('t.status = ANY(:statuses)', { statuses: ['IN_PROGRESS'] });
    const [sql, values] = driver.escapeQueryWithParameters(`SELECT :asOf::date FROM task t WHERE ${where.sql}`, {
      ...where.params,
      asOf: '2026-06-30',
    });
    expect(sql).toBe(
      'SELECT $1::date FROM task t WHERE ((t.department_id = $2 OR own.department_id = $2)) AND (t.status NOT IN ($3, $4)) AND (t.status = ANY($5))',
    );
    expect(values).toEqual(['2026-06-30', 'd1', 'COMPLETED', 'CANCELLED', ['IN_PROGRESS']]);
  });
});
