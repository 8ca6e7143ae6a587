// Input that cannot be a plan is refused before any work is done on it, in time linear in its size.
import { ImportError } from '../types.js';

const MAX_BYTES = 12 * 1024 * 1024;
const SAMPLE = 64 * 1024;
// A plan's outline starts within its first pages; looking further only slows the refusal of noise.
const OUTLINE_WITHIN = 1024 * 1024;
// A line that opens an outline: 第一章, 一、, （一）/(一), or a task-breakdown table header.
const OUTLINE_LINE =
  /^(?:\[bookmark:[^\]\n]*\]|[ \t\u3000])*(?:第[一二三四五六七八九十]+[章节部]|[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十]{1,3}[）)])/gm;
const TABLE_HEADER = /^[ \t\u3000]*序号[\s|]{0,6}(?:[\u4e00-\u9fff]{0,4})(?:任务|内容|事项)/m;

/** Control characters other than tab/newline/carriage return, and U+FFFD left by a wrong decoding. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f || code === 0xfffd;
}

function controlShare(text: string): number {
  const sample = text.slice(0, SAMPLE);
  let count = 0;
  for (let i = 0; i < sample.length; i++) if (isControl(sample.charCodeAt(i))) count++;
  return count / Math.max(1, sample.length);
}

function hasOutline(text: string): boolean {
  const opening = text.slice(0, OUTLINE_WITHIN);
  if (TABLE_HEADER.test(opening)) return true;
  OUTLINE_LINE.lastIndex = 0;
  let found = 0;
  while (OUTLINE_LINE.exec(opening)) if (++found >= 2) return true;
  return false;
}

/** Throws ImportError for empty, oversized, binary or outline-less text; returns quietly otherwise. */
export function screenText(text: string): void {
  if (!text || !text.trim()) throw new ImportError('文档为空 (the document is empty)', 'EMPTY');
  if (Buffer.byteLength(text, 'utf8') > MAX_BYTES) {
    throw new ImportError('文档超过 12 MB (the document is larger than 12 MB)', 'TOO_LARGE');
  }
  if (text.includes('\u0000') || controlShare(text) > 0.02) {
    throw new ImportError('不是文本文件 (the file is binary, not text)', 'BINARY');
  }
  if (!hasOutline(text)) {
    throw new ImportError(
      '未找到规划的章节结构（一、（一）1.） (no outline of headings found: not a plan)',
      'NOT_A_PLAN',
    );
  }
}
