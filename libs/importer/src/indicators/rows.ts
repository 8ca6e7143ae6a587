// Cutting the cell stream of a one-cell-per-line table into rows. A row's cell count varies (a category
// written once spans several rows, Word wraps long cells), so rows are found by anchors: the nature cell
// (预期性/约束性) that closes a row, the row number (序号) that opens one, or the blank line between rows.
import { headingLevel, isNatureWord, isNoteText, isRowNumber, isValue, type Cell } from './cells.js';
import type { Column } from './header.js';

/** Could this cell open a row rather than continue the last one (a heading, a numbered name, a row number)? */
function opensRow(cell: Cell): boolean {
  return headingLevel(cell.text) > 0 || /^\d+[.、]/.test(cell.text) || isRowNumber(cell.text);
}

function isPlainText(cell: Cell | undefined): boolean {
  return !!cell && !cell.empty && !isValue(cell.text) && !isRowNumber(cell.text) && !isNatureWord(cell.text);
}

/** End of the cells after a nature cell that belong to its row: the columns after it (指标说明), wrapped or not. */
function afterNature(cells: Cell[], from: number, trailingColumns: number): number {
  let end = from;
  while (
    end < cells.length &&
    !opensRow(cells[end]!) &&
    (end - from < trailingColumns || (trailingColumns > 0 && isNoteText(cells[end]!.text)))
  )
    end++;
  return end;
}

/**
 * Rows closed by their nature cell. What is left after the last one is a row only if it has figures (its
 * nature cell was empty); otherwise it is whatever follows the table (the next heading), not the table.
 */
function rowsByNature(cells: Cell[], columns: Column[]): Cell[][] {
  const trailingColumns = columns.length - 1 - columns.findIndex((c) => c.role === 'nature');
  const rows: Cell[][] = [];
  let start = 0;
  for (let i = 0; i < cells.length; i++) {
    if (!isNatureWord(cells[i]!.text)) continue;
    const end = afterNature(cells, i + 1, trailingColumns);
    rows.push(cells.slice(start, end));
    start = end;
    i = end - 1;
  }
  const rest = cells.slice(start);
  if (rest.some((c) => !c.empty && isValue(c.text))) rows.push(rest);
  return rows;
}

/**
 * Does a row number open a row here? It must be followed by text (a name) and, after the first, follow
 * the last one closely: a figure such as 9 or 100 in a value column is no row number.
 */
function opensNumberedRow(cells: Cell[], i: number, last: number | null): boolean {
  const cell = cells[i]!;
  if (!isRowNumber(cell.text) || !isPlainText(cells[i + 1])) return false;
  const n = Number(cell.text);
  return last === null || (n > last && n <= last + 5);
}

/** Where rows open, by their row numbers; a category column printed before the number pulls its cells in. */
function numberedStarts(cells: Cell[], columns: Column[]): number[] {
  const seqAt = columns.findIndex((c) => c.role === 'seq');
  const categoriesBefore = columns.slice(0, seqAt).filter((c) => c.role === 'category').length;
  const starts: number[] = [];
  let last: number | null = null;
  for (let i = 0; i < cells.length; i++) {
    const previousStart = starts.at(-1) ?? -Infinity;
    if (i - previousStart < 2 || !opensNumberedRow(cells, i, last)) continue;
    let start = i;
    while (categoriesBefore > 0 && i - start < 3 && start - 1 > previousStart + 1 && isPlainText(cells[start - 1]))
      start--;
    starts.push(start);
    last = Number(cells[i]!.text);
  }
  if (starts.length) starts[0] = 0; // anything before the first number belongs to the first row
  return starts;
}

function sliceAt(cells: Cell[], starts: number[], lastEnd: number): Cell[][] {
  return starts.map((s, k) => cells.slice(s, starts[k + 1] ?? lastEnd));
}

/** Rows opened by their row number. The last runs to where the body stopped, but no further than a row's width. */
function rowsByNumber(cells: Cell[], columns: Column[]): Cell[][] {
  const starts = numberedStarts(cells, columns);
  return starts.length ? sliceAt(cells, starts, Math.min(cells.length, starts.at(-1)! + columns.length + 2)) : [];
}

/** A row whose nature cell was empty runs into the next one; where row numbers are printed, they part them. */
function partByNumber(row: Cell[], columns: Column[]): Cell[][] {
  const starts = numberedStarts(row, columns);
  return starts.length > 1 ? sliceAt(row, starts, row.length) : [row];
}

/** Rows separated by blank lines, or failing those, one row per header width. */
function rowsByGaps(cells: Cell[], columns: Column[]): Cell[][] {
  const rows: Cell[][] = [[]];
  const gapped = cells.some((c) => c.empty);
  for (const cell of cells) {
    const current = rows.at(-1)!;
    if (gapped ? cell.empty : current.length === columns.length) rows.push(gapped ? [] : [cell]);
    else current.push(cell);
  }
  return rows.filter((r) => r.length > 0);
}

export function splitRows(cells: Cell[], columns: Column[]): Cell[][] {
  const roles = new Set(columns.map((c) => c.role));
  if (roles.has('nature')) {
    const rows = rowsByNature(cells, columns);
    return roles.has('seq') ? rows.flatMap((row) => partByNumber(row, columns)) : rows;
  }
  if (roles.has('seq')) return rowsByNumber(cells, columns);
  return rowsByGaps(cells, columns);
}
