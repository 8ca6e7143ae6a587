// Scores the measures of a draft against labelled ones: found, explicit pairs, functions, actors in prose, deadlines.
import type { DraftMeasure } from '../types.js';
import type { LabelledMeasure } from './labels.js';
import { functionOf, matchKey, none, type F1Tally, type Tally } from './tally.js';

/** Label index → draft measure: by line first, then by title, each draft measure used once. */
function matchMeasures(labelled: LabelledMeasure[], drafted: DraftMeasure[]): Map<number, DraftMeasure> {
  const matched = new Map<number, DraftMeasure>();
  const used = new Set<DraftMeasure>();
  const pick = (i: number, fits: (d: DraftMeasure) => boolean) => {
    const found = matched.has(i) ? undefined : drafted.find((d) => !used.has(d) && fits(d));
    if (!found) return;
    matched.set(i, found);
    used.add(found);
  };
  labelled.forEach((label, i) => pick(i, (d) => d.line === label.line));
  labelled.forEach((label, i) => pick(i, (d) => matchKey(d.title).startsWith(matchKey(label.titleStart))));
  return matched;
}

/** Names every draft measure: `L<i>` when it matched label i, `D<j>` otherwise (all its pairs are then wrong). */
function measureKeys(matched: Map<number, DraftMeasure>, drafted: DraftMeasure[]): Map<DraftMeasure, string> {
  const keys = new Map<DraftMeasure, string>();
  drafted.forEach((d, j) => keys.set(d, `D${j}`));
  for (const [i, d] of matched) keys.set(d, `L${i}`);
  return keys;
}

const pairKey = (measure: string, mentionedAs: string, role: string) => `${measure}|${matchKey(mentionedAs)}|${role}`;

interface MeasureContext {
  labelled: LabelledMeasure[];
  drafted: DraftMeasure[];
  matched: Map<number, DraftMeasure>;
  keys: Map<DraftMeasure, string>;
}

// Pairs are sets, so the many assignments a fan-out label (各区县政府) expands to count as one.
function scoreExplicit(ctx: MeasureContext, misses: string[]) {
  const labelled = new Set(
    ctx.labelled.flatMap((m, i) => m.assignments.map((a) => pairKey(`L${i}`, a.mentionedAs, a.role))),
  );
  const drafted = new Set(
    ctx.drafted.flatMap((d) =>
      d.assignments.filter((a) => a.explicit).map((a) => pairKey(ctx.keys.get(d)!, a.mentionedAs, a.role)),
    ),
  );
  const hits = [...labelled].filter((p) => drafted.has(p)).length;
  for (const p of labelled) if (!drafted.has(p)) misses.push(`explicit missing ${locate(ctx, p)}`);
  for (const p of drafted) if (!labelled.has(p)) misses.push(`explicit extra ${locate(ctx, p)}`);
  return {
    explicitPrecision: { hit: hits, total: drafted.size },
    explicitRecall: { hit: hits, total: labelled.size },
    functionAccuracy: scoreFunctions(ctx, drafted, misses),
  };
}

/** The source line a measure key points at, for messages. */
function lineOf(ctx: MeasureContext, measure: string): number {
  const index = Number(measure.slice(1));
  return measure.startsWith('L') ? ctx.labelled[index].line : ctx.drafted[index].line;
}

function locate(ctx: MeasureContext, key: string): string {
  const [measure, ...rest] = key.split('|');
  return `line ${lineOf(ctx, measure)}: ${rest.join(' ')}`;
}

function scoreFunctions(ctx: MeasureContext, drafted: Set<string>, misses: string[]): Tally {
  const tally = none();
  ctx.labelled.forEach((label, i) => {
    const draft = ctx.matched.get(i);
    for (const a of label.assignments) {
      if (!draft || !drafted.has(pairKey(`L${i}`, a.mentionedAs, a.role))) continue;
      const found = draft.assignments
        .filter((d) => d.explicit && d.role === a.role && matchKey(d.mentionedAs) === matchKey(a.mentionedAs))
        .map((d) => functionOf(d.target));
      tally.total++;
      if (found.every((code) => code === a.functionCode)) tally.hit++;
      else misses.push(`function line ${label.line}: ${a.mentionedAs} is ${a.functionCode}, draft says ${found}`);
    }
  });
  return tally;
}

function scoreInferred(ctx: MeasureContext, misses: string[]): F1Tally {
  const labelled = new Set(ctx.labelled.flatMap((m, i) => m.inferred.map((a) => `L${i}|${a.functionCode}`)));
  const drafted = new Set(
    ctx.drafted.flatMap((d) =>
      d.assignments.filter((a) => !a.explicit).map((a) => `${ctx.keys.get(d)}|${functionOf(a.target)}`),
    ),
  );
  const truePositives = [...labelled].filter((p) => drafted.has(p)).length;
  for (const p of labelled) if (!drafted.has(p)) misses.push(`inferred missing ${locate(ctx, p)}`);
  for (const p of drafted) if (!labelled.has(p)) misses.push(`inferred extra ${locate(ctx, p)}`);
  return {
    truePositives,
    falsePositives: drafted.size - truePositives,
    falseNegatives: labelled.size - truePositives,
  };
}

function scoreDeadlines(ctx: MeasureContext, misses: string[]): Tally {
  const tally = none();
  for (const [i, draft] of ctx.matched) {
    const label = ctx.labelled[i];
    tally.total++;
    if (draft.deadline === label.deadline) tally.hit++;
    else misses.push(`deadline line ${label.line}: ${label.deadline}, draft says ${draft.deadline}`);
  }
  return tally;
}

export function scoreMeasures(drafted: DraftMeasure[], labelled: LabelledMeasure[], misses: string[]) {
  const matched = matchMeasures(labelled, drafted);
  const ctx: MeasureContext = { labelled, drafted, matched, keys: measureKeys(matched, drafted) };
  labelled.forEach((m, i) => {
    if (!matched.has(i)) misses.push(`measure missing line ${m.line} ${m.code} ${m.titleStart}`);
  });
  return {
    measuresFound: { hit: matched.size, total: labelled.length },
    ...scoreExplicit(ctx, misses),
    inferred: scoreInferred(ctx, misses),
    deadlineAccuracy: scoreDeadlines(ctx, misses),
  };
}
