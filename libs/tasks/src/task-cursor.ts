import { BadInputError } from '@app/common';

/** Opaque Relay cursor over the tasks order (due date, id). */
export interface TaskCursor {
  dueDate: string;
  id: string;
}

export function encodeCursor(c: TaskCursor): string {
  return Buffer.from(`${c.dueDate}|${c.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): TaskCursor {
  const [dueDate, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!dueDate || !id || !/^\d{4}-\d{2}-\d{2}$/.test(dueDate) || !/^[0-9a-f-]{36}$/.test(id))
    throw new BadInputError('无效的分页游标 (invalid cursor)');
  return { dueDate, id };
}
