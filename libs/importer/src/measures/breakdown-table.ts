// Task-breakdown tables (任务分解表): rows `序号 | 任务 | 牵头单位 | 配合单位 | 完成时限`, separated by `|`,
// by tabs, or printed one cell per line after a header of one cell per line. Each row is a measure.
import { matchingForm, type SourceLine } from '../normalise.js';

export type Column = 'seq' | 'task' | 'lead' | 'cooperating' | 'responsible' | 'deadline' | 'other';

export interface TableCell {
  original: string;
  text: string;
}

export interface TableRow {
  /** The row's first line. */
  line: SourceLine;
  cells: Partial<Record<Column, TableCell>>;
}

export interface BreakdownTable {
  /** The line above the header when it names the table (…任务分解表). */
  caption: string | null;
  header: SourceLine;
  rows: TableRow[];
  /** Every line the table takes, header included: none of them is outline text. */
  lineNos: Set<number>;
}

function columnOf(title: string): Column {
  const t = title.replace(/\s/g, '');
  if (/^(序号|编号)$/.test(t)) return 'seq';
  if (/牵头|主责/.test(t)) return 'lead';
  if (/配合|协办|参与|协同/.test(t)) return 'cooperating';
  if (/责任(单位|部门)|负责(单位|部门)/.test(t)) return 'responsible';
  if (/时限|时间|期限|节点/.test(t)) return 'deadline';
  if (/任务|内容|事项|措施/.test(t)) return 'task';
  return 'other';
}

function isHeaderCells(titles: string[]): boolean {
  const columns = titles.map(columnOf);
  return columns.includes('task') && (columns.includes('lead') || columns.includes('responsible'));
}

function cellsOf(line: SourceLine): TableCell[] | null {
  if (line.text.includes('|')) {
    const originals = line.original.split('|');
    const texts = line.text.split('|');
    if (originals.length !== texts.length) return null;
    return trimTrailing(originals.map((o, i) => ({ original: o.trim(), text: texts[i]!.trim() })));
  }
  if (!line.original.includes('\t')) return null;
  const originals = line.original.split('\t').map((o) => o.trim());
  const texts = line.text.split(' ');
  // Tabs became single spaces in the matching form; when a cell holds a space of its own, match each cell anew.
  const aligned = texts.length === originals.length;
  return trimTrailing(originals.map((o, i) => ({ original: o, text: aligned ? texts[i]! : matchingForm(o) })));
}

function trimTrailing(cells: TableCell[]): TableCell[] {
  while (cells.length > 0 && !cells.at(-1)!.original) cells.pop();
  return cells;
}

/** A header row on one line (`序号 | 任务 | 牵头单位 …`), or the first cell of a header printed one cell per line. */
export function isTableHeader(text: string): boolean {
  if (text === '序号') return true;
  const cells = text.split(/\s*\|\s*|\s+/).filter(Boolean);
  return cells.length >= 3 && cells[0] === '序号' && isHeaderCells(cells);
}

const SEQ = /^\d{1,3}$/;

function captionAbove(lines: SourceLine[], at: number): string | null {
  const above = lines[at - 1];
  return above && /表/.test(above.text) && !/[。，：]/.test(above.text) ? above.original : null;
}

function rowOf(line: SourceLine, columns: Column[], cells: TableCell[]): TableRow {
  const row: TableRow = { line, cells: {} };
  columns.forEach((column, i) => {
    const cell = cells[i];
    if (cell?.original && column !== 'other') row.cells[column] = cell;
  });
  return row;
}

/** Rows on one line each, cells split by `|` or tabs. */
function readInlineTable(lines: SourceLine[], at: number): BreakdownTable | null {
  const headerCells = cellsOf(lines[at]!);
  if (!headerCells || !isHeaderCells(headerCells.map((c) => c.text))) return null;
  const columns = headerCells.map((c) => columnOf(c.text));
  const table: BreakdownTable = {
    caption: captionAbove(lines, at),
    header: lines[at]!,
    rows: [],
    lineNos: new Set([lines[at]!.no]),
  };
  for (let i = at + 1; i < lines.length; i++) {
    const cells = cellsOf(lines[i]!);
    if (!cells || !SEQ.test(cells[0]?.text ?? '')) break;
    table.rows.push(rowOf(lines[i]!, columns, cells));
    table.lineNos.add(lines[i]!.no);
  }
  return table.rows.length > 0 ? table : null;
}

const LOOKS_LIKE_DEADLINE = /\d{4}\s*年|长期|持续|常态|每年|每季度|每月/;

/** Header and rows one cell per line: a row starts at its number and runs to the next one. */
function readCellPerLineTable(lines: SourceLine[], at: number): BreakdownTable | null {
  const columns: Column[] = [];
  let i = at;
  while (i < lines.length && !SEQ.test(lines[i]!.text) && columns.length < 8) columns.push(columnOf(lines[i++]!.text));
  if (!isHeaderCells(lines.slice(at, i).map((l) => l.text))) return null;
  const table: BreakdownTable = {
    caption: captionAbove(lines, at),
    header: lines[at]!,
    rows: [],
    lineNos: new Set(lines.slice(at, i).map((l) => l.no)),
  };
  for (let seq = 1; i < lines.length && lines[i]!.text === String(seq); seq++) {
    const start = i;
    i++;
    while (i < lines.length && i - start < columns.length && lines[i]!.text !== String(seq + 1)) i++;
    const rowLines = lines.slice(start, i);
    table.rows.push(rowOf(lines[start]!, fitColumns(columns, rowLines), rowLines.map(asCell)));
    for (const l of rowLines) table.lineNos.add(l.no);
  }
  return table.rows.length > 0 ? table : null;
}

function asCell(line: SourceLine): TableCell {
  return { original: line.original, text: line.text };
}

/** With empty cells left out, the deadline still goes last when it looks like one, the units in order before it. */
function fitColumns(columns: Column[], rowLines: SourceLine[]): Column[] {
  if (rowLines.length === columns.length) return columns;
  const fitted = columns.slice(0, rowLines.length);
  const deadlineAt = columns.indexOf('deadline');
  if (deadlineAt >= 0 && LOOKS_LIKE_DEADLINE.test(rowLines.at(-1)!.text)) {
    fitted[rowLines.length - 1] = 'deadline';
  }
  return fitted;
}

/** Every task-breakdown table among the lines. */
export function findBreakdownTables(lines: SourceLine[]): BreakdownTable[] {
  const tables: BreakdownTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!isTableHeader(lines[i]!.text)) continue;
    const table = lines[i]!.text === '序号' ? readCellPerLineTable(lines, i) : readInlineTable(lines, i);
    if (!table) continue;
    tables.push(table);
    while (i + 1 < lines.length && table.lineNos.has(lines[i + 1]!.no)) i++;
  }
  return tables;
}
