import { Kind } from 'graphql';
import { DateScalar } from './scalars.js';

describe('DateScalar', () => {
  const scalar = new DateScalar();

  it('reads only real calendar dates from clients', () => {
    expect(scalar.parseValue('2026-02-28')).toBe('2026-02-28');
    expect(scalar.parseLiteral({ kind: Kind.STRING, value: '2024-02-29' })).toBe('2024-02-29');
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-01', '20260101', '', 20260101, null]) {
      expect(() => scalar.parseValue(bad)).toThrow('YYYY-MM-DD');
    }
    expect(() => scalar.parseLiteral({ kind: Kind.INT, value: '20260101' })).toThrow('YYYY-MM-DD');
  });

  it('writes stored dates and refuses anything not shaped YYYY-MM-DD', () => {
    expect(scalar.serialize('2026-11-23')).toBe('2026-11-23');
    for (const bad of [new Date('2026-11-23'), '2026-11-23T00:00:00Z', '23.11.2026', undefined]) {
      expect(() => scalar.serialize(bad)).toThrow('YYYY-MM-DD');
    }
  });
});
