import pg from 'pg';

type DriverError = { code?: unknown; constraint?: unknown };

/** The error PostgreSQL sent: wrapped by TypeORM, or straight from pg (prepared statements). */
function driverErrorOf(error: unknown): DriverError | undefined {
  if (error instanceof pg.DatabaseError) return error;
  return (error as { driverError?: DriverError } | null)?.driverError;
}

/** The SQLSTATE of a failed statement. */
export function driverCode(error: unknown): string | undefined {
  const code = driverErrorOf(error)?.code;
  return typeof code === 'string' ? code : undefined;
}

const UNIQUE_VIOLATION = '23505';

/** Whether a statement failed on the unique key `constraint` (any unique key when omitted). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const driverError = driverErrorOf(error);
  return driverError?.code === UNIQUE_VIOLATION && (!constraint || driverError.constraint === constraint);
}

const QUERY_CANCELED = '57014';

/**
 * The database refused for lack of time, not because of the request: no pooled connection came
 * free within DB_POOL_ACQUIRE_TIMEOUT_MS (pg-pool's message), or a statement ran past
 * DB_STATEMENT_TIMEOUT_MS.
 */
export function isDatabaseBusy(error: unknown): boolean {
  return (
    driverCode(error) === QUERY_CANCELED ||
    (error instanceof Error && error.message === 'timeout exceeded when trying to connect')
  );
}
