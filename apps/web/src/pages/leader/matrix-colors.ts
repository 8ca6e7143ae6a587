/** Heat-map colours of the responsibility matrix: status, overdue, escalation level. */
export interface CellLike {
  status: string;
  overdue: boolean;
  escalationLevel: number;
}

export const STATUS_COLORS: Record<string, string> = {
  NOT_STARTED: '#bfbfbf',
  IN_PROGRESS: '#1677ff',
  PENDING_REVIEW: '#722ed1',
  COMPLETED: '#52c41a',
  CANCELLED: '#e8e8e8',
};

export const OVERDUE_COLORS: Record<number, string> = {
  0: '#ff7875',
  1: '#ff7875',
  2: '#f5222d',
  3: '#a8071a',
  4: '#5c0011',
};

export const DUE_SOON_COLOR = '#faad14';

export function cellColor(c: CellLike): string {
  if (c.status === 'COMPLETED' || c.status === 'CANCELLED') return STATUS_COLORS[c.status]!;
  if (c.overdue) return OVERDUE_COLORS[Math.min(4, c.escalationLevel)]!;
  if (c.escalationLevel >= 1) return DUE_SOON_COLOR;
  return STATUS_COLORS[c.status] ?? '#bfbfbf';
}
