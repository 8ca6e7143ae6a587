// The body of an indicator table: the cells under the header, up to where the table visibly ends.
import type { SourceLine } from '../normalise.js';
import {
  emptyCell,
  headingLevel,
  isChapterHeading,
  isRuleLine,
  isTableFootnote,
  lineCells,
  looksLikeProse,
  type Cell,
} from './cells.js';
import type { TableHeader } from './header.js';

/** Whether this line cannot be part of the table any more. */
function endsTable(line: SourceLine, header: TableHeader): boolean {
  const text = line.text.replace(/\|/g, '').trim();
  if (header.piped && !line.original.includes('|')) return true;
  if (header.layout === 'tab-rows' && !line.original.includes('\t')) return true;
  if (isChapterHeading(text) || isTableFootnote(text)) return true;
  const roles = new Set(header.columns.map((c) => c.role));
  // Tables whose categories are numbered (一、医疗质量 （一）功能定位) keep such lines; others end at a heading.
  if (!roles.has('category') && headingLevel(text) > 0) return true;
  return header.layout === 'cell-per-line' && !roles.has('note') && looksLikeProse(text);
}

/**
 * Cells of a one-cell-per-line table, in order. Normalisation drops blank lines, and with them the
 * tab-only lines of empty cells; a gap wider than the header's spacing stands for them as empty cells.
 */
export function cellStream(lines: SourceLine[], header: TableHeader, end: number): Cell[] {
  const cells: Cell[] = [];
  let previous = lines[header.last]!.no;
  for (let i = header.last + 1; i < end && !endsTable(lines[i]!, header); i++) {
    const line = lines[i]!;
    const missing = Math.floor((line.no - previous) / header.spacing) - 1;
    for (let k = 1; k <= missing; k++) cells.push(emptyCell(previous + k * header.spacing));
    cells.push(...lineCells(line, header.layout));
    previous = line.no;
  }
  return cells;
}

/** Rows of a table printed one row per line (`|` or tab separated). */
export function lineRows(lines: SourceLine[], header: TableHeader, end: number): Cell[][] {
  const rows: Cell[][] = [];
  for (let i = header.last + 1; i < end && !endsTable(lines[i]!, header); i++) {
    if (!isRuleLine(lines[i]!)) rows.push(lineCells(lines[i]!, header.layout));
  }
  return rows;
}
