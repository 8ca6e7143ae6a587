// How close an importer draft comes to the hand labels. Pure: a draft and labels in, counts out.
// Scores keep raw counts (not ratios) so that seeds can be summed into one total.
import type { DraftDocument, DraftIndicatorTarget } from '../types.js';
import type { LabelledIndicator, SeedLabels } from './labels.js';
import { scoreMeasures } from './score-measures.js';
import { f1, matchKey, none, ratio, type F1Tally, type Tally } from './tally.js';

export { f1, functionOf, matchKey, ratio, type F1Tally, type Tally } from './tally.js';

export interface AccuracyScore {
  seed: string;
  measuresFound: Tally;
  /** Explicit pairs (measure × mentionedAs × role): hits over the draft's pairs. */
  explicitPrecision: Tally;
  /** Explicit pairs: hits over the labelled pairs. */
  explicitRecall: Tally;
  /** Actors in prose, as measure × function code. */
  inferred: F1Tally;
  /** Matched explicit assignments whose department has the labelled function. */
  functionAccuracy: Tally;
  /** Found measures with the labelled deadline. */
  deadlineAccuracy: Tally;
  indicatorsFound: Tally;
  /** Indicator rows found with exactly the labelled targets. */
  indicatorsExact: Tally;
  /** One line per miss, for whoever has to fix the importer. */
  misses: string[];
}

function emptyScore(seed: string): AccuracyScore {
  return {
    seed,
    measuresFound: none(),
    explicitPrecision: none(),
    explicitRecall: none(),
    inferred: { truePositives: 0, falsePositives: 0, falseNegatives: 0 },
    functionAccuracy: none(),
    deadlineAccuracy: none(),
    indicatorsFound: none(),
    indicatorsExact: none(),
    misses: [],
  };
}

function sameTargets(a: DraftIndicatorTarget[], b: DraftIndicatorTarget[]): boolean {
  const key = (ts: DraftIndicatorTarget[]) =>
    JSON.stringify([...ts].sort((x, y) => x.year - y.year).map((t) => [t.year, t.value]));
  return key(a) === key(b);
}

function scoreIndicators(draft: DraftDocument, labelled: LabelledIndicator[], misses: string[]) {
  const pool = draft.plans.flatMap((p) => p.indicators);
  const found = none();
  const exact = none();
  for (const label of labelled) {
    found.total++;
    exact.total++;
    const i = pool.findIndex((d) => matchKey(d.name) === matchKey(label.name));
    if (i < 0) {
      misses.push(`indicator missing line ${label.line} ${label.name}`);
      continue;
    }
    const [row] = pool.splice(i, 1);
    found.hit++;
    if (sameTargets(row.targets, label.targets)) exact.hit++;
    else misses.push(`indicator targets line ${label.line} ${label.name}: ${JSON.stringify(row.targets)}`);
  }
  return { indicatorsFound: found, indicatorsExact: exact };
}

export function scoreDraft(draft: DraftDocument, labels: SeedLabels): AccuracyScore {
  const misses: string[] = [];
  // Seeds whose measures were not labelled are scored on their indicator table alone.
  const measures = labels.measures
    ? scoreMeasures(
        draft.plans.flatMap((p) => p.measures),
        labels.measures,
        misses,
      )
    : {};
  return {
    ...emptyScore(labels.seed),
    ...measures,
    ...scoreIndicators(draft, labels.indicators, misses),
    misses,
  };
}

const addTally = (a: Tally, b: Tally): Tally => ({ hit: a.hit + b.hit, total: a.total + b.total });

/** Sums seeds into one score: the project's targets are on the total, not on each seed. */
export function combineScores(scores: AccuracyScore[], seed = 'total'): AccuracyScore {
  return scores.reduce(
    (sum, s) => ({
      seed,
      measuresFound: addTally(sum.measuresFound, s.measuresFound),
      explicitPrecision: addTally(sum.explicitPrecision, s.explicitPrecision),
      explicitRecall: addTally(sum.explicitRecall, s.explicitRecall),
      inferred: {
        truePositives: sum.inferred.truePositives + s.inferred.truePositives,
        falsePositives: sum.inferred.falsePositives + s.inferred.falsePositives,
        falseNegatives: sum.inferred.falseNegatives + s.inferred.falseNegatives,
      },
      functionAccuracy: addTally(sum.functionAccuracy, s.functionAccuracy),
      deadlineAccuracy: addTally(sum.deadlineAccuracy, s.deadlineAccuracy),
      indicatorsFound: addTally(sum.indicatorsFound, s.indicatorsFound),
      indicatorsExact: addTally(sum.indicatorsExact, s.indicatorsExact),
      misses: [...sum.misses, ...s.misses.map((m) => `${s.seed}: ${m}`)],
    }),
    emptyScore(seed),
  );
}

/** The project's accuracy targets for the importer on the labelled seeds. */
export const ACCURACY_TARGETS = {
  measuresFound: 0.97,
  explicitPrecision: 0.98,
  explicitRecall: 0.98,
  inferredF1: 0.8,
  functionAccuracy: 1,
  indicatorsExact: 0.97,
} as const;

export type TargetName = keyof typeof ACCURACY_TARGETS;

export function figures(score: AccuracyScore): Record<TargetName, number> {
  return {
    measuresFound: ratio(score.measuresFound),
    explicitPrecision: ratio(score.explicitPrecision),
    explicitRecall: ratio(score.explicitRecall),
    inferredF1: f1(score.inferred),
    functionAccuracy: ratio(score.functionAccuracy),
    indicatorsExact: ratio(score.indicatorsExact),
  };
}

/** The targets a score falls short of, with the figure reached: empty when all are met. */
export function missedTargets(score: AccuracyScore): string[] {
  const reached = figures(score);
  return (Object.keys(ACCURACY_TARGETS) as TargetName[])
    .filter((name) => reached[name] < ACCURACY_TARGETS[name])
    .map((name) => `${name} ${(reached[name] * 100).toFixed(1)}% < ${ACCURACY_TARGETS[name] * 100}%`);
}
