// Scores an importer draft against hand labels: which labelled measures it found, and per measure the
// set of (function, role) pairs of its explicit assignments. Pairs rather than department keys, so that the
// labels hold what a reader of the document can tell, not the registry's keys or which departments were new.
import type { DepartmentTarget, DraftDocument, DraftMeasure } from '../types.js';
import type { DocumentLabels, LabelMeasure } from './labels.js';

export interface Ratio {
  hit: number;
  of: number;
}

export interface DocumentScore {
  file: string;
  /** Labelled measures the importer found (by line, else by title). */
  measuresFound: Ratio;
  /** Explicit (function, role) pairs of the draft that the labels hold; unlabelled measures count too. */
  precision: Ratio;
  /** Labelled (function, role) pairs the draft holds explicitly. */
  recall: Ratio;
  /** Found measures whose deadline named in the text agrees with the label. */
  deadlines: Ratio;
  /** Measures naming a collective that is no fan-out (各有关部门) and carrying a warning on their line. */
  collectivesWarned: Ratio;
  /** Plans placed in the labelled jurisdiction. */
  jurisdiction: Ratio;
  /** Whether some plan carries the labelled document number. */
  documentNumber: Ratio;
  differences: string[];
}

export function rate(ratio: Ratio): number {
  return ratio.of === 0 ? 1 : ratio.hit / ratio.of;
}

/** `cn.CUSTOMS` → CUSTOMS, `cn.beijing.GOVERNMENT` → GOVERNMENT; provisional targets carry theirs. */
export function functionCodeOf(target: DepartmentTarget): string {
  if (target.kind === 'provisional') return target.functionCode;
  return target.departmentKey.split('.').find((segment) => /^[A-Z][A-Z0-9_]*$/.test(segment)) ?? target.departmentKey;
}

/** A set, so that the child governments of one fan-out count once. */
export function draftPairs(measure: DraftMeasure): Set<string> {
  const explicit = measure.assignments.filter((a) => a.explicit);
  return new Set(explicit.map((a) => `${functionCodeOf(a.target)}:${a.role}`));
}

export function labelPairs(measure: LabelMeasure): Set<string> {
  return new Set(measure.assignments.map((a) => `${a.functionCode}:${a.role}`));
}

/** Pairs each label with at most one draft measure, preferring the same line over a title match. */
export function matchMeasures(labels: LabelMeasure[], drafts: DraftMeasure[]): Map<LabelMeasure, DraftMeasure> {
  const matches = new Map<LabelMeasure, DraftMeasure>();
  const used = new Set<DraftMeasure>();
  const claim = (label: LabelMeasure, draft: DraftMeasure | undefined): void => {
    if (!draft || matches.has(label)) return;
    matches.set(label, draft);
    used.add(draft);
  };
  const free = (d: DraftMeasure): boolean => !used.has(d);
  for (const label of labels)
    claim(
      label,
      drafts.find((d) => free(d) && d.line === label.line),
    );
  for (const label of labels)
    claim(
      label,
      drafts.find((d) => free(d) && d.title.includes(label.titleStart)),
    );
  return matches;
}

/** A deadline the importer filled in from the plan's period is no deadline of the measure's text. */
function textDeadline(measure: DraftMeasure): string | null {
  return measure.deadlineSource === 'text' ? measure.deadline : null;
}

function plainCollectives(label: LabelMeasure): string[] {
  const fanOuts = new Set(label.assignments.filter((a) => a.fanOut).map((a) => a.mentionedAs));
  return label.collective.filter((unit) => !fanOuts.has(unit));
}

function emptyScore(file: string): DocumentScore {
  const zero = (): Ratio => ({ hit: 0, of: 0 });
  return {
    file,
    measuresFound: zero(),
    precision: zero(),
    recall: zero(),
    deadlines: zero(),
    collectivesWarned: zero(),
    jurisdiction: zero(),
    documentNumber: zero(),
    differences: [],
  };
}

function count(ratio: Ratio, hit: boolean): void {
  ratio.of += 1;
  if (hit) ratio.hit += 1;
}

function comparePairs(score: DocumentScore, where: string, expected: Set<string>, actual: Set<string>): void {
  const missing = [...expected].filter((pair) => !actual.has(pair));
  const extra = [...actual].filter((pair) => !expected.has(pair));
  score.recall.of += expected.size;
  score.recall.hit += expected.size - missing.length;
  score.precision.of += actual.size;
  score.precision.hit += actual.size - extra.length;
  if (missing.length) score.differences.push(`${where}: missing ${missing.join(', ')}`);
  if (extra.length) score.differences.push(`${where}: extra ${extra.join(', ')}`);
}

function scoreMeasure(score: DocumentScore, draft: DraftDocument, label: LabelMeasure, found?: DraftMeasure): void {
  const where = `${score.file}:${label.line} ${label.titleStart}`;
  count(score.measuresFound, found !== undefined);
  if (!found) score.differences.push(`${where}: not found`);
  comparePairs(score, where, labelPairs(label), found ? draftPairs(found) : new Set());
  if (found) {
    const deadline = textDeadline(found);
    count(score.deadlines, deadline === label.deadline);
    if (deadline !== label.deadline) score.differences.push(`${where}: deadline ${deadline} ≠ ${label.deadline}`);
  }
  if (plainCollectives(label).length) {
    const warned = draft.warnings.some((w) => w.line === label.line);
    count(score.collectivesWarned, warned);
    if (!warned) score.differences.push(`${where}: no warning for ${plainCollectives(label).join(', ')}`);
  }
}

export function scoreDocument(labels: DocumentLabels, draft: DraftDocument): DocumentScore {
  const score = emptyScore(labels.file);
  const drafts = draft.plans.flatMap((plan) => plan.measures);
  const matches = matchMeasures(labels.measures, drafts);
  for (const label of labels.measures) scoreMeasure(score, draft, label, matches.get(label));
  const matched = new Set(matches.values());
  for (const extra of drafts.filter((d) => !matched.has(d))) {
    comparePairs(score, `${labels.file}:${extra.line} (unlabelled) ${extra.title}`, new Set(), draftPairs(extra));
  }
  for (const plan of draft.plans) count(score.jurisdiction, plan.jurisdictionKey === labels.jurisdiction);
  count(
    score.documentNumber,
    draft.plans.some((plan) => plan.documentNumber === labels.documentNumber),
  );
  return score;
}

function addRatio(a: Ratio, b: Ratio): Ratio {
  return { hit: a.hit + b.hit, of: a.of + b.of };
}

export function addScores(file: string, scores: DocumentScore[]): DocumentScore {
  return scores.reduce(
    (sum, s) => ({
      file,
      measuresFound: addRatio(sum.measuresFound, s.measuresFound),
      precision: addRatio(sum.precision, s.precision),
      recall: addRatio(sum.recall, s.recall),
      deadlines: addRatio(sum.deadlines, s.deadlines),
      collectivesWarned: addRatio(sum.collectivesWarned, s.collectivesWarned),
      jurisdiction: addRatio(sum.jurisdiction, s.jurisdiction),
      documentNumber: addRatio(sum.documentNumber, s.documentNumber),
      differences: [...sum.differences, ...s.differences],
    }),
    emptyScore(file),
  );
}

const FILE_WIDTH = 28;
const CELL_WIDTH = 20;

function cell(ratio: Ratio): string {
  return `${ratio.hit}/${ratio.of} ${(rate(ratio) * 100).toFixed(1)}%`.padEnd(CELL_WIDTH);
}

const COLUMNS = ['measures found', 'precision', 'recall', 'deadlines', 'collectives warned', 'jurisdiction'];

export const SCORE_HEADER =
  'file'.padEnd(FILE_WIDTH) + COLUMNS.map((c) => c.padEnd(CELL_WIDTH)).join('') + 'doc number';

export function formatScore(score: DocumentScore): string {
  const { measuresFound, precision, recall, deadlines, collectivesWarned, jurisdiction, documentNumber } = score;
  const ratios = [measuresFound, precision, recall, deadlines, collectivesWarned, jurisdiction, documentNumber];
  return score.file.padEnd(FILE_WIDTH) + ratios.map(cell).join('').trimEnd();
}
