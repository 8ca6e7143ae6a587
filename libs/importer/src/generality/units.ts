// Scores an importer draft against hand labels by the units as printed (mentionedAs) rather than by function:
// a city outside the registry has departments the catalogue cannot name (市留交办, 市法制办), and what a reader
// asks of the importer there is whether the unit the document names — above all the one that leads — survives.
import type { DraftAssignment, DraftDocument, DraftMeasure } from '../types.js';
import { matchMeasures, type Ratio } from './compare.js';
import type { DocumentLabels, LabelAssignment, LabelMeasure } from './labels.js';

export interface UnitScore {
  file: string;
  /** Labelled measures the importer found (by line, else by title). */
  measuresFound: Ratio;
  /** Labelled LEAD units found as LEAD assignments of their measure. */
  leadRecall: Ratio;
  /** Labelled units of every role found with their role. */
  unitRecall: Ratio;
  /** Explicit units of the draft (one per measure, mention and role) that the labels hold. */
  precision: Ratio;
  /** Labelled measures the draft does not hold. */
  missedMeasures: string[];
  /** Labelled lead units the draft lost, with their measure. */
  missedLeads: string[];
}

/** One explicit unit of a draft measure: the children of a fan-out share their mention and count once. */
interface DraftUnit {
  mentionedAs: string;
  role: DraftAssignment['role'];
  fanOut: boolean;
}

function draftUnits(measure: DraftMeasure | undefined): DraftUnit[] {
  const units = new Map<string, DraftUnit>();
  for (const a of measure?.assignments.filter((x) => x.explicit) ?? [])
    units.set(`${a.mentionedAs}|${a.role}`, {
      mentionedAs: a.mentionedAs,
      role: a.role,
      fanOut: a.fanOutOf !== undefined,
    });
  return [...units.values()];
}

/**
 * The same unit with the same role. A fan-out is printed as one collective (各区、县级市) that the importer may read
 * as its parts (各区, 县级市): any part that fanned out stands for it.
 */
function sameUnit(label: LabelAssignment, unit: DraftUnit): boolean {
  if (label.role !== unit.role) return false;
  if (label.mentionedAs === unit.mentionedAs) return true;
  return label.fanOut === true && unit.fanOut && label.mentionedAs.includes(unit.mentionedAs);
}

function count(ratio: Ratio, hit: boolean): void {
  ratio.of += 1;
  if (hit) ratio.hit += 1;
}

function where(label: LabelMeasure): string {
  return `${label.code ?? `line ${label.line}`} ${label.titleStart}`;
}

function scoreMeasure(score: UnitScore, label: LabelMeasure, found: DraftMeasure | undefined): void {
  const units = draftUnits(found);
  count(score.measuresFound, found !== undefined);
  if (!found) score.missedMeasures.push(where(label));
  for (const assignment of label.assignments) {
    const hit = units.some((u) => sameUnit(assignment, u));
    count(score.unitRecall, hit);
    if (assignment.role !== 'LEAD') continue;
    count(score.leadRecall, hit);
    if (!hit) score.missedLeads.push(`${where(label)}: ${assignment.mentionedAs}`);
  }
  for (const unit of units)
    count(
      score.precision,
      label.assignments.some((a) => sameUnit(a, unit)),
    );
}

export function scoreUnits(labels: DocumentLabels, draft: DraftDocument): UnitScore {
  const zero = (): Ratio => ({ hit: 0, of: 0 });
  const score: UnitScore = {
    file: labels.file,
    measuresFound: zero(),
    leadRecall: zero(),
    unitRecall: zero(),
    precision: zero(),
    missedMeasures: [],
    missedLeads: [],
  };
  const drafts = draft.plans.flatMap((plan) => plan.measures);
  const matches = matchMeasures(labels.measures, drafts);
  for (const label of labels.measures) scoreMeasure(score, label, matches.get(label));
  const matched = new Set(matches.values());
  // Units of measures the labels do not hold are all wrong.
  for (const extra of drafts.filter((d) => !matched.has(d))) score.precision.of += draftUnits(extra).length;
  return score;
}
