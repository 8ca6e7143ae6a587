// Indicator tables (指标表): the step of the importer that finds them and reads their rows.
import type { SourceLine } from '../normalise.js';
import type { DraftIndicator, ImportWarning } from '../types.js';
import { fitRow } from './align.js';
import { cellStream, lineRows } from './body.js';
import { headingLevel, isTableFootnote, type Cell } from './cells.js';
import { findHeader, type TableHeader } from './header.js';
import { readRow, type CategoryTrail } from './indicator.js';
import { splitRows } from './rows.js';

export interface ExtractedIndicators {
  indicators: DraftIndicator[];
  warnings: ImportWarning[];
  /** Every line that belongs to a table, so that it is not read as measure text. */
  lineNos: Set<number>;
}

/** The table's caption on the line above its header: 主要指标, …建设目标, 表1 … (not a numbered heading). */
function captionIndex(lines: SourceLine[], header: TableHeader): number | null {
  const above = lines[header.first - 1];
  if (!above || lines[header.first]!.no - above.no > 3) return null;
  const text = above.text;
  const captionLike = /(?:指标|目标)(?:表|体系)?$|^表\s*\d/.test(text) && text.length <= 50 && !text.includes('。');
  return captionLike && headingLevel(text) === 0 ? header.first - 1 : null;
}

/** The last line of the notes printed under a table (注：1.… 2.…), which belong to it; else `lastNo`. */
function footnoteEnd(lines: SourceLine[], lastNo: number): number {
  let i = lines.findIndex((l) => l.no > lastNo);
  if (i < 0 || !isTableFootnote(lines[i]!.text)) return lastNo;
  while (lines[i + 1] && /^\d+[.、]/.test(lines[i + 1]!.text)) i++;
  return lines[i]!.no;
}

function tableRows(lines: SourceLine[], header: TableHeader, end: number): Cell[][] {
  if (header.layout !== 'cell-per-line') return lineRows(lines, header, end);
  return splitRows(cellStream(lines, header, end), header.columns);
}

function headerWarnings(lines: SourceLine[], header: TableHeader, rows: Cell[][]): ImportWarning[] {
  const line = lines[header.first]!;
  const warn = (message: string) => ({ line: line.no, message, excerpt: line.original.slice(0, 120) });
  const warnings: ImportWarning[] = [];
  if (header.columns.some((c) => c.role === 'target' && c.year === null))
    warnings.push(warn('indicator table has a target column without a year'));
  if (rows.length === 0) warnings.push(warn('indicator table header without rows'));
  return warnings;
}

/** Reads one table into the result: its indicators, warnings and lines. */
function readTable(lines: SourceLine[], header: TableHeader, end: number, result: ExtractedIndicators): void {
  const rows = tableRows(lines, header, end);
  const trail: CategoryTrail = new Map();
  result.warnings.push(...headerWarnings(lines, header, rows));
  for (const row of rows) {
    const read = readRow(row, fitRow(row, header.columns), header.columns, trail);
    if (read.indicator) result.indicators.push(read.indicator);
    result.warnings.push(...read.warnings);
  }
  const firstNo = lines[captionIndex(lines, header) ?? header.first]!.no;
  const lastNo = footnoteEnd(lines, Math.max(lines[header.last]!.no, ...rows.flat().map((c) => c.line)));
  for (const line of lines) if (line.no >= firstNo && line.no <= lastNo) result.lineNos.add(line.no);
}

/** Finds the indicator tables among a plan's lines. lineNos: every line that belongs to a table (so it is not read as measure text). */
export function extractIndicators(lines: SourceLine[]): ExtractedIndicators {
  const result: ExtractedIndicators = { indicators: [], warnings: [], lineNos: new Set() };
  let header = findHeader(lines, 0);
  while (header) {
    const next = findHeader(lines, header.last + 1);
    readTable(lines, header, next?.first ?? lines.length, result);
    header = next;
  }
  return result;
}
