// Outline markers: 第三章, 三、, （三）/(三), 3．/3./3、, （3）, and 专栏 boxes.
import { parseChineseNumeral } from './chinese-numeral.js';

/** Marker styles; each style is one level of the outline wherever it first appears. */
export type MarkerKind = '第章' | '第节' | '第部分' | 'cn' | 'paren-cn' | 'num' | 'paren-num' | 'box';

export interface Heading {
  kind: MarkerKind;
  /** 3 for 三、; NaN when the document lost the number (`.推进电子健康卡创新应用`). */
  ordinal: number;
  /** The marker as it goes into a code: 第三章, 三, （三）, 3, （3）, 专栏1. */
  marker: string;
  /** What follows the marker on the line. */
  rest: string;
}

const CN = '[一二三四五六七八九十百零〇两]+';
const PATTERNS: { kind: MarkerKind; re: RegExp }[] = [
  { kind: '第章', re: new RegExp(`^第(${CN}|\\d{1,2})章[\\s、.：:]*(.*)$`) },
  { kind: '第节', re: new RegExp(`^第(${CN}|\\d{1,2})节[\\s、.：:]*(.*)$`) },
  { kind: '第部分', re: new RegExp(`^第(${CN}|\\d{1,2})部分[\\s、.：:]*(.*)$`) },
  { kind: 'cn', re: new RegExp(`^(${CN})\\s*[、.．]\\s*(.*)$`) },
  { kind: 'paren-cn', re: new RegExp(`^[（(]\\s*(${CN})\\s*[）)]\\s*(.*)$`) },
  // 1. / 1、 / 1．, but not 1.5亿; a space also separates when Chinese follows (1 加强…).
  { kind: 'num', re: /^([\d０-９]{1,2})\s*(?:[、.．](?![\d０-９])|\s+(?=[\u4e00-\u9fff“]))\s*(.*)$/ },
  { kind: 'paren-num', re: /^[（(]\s*([\d０-９]{1,2})\s*[）)]\s*(.*)$/ },
  { kind: 'box', re: /^(专栏|專欄)\s*(\d{0,2})\s*[：:]?\s*(.*)$/ },
];
// The document dropped the number but kept the dot: `.推进电子健康卡创新应用`.
const LOST_NUMBER = /^[.．](?=[\u4e00-\u9fff])(.*)$/;
const HAS_WORDS = /[\u4e00-\u9fff“"《]/;

function markerOf(kind: MarkerKind, numeral: string): string {
  switch (kind) {
    case '第章':
      return `第${numeral}章`;
    case '第节':
      return `第${numeral}节`;
    case '第部分':
      return `第${numeral}部分`;
    case 'paren-cn':
    case 'paren-num':
      return `（${numeral}）`;
    default:
      return numeral;
  }
}

// 11.121人才梯队项目: the marker 11. and a title that starts with digits, which alone reads as the decimal 11.121. A
// quantity (1.5亿, 2.3万人, 3.5%, 1.2公里) is never a title's start.
const DIGIT_TITLE = /^([\d０-９]{1,2})\s*[.．]\s*([\d０-９]+(?![\d０-９.．%％亿万千百倍元个公米吨平]).*)$/;

/**
 * The numbered item `expected` whose title starts with digits (11.121人才梯队项目 where the sequence is at 10), or
 * null. Only the numbering around the line tells such an item from a decimal, so the outline asks with the number
 * it expects next.
 */
export function parseDigitTitledItem(line: string, expected: number): Heading | null {
  const m = DIGIT_TITLE.exec(line);
  if (!m || !HAS_WORDS.test(m[2]!)) return null;
  const numeral = m[1]!.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (Number(numeral) !== expected) return null;
  return { kind: 'num', ordinal: expected, marker: numeral, rest: m[2]!.trim() };
}

/** The heading a line starts with, or null. Works on original and matching forms alike. */
export function parseHeading(line: string): Heading | null {
  const lost = LOST_NUMBER.exec(line);
  if (lost) return { kind: 'num', ordinal: NaN, marker: '', rest: lost[1]!.trim() };
  for (const { kind, re } of PATTERNS) {
    const m = re.exec(line);
    if (!m) continue;
    if (kind === 'box') return { kind, ordinal: Number(m[2] || 0), marker: `专栏${m[2]}`, rest: m[3]!.trim() };
    const rest = m[2]!.trim();
    // A bare marker (（三） alone, its title on the next line) is a heading; `1 |` in a table is not.
    if (rest && !HAS_WORDS.test(rest)) return null;
    const numeral = m[1]!.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
    const ordinal = parseChineseNumeral(numeral);
    if (Number.isNaN(ordinal)) return null;
    return { kind, ordinal, marker: markerOf(kind, numeral), rest };
  }
  return null;
}
