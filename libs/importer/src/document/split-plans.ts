// One document may hold several plans (seed 000 holds four), or wrap one plan in the notice that
// forwards it (关于印发/转发…的通知). A plan starts at its title line; its outline then starts at one.
import type { SourceLine } from '../normalise.js';
import { parseHeading } from '../outline/heading.js';
import { isTableHeader } from '../measures/breakdown-table.js';

export interface PlanSlice {
  /** Title line(s): a line before it that it continues (国务院关于…), the title, its period line. */
  titleLines: SourceLine[];
  /** Every line of the plan, from its title block to the line before the next plan. */
  lines: SourceLine[];
}

export interface DocumentLayout {
  /** Lines before the first plan: the forwarding notice, or the metadata block of a web page. */
  front: SourceLine[];
  plans: PlanSlice[];
}

const PLAN_NOUN = /(规划|计划|方案|意见|纲要|办法|要点|清单|分解表|任务表|责任表|台账)(（[^（）]*）)?$/;
const NOT_A_TITLE = /[。；！？：]|^《|通知$/;
// A line holding only the period or the status of the title above it: （2018－2025年）, （征求意见稿）.
export const TITLE_ANNEX = /^（[^（）]{0,20}(\d{4}\s*[-－—–~～至到]+\s*\d{4}\s*年?|稿|修订|试行)[^（）]{0,6}）$/;
const OPENS_OUTLINE = new Set(['第章', '第部分', 'cn', 'paren-cn']);

function isTitleLine(line: SourceLine): boolean {
  const text = line.text.replace(/\s/g, '');
  return (
    text.length >= 4 && text.length <= 60 && PLAN_NOUN.test(text) && !NOT_A_TITLE.test(text) && !parseHeading(text)
  );
}

/** Whether the plan titled at `i` has an outline of its own: the next heading opens at one, or a task table follows. */
function opensPlan(lines: SourceLine[], i: number): boolean {
  for (let j = i + 1; j < lines.length; j++) {
    if (isTableHeader(lines[j]!.text)) return true;
    if (isTitleLine(lines[j]!) && !TITLE_ANNEX.test(lines[j]!.text)) return false;
    const heading = parseHeading(lines[j]!.text);
    if (heading) return heading.ordinal === 1 && OPENS_OUTLINE.has(heading.kind);
  }
  return false;
}

/** The title block around line i: a preceding 国务院关于… line it continues, and a period line after it. */
function titleBlock(lines: SourceLine[], i: number): { from: number; to: number } {
  let from = i;
  const previous = lines[i - 1];
  if (previous && /关于/.test(previous.text) && !/[。：]|通知$/.test(previous.text) && previous.text.length <= 30) {
    from = i - 1;
  }
  const next = lines[i + 1];
  const to = next && TITLE_ANNEX.test(next.text.replace(/\s/g, '')) ? i + 1 : i;
  return { from, to };
}

/** Splits a document into the plans it holds; a document with no title line is one plan. */
export function splitPlans(lines: SourceLine[]): DocumentLayout {
  const starts: { from: number; to: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (isTitleLine(lines[i]!) && opensPlan(lines, i)) {
      const block = titleBlock(lines, i);
      starts.push(block);
      i = block.to;
    }
  }
  if (starts.length === 0) return { front: [], plans: [{ titleLines: leadingTitle(lines), lines }] };
  return {
    front: lines.slice(0, starts[0]!.from),
    plans: starts.map((block, k) => ({
      titleLines: lines.slice(block.from, block.to + 1),
      lines: lines.slice(block.from, starts[k + 1]?.from ?? lines.length),
    })),
  };
}

/** The plan's lines before its outline: title block, drafting departments, document number, preamble. */
export function preambleOf(slice: PlanSlice): SourceLine[] {
  const first = slice.lines.findIndex((l) => parseHeading(l.text));
  return first < 0 ? slice.lines : slice.lines.slice(0, first);
}

/** A plan without a title line of its own (国务院办公厅关于…的通知): its title is the opening lines before the number. */
function leadingTitle(lines: SourceLine[]): SourceLine[] {
  const block: SourceLine[] = [];
  for (const line of lines) {
    if (/〔\d{4}〕|[：:]$|[。]/.test(line.text) || parseHeading(line.text) || block.length >= 3) break;
    block.push(line);
  }
  return block;
}
