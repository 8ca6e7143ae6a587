// Cells of an indicator table (指标表) and what a cell looks like: a row number, a value, a nature …
// Word tables reach us in three shapes: one cell per line (sometimes with a trailing ` |`),
// `|`-separated rows and tab-separated rows. Everything downstream works on cells.
import { Converter } from 'opencc-js/t2cn';
import { matchingForm, type SourceLine } from '../normalise.js';

export interface Cell {
  /** As printed, trimmed. */
  original: string;
  /** Matching form (Simplified, half-width digits, Chinese parentheses). */
  text: string;
  /** 1-based line of the original document. */
  line: number;
  /** An empty cell, or the place of a blank line that normalisation dropped. */
  empty: boolean;
}

export type Layout = 'cell-per-line' | 'pipe-rows' | 'tab-rows';

export function emptyCell(line: number): Cell {
  return { original: '', text: '', line, empty: true };
}

function cell(original: string, text: string, line: number): Cell {
  const o = original.trim();
  return o ? { original: o, text: text.trim(), line, empty: false } : emptyCell(line);
}

/** Splits on `|`, dropping what lies outside the outer bars: `| a | b |` and `a | b |` both give a, b. */
function splitPipes(s: string): string[] {
  const parts = s.split('|');
  if (parts.length > 1 && !parts[0]!.trim()) parts.shift();
  if (parts.length > 1 && !parts.at(-1)!.trim()) parts.pop();
  return parts;
}

let converter: ((s: string) => string) | undefined;

/** Loaded on first use: only tab-separated rows of a Traditional document need it. */
function toSimplified(s: string): string {
  const convert = (converter ??= Converter({ from: 't', to: 'cn' }));
  return convert(s);
}

/** Matching form of one tab-separated cell; tabs are gone from `line.text`, so each cell is converted anew. */
function tabCellText(original: string, converted: boolean): string {
  return matchingForm(converted ? toSimplified(original) : original);
}

export function pipeCells(line: SourceLine): Cell[] {
  const originals = splitPipes(line.original);
  const texts = splitPipes(line.text);
  return originals.map((o, i) => cell(o, texts[i] ?? o, line.no));
}

export function tabCells(line: SourceLine): Cell[] {
  const converted = line.text !== matchingForm(line.original); // matchingForm also turns tabs into spaces
  return line.original.split('\t').map((o) => cell(o, tabCellText(o, converted), line.no));
}

/** The cells of one line in the given layout; a cell-per-line line may still carry `| |` (an empty cell after it). */
export function lineCells(line: SourceLine, layout: Layout): Cell[] {
  if (layout === 'tab-rows') return tabCells(line);
  if (layout === 'pipe-rows' || line.original.includes('|')) return pipeCells(line);
  return [cell(line.original, line.text, line.no)];
}

/** `|---|:--:|`: the separator under a Markdown header. */
export function isRuleLine(line: SourceLine): boolean {
  return /^[\s|:\-—–]+$/.test(line.original) && line.original.includes('-');
}

// ---- what a cell looks like (on its matching form) ----

const COMPARATOR = '(?:[≥≤<>＜＞=＝≈~～]|不低于|不高于|不少于|不多于|不超过|低于|高于|超过|大于|小于|达到|约)';
const NUMBER = '[+-]?\\d+(?:\\.\\d+)?';
const MAGNITUDE = '(?:%|‰|[十百千万亿])*(?:[个张人岁元家所])?';
const RANGE = `(?:\\s*[—–\\-~～至]+\\s*${NUMBER}\\s*${MAGNITUDE})?`;
const NUMERIC_VALUE = new RegExp(
  `^${COMPARATOR}?\\s*${NUMBER}\\s*${MAGNITUDE}${RANGE}(?:左右|以上|以下|以内)?$|^\\d+(?:\\.\\d+)?\\s*/\\s*\\d+$`,
);
// 下降5%, 提高10%, 有效下降, 持续增长, 同比例提高
const TREND_VALUE =
  /^(?:持续|有效|逐步|稳步|明显|大幅|显著|同比例|进一步|逐年)?(?:下降|提高|提升|增长|增加|降低|减少|改善|上升|扩大)(?:\d+(?:\.\d+)?\s*(?:%|‰|个百分点)?)?(?:以上|左右)?$/;
// Placeholders for "no value": /, -, --, —, 无
const NO_VALUE = /^(?:[/／\\\-—–－]+|无|暂无)$/;

/** A target or baseline value as tables print them: ≥70, ＜7.72, 5—10, 1/120, 下降5%, 27左右, /, --. */
export function isValue(text: string): boolean {
  return NUMERIC_VALUE.test(text) || TREND_VALUE.test(text) || NO_VALUE.test(text);
}

/** A row number (序号). */
export function isRowNumber(text: string): boolean {
  return /^\d{1,3}$/.test(text);
}

/** 预期性/约束性 (and 定量/定性 in national evaluation lists, which are not a nature in our sense). */
export function isNatureWord(text: string): boolean {
  return /^(?:预期性|约束性|定量|定性)(?:指标)?$/.test(text);
}

/** Outline level of a numbered heading: 一、 is 1, （一） is 2; 0 for anything else. */
export function headingLevel(text: string): number {
  if (/^[一二三四五六七八九十]+、/.test(text)) return 1;
  if (/^（[一二三四五六七八九十]+）/.test(text)) return 2;
  return 0;
}

/** Explanatory text of a 指标说明 column: 计算方法：…, 指标来源：…, or prose. */
export function isNoteText(text: string): boolean {
  return /^(?:计算方法|指标来源|指标说明|说明|数据来源|评价内容|考核方法)：/.test(text) || looksLikeProse(text);
}

export function looksLikeProse(text: string): boolean {
  return text.includes('。') || text.length > 60;
}

export function isChapterHeading(text: string): boolean {
  return /^第[一二三四五六七八九十百零\d]+[章节篇部]/.test(text);
}

/** 注：… under a table: the table is over. */
export function isTableFootnote(text: string): boolean {
  return /^(?:注|备注|资料来源)\s*\d*\s*：/.test(text) || text === '注';
}

const isWide = (ch: string) => ch.charCodeAt(0) > 0x7f;

/** Joins a cell that Word wrapped over two lines: 健康 + 水平 → 健康水平, 87.35 + 86.57 → 87.35 86.57. */
export function joinWrapped(parts: string[]): string {
  return parts.reduce((joined, part) => {
    if (!joined) return part;
    // Chinese text runs on without spaces; two figures side by side need one to stay two.
    const wide = isWide(joined.at(-1)!) || isWide(part[0]!);
    return joined + (wide ? '' : ' ') + part;
  }, '');
}
