// One plan of a document: its metadata, outline, measures with deadlines and assignments, indicators.
import { Assigner, excerpt, leadRuleLine } from '../assignments/assign.js';
import type { Mentions } from '../assignments/mentions.js';
import { implausibleYearWarning, measureDeadline, type DeadlineContext } from '../deadlines/measure-deadline.js';
import { extractIndicators } from '../indicators/index.js';
import { findBreakdownTables, type BreakdownTable } from '../measures/breakdown-table.js';
import { measureItems, type MeasureItem } from '../measures/outline-measures.js';
import { tableMeasures } from '../measures/table-measures.js';
import type { SourceLine } from '../normalise.js';
import { parseHeading } from '../outline/heading.js';
import { buildOutline } from '../outline/outline.js';
import { classifySections } from '../outline/section-kinds.js';
import type { DraftMeasure, DraftPlan, ImportWarning, Registry } from '../types.js';
import { closingIndex } from './closing.js';
import { leadDepartmentOf } from './lead-department.js';
import { planMetadata, signedOn } from './metadata.js';
import { preambleOf, type PlanSlice } from './split-plans.js';

export interface PlanContext {
  registry: Registry;
  jurisdictionKey: string;
  mentions: Mentions;
  /** The notice that wraps the document's plans (lines before the first plan). */
  front: SourceLine[];
  /** Every line of the document, for the date it was signed. */
  all: SourceLine[];
  /** The document's raw lines, for the source text of each plan. */
  raw: string[];
}

export interface PlanReading {
  plan: DraftPlan;
  warnings: ImportWarning[];
}

/** The outline's text: tables and the closing (signature, 抄送, 附件) left out. */
function bodyLines(lines: SourceLine[], skip: Set<number>): SourceLine[] {
  const rest = lines.filter((l) => !skip.has(l.no));
  const first = rest.findIndex((l) => parseHeading(l.text));
  return rest.slice(0, closingIndex(rest, Math.max(0, first)));
}

function outlineMeasures(body: SourceLine[]) {
  const root = buildOutline(body);
  return measureItems(root, classifySections(root));
}

function draftMeasure(
  item: MeasureItem,
  assigner: Assigner,
  deadlines: DeadlineContext,
  warnings: ImportWarning[],
): DraftMeasure {
  const lines = [...item.sharedLines, ...item.lines];
  const { implausibleYears, ...deadline } = measureDeadline(lines.map((l) => l.text).join(''), deadlines);
  const first = item.lines[0]!;
  if (implausibleYears.length > 0) warnings.push(implausibleYearWarning(first.no, excerpt(first), implausibleYears));
  const assigned = assigner.assign(lines);
  warnings.push(...assigned.warnings);
  return {
    code: item.code,
    title: item.title,
    text: item.text,
    sectionTitle: item.sectionTitle,
    ...deadline,
    line: first.no,
    assignments: assigned.assignments,
  };
}

function tableLineNos(tables: BreakdownTable[]): Set<number> {
  return new Set(tables.flatMap((t) => [...t.lineNos]));
}

interface PlanContent {
  sections: DraftPlan['sections'];
  measures: DraftMeasure[];
  indicators: DraftPlan['indicators'];
}

/** Tables first (their lines are no outline text), indicator tables next, then the outline. */
function readContent(
  slice: PlanSlice,
  deadlines: DeadlineContext,
  ctx: PlanContext,
  warnings: ImportWarning[],
): PlanContent {
  const tables = findBreakdownTables(slice.lines);
  const inTables = tableLineNos(tables);
  const indicators = extractIndicators(slice.lines.filter((l) => !inTables.has(l.no)));
  warnings.push(...indicators.warnings);
  const body = bodyLines(slice.lines, new Set([...inTables, ...indicators.lineNos]));
  const outline = outlineMeasures(body);
  const assigner = new Assigner(
    ctx.mentions.resolve,
    ctx.mentions.keep,
    ctx.mentions.actors,
    leadRuleLine(slice.lines),
  );
  assigner.learnLists(body);
  return {
    sections: outline.sections,
    measures: [
      ...outline.measures.map((item) => draftMeasure(item, assigner, deadlines, warnings)),
      ...tableMeasures(tables, assigner, deadlines, warnings),
    ],
    indicators: indicators.indicators,
  };
}

function lineAfterTitle(slice: PlanSlice): SourceLine | undefined {
  const last = slice.titleLines.at(-1);
  return last ? slice.lines[slice.lines.indexOf(last) + 1] : undefined;
}

export function readPlan(slice: PlanSlice, ctx: PlanContext): PlanReading {
  const warnings: ImportWarning[] = [];
  const header = [...ctx.front, ...preambleOf(slice)];
  const meta = planMetadata(slice.titleLines, header);
  const deadlines = { periodStart: meta.periodStart, periodEnd: meta.periodEnd, signed: signedOn(ctx.all) };
  const content = readContent(slice, deadlines, ctx, warnings);
  const leadDepartment = leadDepartmentOf(ctx.registry, ctx.mentions.resolve, {
    header,
    afterTitle: lineAfterTitle(slice),
    title: slice.titleLines.map((l) => l.text).join(''),
  });
  const first = slice.lines[0]!.no;
  const last = slice.lines.at(-1)!.no;
  return {
    plan: {
      ...meta,
      jurisdictionKey: ctx.jurisdictionKey,
      leadDepartment,
      sourceText: ctx.raw.slice(first - 1, last).join('\n'),
      startLine: first,
      endLine: last,
      ...content,
    },
    warnings,
  };
}
