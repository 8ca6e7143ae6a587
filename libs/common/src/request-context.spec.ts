import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import pg from 'pg';
import { parseConfig } from './config.js';
import { formatGraphqlError } from './format-graphql-error.js';
import { createLogger, PinoLoggerService } from './logger.js';
import { requestIdFrom, runWithRequestId } from './request-context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids', () => {
  const capture = () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const logger = createLogger(parseConfig({ LOG_LEVEL: 'info' }), 'test', stream);
    return { lines, nest: new PinoLoggerService(logger) };
  };

  it("keeps a caller's plain X-Request-Id and replaces a missing, long or odd one by a UUID", () => {
    expect(requestIdFrom('edge-7f3a.42:1')).toBe('edge-7f3a.42:1');
    expect(requestIdFrom(['first-id', 'second'])).toBe('first-id');
    for (const bad of [undefined, '', 'x'.repeat(129), 'has space', 'a\nforged log line', '<script>'])
      expect(requestIdFrom(bad)).toMatch(UUID);
  });

  it("writes the request's id on every log line of it, across awaits and timers, and the GraphQL error log", async () => {
    const { lines, nest } = capture();
    await runWithRequestId('req-under-test', async () => {
      nest.log('service line', 'TasksService');
      await new Promise((r) => setTimeout(r, 5));
      const sqlError = new pg.DatabaseError('insert or update violates foreign key', 0, 'error');
      sqlError.code = '23503';
      formatGraphqlError({ message: 'raw' }, new GraphQLError('raw', { originalError: sqlError }), (e) =>
        nest.error(e, 'GraphQL'),
      );
    });
    nest.log('outside any request');
    expect(lines.map((l) => [l.msg ?? (l.err as { message: string }).message, l.reqId])).toEqual([
      ['service line', 'req-under-test'],
      ['insert or update violates foreign key', 'req-under-test'],
      ['outside any request', undefined],
    ]);
  });
});
