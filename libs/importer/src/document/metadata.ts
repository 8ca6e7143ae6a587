// What the notice and title say about a plan: document number, issuer, period, date.
import type { SourceLine } from '../normalise.js';
import { TITLE_ANNEX } from './split-plans.js';

// 滕政办发〔2017〕174号; at the start of a line or after 发文字号, so numbers cited in the text do not count.
const DOCUMENT_NUMBER = /^(?:发文字号\s*[：:]?\s*)?([\u4e00-\u9fff]{1,10}[〔［[（]\d{4}[〕］\]）]\s*\d{1,4}\s*号)/;
const ISSUER_FIELD = /^发文机关\s*[：:]\s*(\S+)/;
const ISSUER_BEFORE_ABOUT =
  /^(?:.*?号)?《?([\u4e00-\u9fff]{0,24}?(?:人民政府办公厅|人民政府办公室|人民政府|国务院办公厅|国务院|办公厅|办公室|委员会))关于/;
const ISSUER_LINE = /^([\u4e00-\u9fff]{2,20}(?:人民政府办公厅|人民政府办公室|人民政府|国务院办公厅|国务院))$/;
const YEAR_RANGE = /((?:19|20)\d{2})\s*[-－—–~～至到]+\s*((?:19|20)\d{2})/;
const FIVE_YEAR_PLAN = /十([一二三四五六七八九])五/;
const SIGNED = /^(?:成文日期\s*[：:]\s*)?((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

export interface PlanMetadata {
  title: string;
  documentNumber: string | null;
  issuer: string | null;
  periodStart: number | null;
  periodEnd: number | null;
}

// 关于印发《…》的通知 printed as the title: the plan is what it forwards.
const FORWARDED_TITLE = /关于(?:印发|转发|下发)[^《]*《([^》]+)》/;

/**
 * The title as printed over its lines, with its period kept and a status (（征求意见稿）) dropped; for a
 * notice that forwards a plan without repeating its title, the title quoted in the notice.
 */
export function titleOf(titleLines: SourceLine[]): string {
  const title = titleLines
    .filter((l, i) => i === 0 || !(TITLE_ANNEX.test(l.text.replace(/\s/g, '')) && /稿/.test(l.text)))
    .map((l) => l.original.trim())
    .join('');
  return FORWARDED_TITLE.exec(title)?.[1] ?? title;
}

/** 2017-2020 → [2017, 2020]; 十四五 → [2021, 2025] (the third five-year plan began in 1966). */
export function periodOf(text: string): [number, number] | null {
  const range = YEAR_RANGE.exec(text);
  if (range) return [Number(range[1]), Number(range[2])];
  const fiveYear = FIVE_YEAR_PLAN.exec(text);
  if (!fiveYear) return null;
  const start = 1966 + 5 * (10 + DIGIT[fiveYear[1]!]! - 3);
  return [start, start + 4];
}

export function documentNumberOf(lines: SourceLine[]): string | null {
  for (const line of lines) {
    const m = DOCUMENT_NUMBER.exec(line.text.replace(/\s/g, ''));
    if (m) return m[1]!.replace(/[［[（]/, '〔').replace(/[］\]）]/, '〕');
  }
  return null;
}

export function issuerOf(lines: SourceLine[]): string | null {
  for (const line of lines) {
    const m = ISSUER_FIELD.exec(line.text);
    if (m) return m[1]!;
  }
  const joined = lines.map((l) => l.text.replace(/\s/g, '')).join('');
  const about = ISSUER_BEFORE_ABOUT.exec(joined);
  if (about) return about[1]!;
  for (const line of lines) {
    const m = ISSUER_LINE.exec(line.text.replace(/\s/g, ''));
    if (m) return m[1]!;
  }
  return null;
}

/** The date the document was signed (成文日期, or the date line under the signature): YYYY-MM-DD. */
export function signedOn(lines: SourceLine[]): string | null {
  for (const line of lines) {
    const m = SIGNED.exec(line.text.replace(/\s/g, ''));
    if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  }
  return null;
}

/**
 * Metadata of one plan. `header` is where the notice speaks: the lines before the plan and its title block;
 * a document holding several plans shares one notice.
 */
export function planMetadata(titleLines: SourceLine[], header: SourceLine[]): PlanMetadata {
  const title = titleOf(titleLines);
  const period = periodOf(titleLines.map((l) => l.text).join('')) ?? periodOf(quotedTitles(header));
  return {
    title,
    documentNumber: documentNumberOf(header),
    issuer: issuerOf(header),
    periodStart: period?.[0] ?? null,
    periodEnd: period?.[1] ?? null,
  };
}

/** Titles quoted in the notice (《…》): the forwarded plan's period is printed there when its title line lacks it. */
function quotedTitles(lines: SourceLine[]): string {
  return (
    lines
      .map((l) => l.text)
      .join('')
      .match(/《[^》]*》/g)
      ?.join('') ?? ''
  );
}
