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

/** Which colour a cell has, as a CSS class name (`tone-…`); TONE_CSS gives each its colour. */
export function cellTone(c: CellLike): string {
  if (c.status === 'COMPLETED' || c.status === 'CANCELLED') return `tone-${c.status}`;
  if (c.overdue) return `tone-overdue-${Math.min(4, c.escalationLevel)}`;
  if (c.escalationLevel >= 1) return 'tone-due-soon';
  return STATUS_COLORS[c.status] ? `tone-${c.status}` : 'tone-NOT_STARTED';
}

/**
 * One rule per colour: the cells carry a class rather than an inline style, so the browser matches a
 * handful of rules instead of parsing hundreds of style attributes (the matrix's first paint).
 */
export const TONE_CSS = [
  ...Object.entries(STATUS_COLORS).map(([status, color]) => `.matrix .tone-${status}{background-color:${color}}`),
  ...Object.entries(OVERDUE_COLORS).map(
    ([level, color]) => `.matrix .tone-overdue-${level}{background-color:${color}}`,
  ),
  `.matrix .tone-due-soon{background-color:${DUE_SOON_COLOR}}`,
].join('\n');
