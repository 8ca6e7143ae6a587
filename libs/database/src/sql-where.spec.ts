import { SqlWhere } from './sql-where.js';

describe('SqlWhere', () => {
  it('numbers each given value after the statement’s own parameters and skips absent ones', () => {
    const where = new SqlWhere(['2026-06-30'])
      .add('t.plan_id = $?', 'p1')
      .add('t.department_id = $?', undefined)
      .add('p.jurisdiction_id = ANY($?)', null)
      .add('t.status = ANY($?)', ['IN_PROGRESS']);
    expect(where.and()).toBe(' AND t.plan_id = $2 AND t.status = ANY($3)');
    expect(where.params).toEqual(['2026-06-30', 'p1', ['IN_PROGRESS']]);
  });

  it('renders nothing when no value was given', () => {
    expect(new SqlWhere().add('x = $?', undefined).and()).toBe('');
  });
});
