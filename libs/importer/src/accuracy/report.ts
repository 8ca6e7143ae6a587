// The accuracy table, the same for the spec's output and for a CLI.
import { combineScores, f1, ratio, type AccuracyScore, type F1Tally, type Tally } from './score.js';

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

// A figure over nothing labelled says nothing: show a dash rather than a flattering 100%.
function tallyCell(t: Tally): string {
  return t.total === 0 ? '—' : `${t.hit}/${t.total} ${percent(ratio(t))}`;
}

function f1Cell(t: F1Tally): string {
  const counted = t.truePositives + t.falsePositives + t.falseNegatives;
  if (counted === 0) return '—';
  return `${percent(f1(t))} (tp ${t.truePositives} fp ${t.falsePositives} fn ${t.falseNegatives})`;
}

const COLUMNS: [string, (s: AccuracyScore) => string][] = [
  ['seed', (s) => s.seed],
  ['measures', (s) => tallyCell(s.measuresFound)],
  ['explicit P', (s) => tallyCell(s.explicitPrecision)],
  ['explicit R', (s) => tallyCell(s.explicitRecall)],
  ['inferred F1', (s) => f1Cell(s.inferred)],
  ['function', (s) => tallyCell(s.functionAccuracy)],
  ['deadline', (s) => tallyCell(s.deadlineAccuracy)],
  ['indicators', (s) => tallyCell(s.indicatorsFound)],
  ['exact targets', (s) => tallyCell(s.indicatorsExact)],
];

/** One row per seed and a total row; with `details`, every miss underneath. */
export function formatReport(scores: AccuracyScore[], options: { details?: boolean } = {}): string {
  const total = combineScores(scores);
  const rows = [COLUMNS.map(([title]) => title), ...[...scores, total].map((s) => COLUMNS.map(([, cell]) => cell(s)))];
  const widths = COLUMNS.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const lines = rows.map((r) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  if (options.details && total.misses.length > 0) lines.push('', ...total.misses);
  return lines.join('\n');
}
