import { Scalar, type CustomScalar } from '@nestjs/graphql';
import { Kind, GraphQLError, type ValueNode } from 'graphql';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError(`日期格式应为 YYYY-MM-DD (Date must be YYYY-MM-DD): ${JSON.stringify(value)}`);
  }
  return value;
}

/** Type marker for `@Field(() => CalendarDate)`: the value itself is a YYYY-MM-DD string. */
export class CalendarDate {}

/** Calendar date YYYY-MM-DD in the Asia/Shanghai calendar; carried as a string end to end. */
@Scalar('Date', () => CalendarDate)
export class DateScalar implements CustomScalar<string, string> {
  description = 'Calendar date YYYY-MM-DD in the Asia/Shanghai calendar.';
  parseValue(value: unknown): string {
    return parseDate(value);
  }
  /**
   * Outgoing dates come from DATE columns, which hold only real dates: the shape is checked, not the
   * calendar (a page of tasks serializes a hundred of them; the calendar check built a Date for each).
   */
  serialize(value: unknown): string {
    if (typeof value === 'string' && DATE_RE.test(value)) return value;
    throw new GraphQLError(`日期格式应为 YYYY-MM-DD (Date must be YYYY-MM-DD): ${JSON.stringify(value)}`);
  }
  parseLiteral(ast: ValueNode): string {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string YYYY-MM-DD');
    return parseDate(ast.value);
  }
}

@Scalar('DateTime', () => Date)
export class DateTimeScalar implements CustomScalar<string, Date> {
  description = 'ISO-8601 instant with offset.';
  parseValue(value: unknown): Date {
    return parseInstant(value);
  }
  serialize(value: unknown): string {
    return (value instanceof Date ? value : parseInstant(value)).toISOString();
  }
  parseLiteral(ast: ValueNode): Date {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be an ISO-8601 string');
    return parseInstant(ast.value);
  }
}

function parseInstant(value: unknown): Date {
  const d = typeof value === 'string' ? new Date(value) : null;
  if (!d || Number.isNaN(d.getTime())) throw new GraphQLError(`Invalid DateTime: ${JSON.stringify(value)}`);
  return d;
}
