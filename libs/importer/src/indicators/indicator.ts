// One fitted row becomes one indicator, values kept as printed.
import type { DraftIndicator, DraftIndicatorTarget, ImportWarning, IndicatorNature } from '../types.js';
import { UNREADABLE, type RowFit } from './align.js';
import { joinWrapped, type Cell } from './cells.js';
import type { Column } from './header.js';
import { cleanName, splitUnit } from './name.js';

export interface ReadRow {
  indicator: DraftIndicator | null;
  warnings: ImportWarning[];
}

/** Categories in force, by column: a category cell spans the rows below it until the next one. */
export type CategoryTrail = Map<number, string>;

function excerpt(cells: Cell[]): string {
  return cells
    .filter((c) => !c.empty)
    .map((c) => c.original)
    .join(' | ')
    .slice(0, 120);
}

function printed(cells: Cell[]): string | null {
  return cells.length ? joinWrapped(cells.map((c) => c.original)) : null;
}

function natureOf(cells: Cell[]): IndicatorNature | null {
  const text = cells[0]?.text ?? '';
  if (text.startsWith('预期性')) return 'EXPECTED';
  if (text.startsWith('约束性')) return 'BINDING';
  return null; // 定量/定性 and blanks say nothing of the nature
}

/** Updates the categories in force from this row and returns the deepest one. */
function categoryOf(fit: RowFit, columns: Column[], trail: CategoryTrail): string | null {
  const categoryColumns = columns.flatMap((c, i) => (c.role === 'category' ? [i] : []));
  categoryColumns.forEach((ci, k) => {
    const value = printed(fit.cells[ci]!);
    if (!value) return;
    trail.set(ci, value.replace(/^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])\s*/, ''));
    // A new 一级 category ends the 二级 one under it.
    categoryColumns.slice(k + 1).forEach((deeper) => trail.delete(deeper));
  });
  return categoryColumns.map((ci) => trail.get(ci)).findLast((v) => v !== undefined) ?? null;
}

function nameAndUnit(fit: RowFit, columns: Column[]): { name: string; unit: string | null } {
  const nameCells = fit.cells[columns.findIndex((c) => c.role === 'name')]!;
  const original = cleanName(joinWrapped(nameCells.map((c) => c.original)));
  const text = cleanName(joinWrapped(nameCells.map((c) => c.text)));
  const split = splitUnit(original, text);
  const unitColumn = columns.findIndex((c) => c.role === 'unit');
  const printedUnit = unitColumn >= 0 ? printed(fit.cells[unitColumn]!) : null;
  return { name: split.name, unit: printedUnit ?? split.unit };
}

function figures(fit: RowFit, columns: Column[]) {
  const baselineAt = columns.findIndex((c) => c.role === 'baseline');
  const targets: DraftIndicatorTarget[] = [];
  columns.forEach((c, i) => {
    const value = printed(fit.cells[i]!);
    if (c.role === 'target' && c.year !== null && value !== null) targets.push({ year: c.year, value });
  });
  return {
    baselineYear: baselineAt >= 0 ? columns[baselineAt]!.year : null,
    baselineValue: baselineAt >= 0 ? printed(fit.cells[baselineAt]!) : null,
    targets,
  };
}

/** What a reviewer should look at in a row that was read. */
function rowWarnings(row: Cell[], fit: RowFit, columns: Column[], indicator: DraftIndicator): string[] {
  const messages: string[] = [];
  const placed = fit.cells.flat();
  const lost = row.filter((c) => !c.empty && !placed.includes(c));
  if (lost.length) messages.push(`cells not read in indicator row: ${lost.map((c) => c.original).join(' | ')}`);
  columns.forEach((c, i) => {
    const cells = fit.cells[i]!;
    if ((c.role === 'baseline' || c.role === 'target') && cells.length > 1)
      messages.push(`lines ${cells.map((x) => x.line).join(', ')} read as one ${c.role} value: ${printed(cells)}`);
  });
  const hasFigureColumns = columns.some((c) => c.role === 'baseline' || c.role === 'target');
  if (hasFigureColumns && indicator.baselineValue === null && indicator.targets.length === 0)
    messages.push(`indicator has neither baseline nor target: ${indicator.name}`);
  if (/\?\?|\uFFFD/.test(indicator.name)) messages.push(`indicator name has unreadable characters: ${indicator.name}`);
  return messages;
}

export function readRow(row: Cell[], fit: RowFit, columns: Column[], trail: CategoryTrail): ReadRow {
  const first = row.find((c) => !c.empty);
  const line = first?.line ?? row[0]?.line ?? 0;
  const nameAt = columns.findIndex((c) => c.role === 'name');
  if (fit.cost > UNREADABLE || fit.cells[nameAt]!.length === 0) {
    return {
      indicator: null,
      warnings: [{ line, message: 'indicator table row could not be read', excerpt: excerpt(row) }],
    };
  }
  const natureAt = columns.findIndex((c) => c.role === 'nature');
  const { name, unit } = nameAndUnit(fit, columns);
  const { baselineYear, baselineValue, targets } = figures(fit, columns);
  const indicator: DraftIndicator = {
    name,
    unit,
    category: categoryOf(fit, columns, trail),
    baselineYear,
    baselineValue,
    targets,
    nature: natureAt >= 0 ? natureOf(fit.cells[natureAt]!) : null,
    line: fit.cells.reduce((min, cells) => Math.min(min, cells[0]?.line ?? min), Infinity),
  };
  const warnings = rowWarnings(row, fit, columns, indicator).map((message) => ({
    line,
    message,
    excerpt: excerpt(row),
  }));
  return { indicator, warnings };
}
