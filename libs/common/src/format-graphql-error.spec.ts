import { GraphQLError } from 'graphql';
import pg from 'pg';
import { formatGraphqlError } from './format-graphql-error.js';

/** What pg throws for a statement PostgreSQL refused with `code`. */
function databaseError(code: string): pg.DatabaseError {
  const error = new pg.DatabaseError('duplicate key value violates unique constraint "x"', 0, 'error');
  error.code = code;
  return error;
}

describe('formatGraphqlError', () => {
  const format = (error: unknown) => {
    const unexpected: unknown[] = [];
    const graphqlError = new GraphQLError('raw', { originalError: error as Error });
    return { formatted: formatGraphqlError({ message: 'raw' }, graphqlError, (e) => unexpected.push(e)), unexpected };
  };

  it('answers a unique violation from a race (SQLSTATE 23505) as CONFLICT, without the driver text', () => {
    for (const error of [databaseError('23505'), { driverError: databaseError('23505') }]) {
      const { formatted, unexpected } = format(error);
      expect(formatted.extensions?.code).toBe('CONFLICT');
      expect(formatted.message).not.toMatch(/duplicate key|constraint/);
      expect(unexpected).toEqual([]);
    }
  });

  it('still answers other database errors as INTERNAL_SERVER_ERROR, and logs them', () => {
    const { formatted, unexpected } = format(databaseError('23503'));
    expect(formatted.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(unexpected).toHaveLength(1);
  });
});
