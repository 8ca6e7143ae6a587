import type { ArgumentsHost } from '@nestjs/common';
import pg from 'pg';
import { RestErrorFilter } from './rest-error.filter.js';

/** What the filter answers for `error`: its status and JSON body. */
function answer(error: unknown): { status: number; body: Record<string, unknown> } {
  const sent = { status: 0, body: {} as Record<string, unknown> };
  const res = {
    status: (status: number) => ((sent.status = status), res),
    json: (body: Record<string, unknown>) => (sent.body = body),
  };
  new RestErrorFilter().catch(error, { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost);
  return sent;
}

describe('RestErrorFilter', () => {
  it('maps a unique violation from a race (SQLSTATE 23505) as GraphQL does: 409 CONFLICT', () => {
    const error = new pg.DatabaseError('duplicate key value violates unique constraint "x"', 0, 'error');
    error.code = '23505';
    const { status, body } = answer({ driverError: error });
    expect(status).toBe(409);
    expect(body.code).toBe('CONFLICT');
    expect(JSON.stringify(body)).not.toMatch(/duplicate key/);
  });
});
