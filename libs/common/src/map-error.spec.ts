import { PayloadTooLargeException } from '@nestjs/common';
import pg from 'pg';
import { ConflictError, ForbiddenError, ServiceUnavailableError } from './errors.js';
import { mapError } from './map-error.js';

function databaseError(code: string): unknown {
  const error = new pg.DatabaseError('raw driver text', 0, 'error');
  error.code = code;
  return { driverError: error };
}

describe('mapError', () => {
  it('gives a domain error its code, message and HTTP status', () => {
    expect(mapError(new ForbiddenError())).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403, log: false });
    expect(mapError(new ConflictError('任务已被他人修改'))).toMatchObject({
      message: '任务已被他人修改',
      httpStatus: 409,
    });
  });

  it('answers what the database refused by its meaning, never its text', () => {
    expect(mapError(databaseError('22P02'))).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404 });
    expect(mapError(databaseError('22021'))).toMatchObject({ code: 'BAD_USER_INPUT', httpStatus: 400 });
    expect(mapError(databaseError('23505'))).toMatchObject({ code: 'CONFLICT', httpStatus: 409 });
    expect(JSON.stringify(mapError(databaseError('23505')))).not.toMatch(/raw driver text/);
  });

  it('sends a busy database as 503 with its reason, and logs it', () => {
    const mapped = mapError(databaseError('57014'));
    expect(mapped).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', httpStatus: 503, log: true });
    expect(mapped.details).toEqual({ reason: 'SERVICE_UNAVAILABLE' });
    expect(mapError(new ServiceUnavailableError()).httpStatus).toBe(503);
  });

  it("keeps the transport's input message and Nest's own refusals as BAD_USER_INPUT", () => {
    expect(mapError(new Error('x'), 'Variable "$id" got invalid value')).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'Variable "$id" got invalid value',
      httpStatus: 400,
    });
    expect(mapError(new PayloadTooLargeException())).toMatchObject({ code: 'BAD_USER_INPUT', httpStatus: 413 });
  });

  it('hides anything else behind INTERNAL_SERVER_ERROR and asks for it to be logged', () => {
    expect(mapError(databaseError('23503'))).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      message: '服务器内部错误 (internal server error)',
      details: {},
      httpStatus: 500,
      log: true,
    });
  });
});
