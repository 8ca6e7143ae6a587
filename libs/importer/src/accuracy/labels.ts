// Hand-labelled ground truth for the seed plans: what a careful reader finds in each document.
// The labels live in libs/importer/fixtures/labels as JSON, one file per seed (and one per seed
// for indicator tables), so that reviewers can read and correct them without touching code.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AssignmentRole, DraftIndicatorTarget, IndicatorNature } from '../types.js';

export interface LabelledAssignment {
  mentionedAs: string;
  role: AssignmentRole;
  explicit: true;
  functionCode: string;
  /** 各区县政府: one label standing for every child government the importer fans out to. */
  fanOut?: boolean;
}

/** A department named as an actor in the prose of a measure and not already assigned explicitly. */
export interface LabelledActor {
  mentionedAs: string;
  functionCode: string;
}

export interface LabelledMeasure {
  line: number;
  code: string;
  titleStart: string;
  deadline: string;
  assignments: LabelledAssignment[];
  inferred: LabelledActor[];
}

export interface LabelledIndicator {
  line: number;
  /** Only for documents holding several plans. */
  planTitle?: string;
  name: string;
  unit: string | null;
  category: string | null;
  baselineYear: number | null;
  baselineValue: string | null;
  targets: DraftIndicatorTarget[];
  nature: IndicatorNature | null;
}

export interface SeedLabels {
  seed: string;
  /** null when the seed's measures were not labelled (only its indicator table was). */
  measures: LabelledMeasure[] | null;
  indicators: LabelledIndicator[];
}

interface MeasureLabelFile {
  seed: string;
  measures: LabelledMeasure[];
}

interface IndicatorLabelFile {
  seed: string;
  indicators: LabelledIndicator[];
}

function readJsonFiles<T extends { seed: string }>(dir: string): T[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = JSON.parse(readFileSync(join(dir, f), 'utf8')) as T;
      if (typeof parsed.seed !== 'string') throw new Error(`label file ${f} names no seed`);
      return parsed;
    });
}

/** All labelled seeds under `dir` (measure labels at the top, indicator labels in `indicators/`), by seed name. */
export function loadLabels(dir: string): SeedLabels[] {
  const bySeed = new Map<string, SeedLabels>();
  const entry = (seed: string): SeedLabels => {
    let labels = bySeed.get(seed);
    if (!labels) bySeed.set(seed, (labels = { seed, measures: null, indicators: [] }));
    return labels;
  };
  for (const file of readJsonFiles<MeasureLabelFile>(dir)) entry(file.seed).measures = file.measures;
  for (const file of readJsonFiles<IndicatorLabelFile>(join(dir, 'indicators'))) {
    entry(file.seed).indicators = file.indicators;
  }
  return [...bySeed.values()].sort((a, b) => a.seed.localeCompare(b.seed));
}
