import { normalise, similarity } from './text-similarity.js';

/** Below this a shared code is a coincidence of numbering (a dropped item shifts the ones after it). */
export const CODE_MATCH_MIN = 0.3;
/** Two measures of unrelated codes and titles are the same one reworded from this likeness up. */
export const TEXT_MATCH_MIN = 0.5;

export interface ComparedMeasure {
  id: string;
  ordinal: number;
  code: string;
  title: string;
  text: string;
  deadline: string | null;
  assignments: { departmentId: string; role: string }[];
}

export type MatchedBy = 'OFFICE' | 'CODE' | 'TITLE' | 'SIMILARITY';

export interface MeasurePair {
  before: ComparedMeasure | null;
  after: ComparedMeasure | null;
  kinds: string[];
  matchedBy: MatchedBy | null;
  similarity: number | null;
}

/**
 * The office's word: draft measure id → published measure id, or null for "new, matches nothing".
 * Entries naming a published measure that is not in `published` are ignored.
 */
export type MatchOverrides = ReadonlyMap<string, string | null>;

/**
 * Pairs the measures of a draft revision with those of the published plan — the office's corrections
 * first, then by code (when the texts are alike), then by title, then by text likeness, best first — and
 * says what changed for each, clause by clause in the draft's order, dropped measures where they stood.
 */
export function compareMeasures(
  published: ComparedMeasure[],
  draft: ComparedMeasure[],
  overrides: MatchOverrides = new Map(),
): MeasurePair[] {
  const byId = new Map(published.map((p) => [p.id, p]));
  const matchOf = new Map<string, { p: ComparedMeasure; by: MatchedBy }>();
  const taken = new Set<string>();
  const decided = new Set<string>();
  const link = (d: ComparedMeasure, p: ComparedMeasure, by: MatchedBy) => {
    matchOf.set(d.id, { p, by });
    taken.add(p.id);
    decided.add(d.id);
  };

  for (const d of draft) {
    if (!overrides.has(d.id)) continue;
    const target = overrides.get(d.id);
    const p = target ? byId.get(target) : undefined;
    if (target && (!p || taken.has(p.id))) continue;
    if (p) link(d, p, 'OFFICE');
    else decided.add(d.id);
  }
  const open = () => draft.filter((d) => !decided.has(d.id));
  const free = () => published.filter((p) => !taken.has(p.id));

  for (const d of open()) {
    const p = free().find((x) => x.code === d.code);
    if (p && (normalise(p.title) === normalise(d.title) || similarity(p.text, d.text) >= CODE_MATCH_MIN))
      link(d, p, 'CODE');
  }
  for (const d of open()) {
    const p = free().find((x) => normalise(x.title) === normalise(d.title) && normalise(x.title) !== '');
    if (p) link(d, p, 'TITLE');
  }
  const candidates = open()
    .flatMap((d) => free().map((p) => ({ d, p, score: similarity(p.text, d.text) })))
    .filter((c) => c.score >= TEXT_MATCH_MIN)
    .sort((a, b) => b.score - a.score);
  for (const c of candidates) {
    if (decided.has(c.d.id) || taken.has(c.p.id)) continue;
    link(c.d, c.p, 'SIMILARITY');
  }

  const inOrder = orderKept(draft.flatMap((d) => (matchOf.has(d.id) ? [matchOf.get(d.id)!.p.ordinal] : [])));
  const pairs: { key: number; pair: MeasurePair }[] = draft.map((d, i) => {
    const match = matchOf.get(d.id);
    if (!match) {
      // Said new by the office (an override to nothing), or found like nothing published.
      const matchedBy: MatchedBy | null = overrides.has(d.id) && overrides.get(d.id) === null ? 'OFFICE' : null;
      return { key: i, pair: { before: null, after: d, kinds: ['ADDED'], matchedBy, similarity: null } };
    }
    const p = match.p;
    return {
      key: i,
      pair: {
        before: p,
        after: d,
        kinds: changeKinds(p, d, inOrder.has(p.ordinal)),
        matchedBy: match.by,
        similarity: round(similarity(p.text, d.text)),
      },
    };
  });
  // A dropped measure is shown after the draft measure that took the place of its nearest kept predecessor.
  const draftIndexOf = new Map<string, number>();
  draft.forEach((d, i) => {
    const m = matchOf.get(d.id);
    if (m) draftIndexOf.set(m.p.id, i);
  });
  const sortedPublished = [...published].sort((a, b) => a.ordinal - b.ordinal);
  sortedPublished.forEach((p, index) => {
    if (taken.has(p.id)) return;
    const kept = sortedPublished
      .slice(0, index)
      .reverse()
      .find((x) => draftIndexOf.has(x.id));
    const key = (kept ? draftIndexOf.get(kept.id)! : -1) + 0.5 + index / (published.length + 1) / 2;
    pairs.push({ key, pair: { before: p, after: null, kinds: ['REMOVED'], matchedBy: null, similarity: null } });
  });
  return pairs.sort((a, b) => a.key - b.key).map((x) => x.pair);
}

function changeKinds(p: ComparedMeasure, d: ComparedMeasure, inOrder: boolean): string[] {
  const kinds: string[] = [];
  if (wording(p.text) !== wording(d.text) || squash(p.title) !== squash(d.title)) kinds.push('TEXT_CHANGED');
  if (assignmentKey(p) !== assignmentKey(d)) kinds.push('ASSIGNMENTS_CHANGED');
  if ((p.deadline ?? null) !== (d.deadline ?? null)) kinds.push('DEADLINE_CHANGED');
  if (sectionOf(p.code) !== sectionOf(d.code) || !inOrder) kinds.push('MOVED');
  return kinds;
}

/** Whitespace does not make a different text (a re-typed document wraps lines differently). */
function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * The measure's words without its closing list of departments (（市卫计局、市教育局负责）): a change there
 * is an assignment change, said as such, not a rewording.
 */
function wording(text: string): string {
  return squash(text).replace(/[（(][^（()）]*(负责|牵头|配合|责任单位)[^（()）]*[)）][。.]?$/u, '');
}

function assignmentKey(m: ComparedMeasure): string {
  return m.assignments
    .map((a) => `${a.departmentId}:${a.role}`)
    .sort()
    .join(',');
}

/** 三.（一）.1 → 三.（一）: the chapter and section a measure stands in. */
export function sectionOf(code: string): string {
  const cut = code.lastIndexOf('.');
  return cut < 0 ? '' : code.slice(0, cut);
}

/**
 * The published ordinals, in the draft's order, that keep their relative order: the longest increasing
 * subsequence. A measure outside it is one that moved (the others only shifted around it).
 */
export function orderKept(ordinals: number[]): Set<number> {
  const tails: number[] = [];
  const tailIndex: number[] = [];
  const prev: number[] = new Array<number>(ordinals.length).fill(-1);
  ordinals.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = value;
    tailIndex[lo] = i;
    prev[i] = lo > 0 ? tailIndex[lo - 1]! : -1;
  });
  const kept = new Set<number>();
  let i = tails.length ? tailIndex[tails.length - 1]! : -1;
  while (i >= 0) {
    kept.add(ordinals[i]!);
    i = prev[i]!;
  }
  return kept;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
