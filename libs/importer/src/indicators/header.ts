// The header row of an indicator table (指标表): which column holds what.
import type { SourceLine } from '../normalise.js';
import { lineCells, pipeCells, tabCells, type Cell, type Layout } from './cells.js';

export type ColumnRole = 'seq' | 'category' | 'name' | 'unit' | 'baseline' | 'target' | 'nature' | 'note';

export interface Column {
  role: ColumnRole;
  /** Year of a baseline or target column (2020年现状 → 2020); null when the header names none (基线). */
  year: number | null;
  /** Level of a category column (一级指标 1, 二级指标 2), so that 一、 and （一） cells find their column; else 0. */
  level: number;
}

export interface TableHeader {
  layout: Layout;
  columns: Column[];
  /** Indexes in the lines of the first and last header line. */
  first: number;
  last: number;
  /** Usual distance in lines between successive cells: 2 where Word left a blank line after each cell. */
  spacing: number;
  /** Cells printed with a trailing ` |`: the first line without one ends the table. */
  piped: boolean;
}

/** A header cell before the year columns are sorted out: a bare 2020年 may be the baseline or a target. */
type HeaderCell = Column | { role: 'year'; year: number; level: 0 };

const CATEGORY_LEVEL: Record<string, number> = { 一级指标: 1, 二级指标: 2 };

function yearOf(s: string | undefined): number | null {
  return s ? Number(s) : null;
}

// Each rule reads one header cell's key (spaces, stray ? and bars removed).
const HEADER_RULES: Array<(key: string) => HeaderCell | null> = [
  (k) => (/^(?:序号|编号|序)$/.test(k) ? { role: 'seq', year: null, level: 0 } : null),
  (k) => (/^[一二]级指标$/.test(k) ? { role: 'category', year: null, level: CATEGORY_LEVEL[k]! } : null),
  (k) =>
    /^(?:指标)?(?:领域|类别|分类|类型|维度|方面)$|^(?:项目|板块)$/.test(k)
      ? { role: 'category', year: null, level: 0 }
      : null,
  (k) => (/^(?:主要|具体|核心|三级)?指标(?:名称|内容|项)?$/.test(k) ? { role: 'name', year: null, level: 0 } : null),
  (k) => (/^(?:计量|指标)?单位$/.test(k) ? { role: 'unit', year: null, level: 0 } : null),
  (k) => (/^(?:指标)?(?:属性|性质)$/.test(k) ? { role: 'nature', year: null, level: 0 } : null),
  (k) =>
    /^(?:指标)?(?:说明|解释|备注|计算方法|数据来源|指标来源)$|(?:责任|牵头|配合)(?:单位|部门)$/.test(k)
      ? { role: 'note', year: null, level: 0 }
      : null,
  (k) => {
    const m = /^(?:(\d{4})年?)?(?:基线|基期|基数|现状|基准|实际|完成|实际完成)值?(?:（(\d{4})年?）)?$/.exec(k);
    return m ? { role: 'baseline', year: yearOf(m[1] ?? m[2]), level: 0 } : null;
  },
  (k) => {
    const m = /^(?:到|至)?(\d{4})年?(目标|预期)?值?$/.exec(k);
    if (!m) return null;
    return m[2] ? { role: 'target', year: Number(m[1]), level: 0 } : { role: 'year', year: Number(m[1]), level: 0 };
  },
  (k) => {
    const m = /^目标值?(?:（(\d{4})年?）)?$/.exec(k);
    return m ? { role: 'target', year: yearOf(m[1]), level: 0 } : null;
  },
];

// Longer than any header cell (2025年目标值, 指 标 名 称 |): not worth the rules.
const LONGEST_HEADER = 16;

export function headerCell(text: string): HeaderCell | null {
  if (text.length > LONGEST_HEADER) return null;
  const key = text.replace(/[\s?？|*＊]/g, '').replace(/：$/, '');
  for (const rule of HEADER_RULES) {
    const found = rule(key);
    if (found) return found;
  }
  return null;
}

const isFigure = (c: HeaderCell) => c.role === 'year' || c.role === 'baseline' || c.role === 'target';

/**
 * Turns header cells into columns: without a 基线/现状 column, the first of several bare years is the
 * baseline (2020年 | 2025年 in a 十四五 plan); a 类型 column after the figures holds 预期性/约束性, not a
 * category; without a name column, the last category column (二级指标, 项目) is the name.
 */
export function resolveColumns(cells: HeaderCell[]): Column[] | null {
  const hasBaseline = cells.some((c) => c.role === 'baseline');
  const yearly = cells.filter((c) => c.role === 'year' || c.role === 'target').length;
  const firstFigure = cells.findIndex(isFigure);
  let baselineTaken = hasBaseline || yearly < 2;
  const columns: Column[] = cells.map((c, i) => {
    if (c.role === 'category' && firstFigure >= 0 && i > firstFigure) return { role: 'nature', year: null, level: 0 };
    if (c.role !== 'year') return { ...c };
    if (baselineTaken) return { role: 'target', year: c.year, level: 0 };
    baselineTaken = true;
    return { role: 'baseline', year: c.year, level: 0 };
  });
  if (!columns.some((c) => c.role === 'name')) {
    const last = columns.findLast((c) => c.role === 'category');
    if (last) Object.assign(last, { role: 'name', level: 0 });
  }
  // Two name columns: the first was a caption (主要指标) printed right above the header.
  const names = columns.filter((c) => c.role === 'name').length;
  const hasFigures = columns.some((c) => ['baseline', 'target', 'nature'].includes(c.role));
  return columns.length >= 3 && names === 1 && hasFigures ? columns : null;
}

function rowHeader(cells: Cell[]): Column[] | null {
  const filled = cells.filter((c) => !c.empty);
  const parsed = filled.map((c) => headerCell(c.text));
  if (filled.length < 3 || parsed.some((p) => !p)) return null;
  return resolveColumns(parsed as HeaderCell[]);
}

/** The one header cell of a cell-per-line line, if it is one. */
function singleHeaderCell(line: SourceLine): HeaderCell | null {
  if (line.text.length > LONGEST_HEADER + 4) return null;
  const filled = lineCells(line, 'cell-per-line').filter((c) => !c.empty);
  return filled.length === 1 ? headerCell(filled[0]!.text) : null;
}

function mostCommonGap(lines: SourceLine[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < lines.length; i++) {
    const gap = lines[i]!.no - lines[i - 1]!.no;
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 1;
}

function cellPerLineHeader(lines: SourceLine[], i: number): TableHeader | null {
  const cells: HeaderCell[] = [];
  let j = i;
  while (j < lines.length) {
    const found = singleHeaderCell(lines[j]!);
    if (!found) break;
    cells.push(found);
    j++;
  }
  const columns = resolveColumns(cells);
  if (!columns) return null;
  const headerLines = lines.slice(i, j);
  return {
    layout: 'cell-per-line',
    columns,
    first: i,
    last: j - 1,
    spacing: mostCommonGap(headerLines),
    piped: headerLines.every((l) => l.original.endsWith('|')),
  };
}

// Longer than any header row: prose, not worth splitting into cells.
const LONGEST_HEADER_ROW = 120;

function rowsLayout(line: SourceLine): Layout | null {
  if (line.original.length > LONGEST_HEADER_ROW) return null;
  if (line.original.includes('\t')) return 'tab-rows';
  return line.original.indexOf('|') !== line.original.lastIndexOf('|') ? 'pipe-rows' : null;
}

function rowsHeader(lines: SourceLine[], i: number): TableHeader | null {
  const line = lines[i]!;
  const layout = rowsLayout(line);
  if (!layout) return null;
  const columns = rowHeader(layout === 'tab-rows' ? tabCells(line) : pipeCells(line));
  return columns ? { layout, columns, first: i, last: i, spacing: 1, piped: layout === 'pipe-rows' } : null;
}

/** The next table header at or after index `from`. */
export function findHeader(lines: SourceLine[], from: number): TableHeader | null {
  for (let i = from; i < lines.length; i++) {
    const header = rowsHeader(lines, i) ?? (singleHeaderCell(lines[i]!) ? cellPerLineHeader(lines, i) : null);
    if (header) return header;
  }
  return null;
}
