// Fitting one row's cells to the header's columns. Rows rarely have one cell per column: a category
// written once spans the rows below it, Word wraps a long cell over two lines, an empty cell leaves only
// a gap. The best fit is found as an edit distance between cells and columns, each cell scored by how
// well it looks like what the column holds.
import { headingLevel, isNatureWord, isRowNumber, isValue, type Cell } from './cells.js';
import type { Column, ColumnRole } from './header.js';

export interface RowFit {
  /** Cells of each column, in column order; several when a wrapped cell was joined, none when missing. */
  cells: Cell[][];
  /** Total misfit; 0 is a row exactly as the header promises. */
  cost: number;
}

/** Above this, the row is not read as an indicator. */
export const UNREADABLE = 5;

/** What a cell looks like, worked out once per row rather than once per column tried. */
interface CellKind {
  empty: boolean;
  rowNumber: boolean;
  nature: boolean;
  value: boolean;
  /** Outline level of a numbered heading (一、 1, （一） 2), else 0. */
  level: number;
  short: boolean;
}

function kindOf(cell: Cell): CellKind {
  const t = cell.text;
  return {
    empty: cell.empty,
    rowNumber: isRowNumber(t),
    nature: isNatureWord(t),
    value: isValue(t),
    level: headingLevel(t),
    short: t.length <= 6,
  };
}

function textCost(k: CellKind, column: Column): number {
  switch (column.role) {
    case 'seq':
      return k.rowNumber ? 0 : 6;
    case 'nature':
      return k.nature ? 0 : 6;
    case 'name':
      return k.nature ? 10 : k.value ? 4 : k.level > 0 ? 2 : 0;
    case 'category':
      if (k.nature || k.value) return 6;
      if (k.level > 0) return column.level === 0 || column.level === k.level ? 0 : 3;
      return 0.5; // a little dearer than a name, so that a lone text cell is the name
    case 'unit':
      return k.short && !k.value ? 0 : 3;
    case 'baseline':
    case 'target':
      return k.nature ? 10 : k.value ? 0 : 2.5;
    case 'note':
      return k.nature ? 5 : 0;
  }
}

// An empty cell: natural under a spanning category or a missing figure, never a name.
const EMPTY_COST: Record<ColumnRole, number> = {
  seq: 5,
  category: 0,
  name: 20,
  unit: 0.2,
  baseline: 0.2,
  target: 0.2,
  nature: 3,
  note: 0.1,
};

// A column with no cell at all: a spanning category (inherited), or something missing.
const SKIP_COST: Record<ColumnRole, number> = {
  seq: 2,
  category: 0.5,
  name: 20,
  unit: 1,
  baseline: 2,
  target: 2,
  nature: 3,
  note: 0.1,
};

// A cell joined to the column before it (Word wrapped it): usual for text, suspicious for figures.
const JOIN_COST: Record<ColumnRole, number> = {
  seq: 10,
  category: 1,
  name: 1,
  unit: 2,
  baseline: 1.5,
  target: 1.5,
  nature: 10,
  note: 0.1,
};

/** A figure wrapped into a name or category is far less likely than a figure cell wrapped in two. */
function joinCost(k: CellKind, column: Column): number {
  const textual = column.role === 'name' || column.role === 'category';
  return JOIN_COST[column.role] + (textual && k.value ? 4 : 0);
}

function fillCost(k: CellKind, column: Column): number {
  return k.empty ? EMPTY_COST[column.role] : textCost(k, column);
}

/** A cell read as nothing: free for blank-line gaps at either end of the row, dear for anything printed. */
function dropCost(k: CellKind, column: number, columns: number): number {
  if (!k.empty) return 8;
  return column === 0 || column === columns ? 0 : 1;
}

// Steps of the fit, kept per state to trace the best fit back.
const FILL = 1;
const JOIN = 2;
const SKIP = 3;
const DROP = 4;

/**
 * Dynamic programme over states (i cells read, j columns done, whether column j-1 took a printed cell so
 * that a wrapped line may join it), in flat arrays: it runs for every row of every table.
 */
export function fitRow(cells: Cell[], columns: Column[]): RowFit {
  const m = cells.length;
  const n = columns.length;
  const kinds = cells.map(kindOf);
  const at = (i: number, j: number, joinable: number) => (i * (n + 1) + j) * 2 + joinable;
  const cost = new Float64Array((m + 1) * (n + 1) * 2).fill(Infinity);
  const step = new Uint8Array(cost.length);
  const from = new Int32Array(cost.length);
  const relax = (source: number, target: number, value: number, how: number) => {
    if (value < cost[target]! - 1e-9) {
      cost[target] = value;
      step[target] = how;
      from[target] = source;
    }
  };
  cost[0] = 0;
  for (let i = 0; i <= m; i++) {
    for (let j = 0; j <= n; j++) {
      for (let joinable = 0; joinable < 2; joinable++) {
        const here = at(i, j, joinable);
        const c = cost[here]!;
        if (c === Infinity) continue;
        if (j < n) relax(here, at(i, j + 1, 0), c + SKIP_COST[columns[j]!.role], SKIP);
        if (i === m) continue;
        const k = kinds[i]!;
        if (j < n) relax(here, at(i + 1, j + 1, k.empty ? 0 : 1), c + fillCost(k, columns[j]!), FILL);
        // Joining earlier in the row is a hair cheaper: a wrapped cell continues the one before it.
        if (joinable && !k.empty) relax(here, at(i + 1, j, 1), c + joinCost(k, columns[j - 1]!) + i * 1e-3, JOIN);
        relax(here, at(i + 1, j, joinable), c + dropCost(k, j, n), DROP);
      }
    }
  }
  const end = cost[at(m, n, 0)]! <= cost[at(m, n, 1)]! ? at(m, n, 0) : at(m, n, 1);
  return { cells: traceBack(cells, n, end, step, from), cost: cost[end]! };
}

/** Follows the steps back from the end state and puts each cell read into its column. */
function traceBack(cells: Cell[], n: number, end: number, step: Uint8Array, from: Int32Array): Cell[][] {
  const fit: Cell[][] = Array.from({ length: n }, () => []);
  for (let s = end; s !== 0; s = from[s]!) {
    const state = s >> 1;
    const i = Math.floor(state / (n + 1));
    const j = state % (n + 1);
    // A fill moves on to the next column and a join stays: either way the cell read is column j-1's.
    const cell = cells[i - 1];
    if ((step[s] === FILL || step[s] === JOIN) && cell && !cell.empty) fit[j - 1]!.unshift(cell);
  }
  return fit;
}
