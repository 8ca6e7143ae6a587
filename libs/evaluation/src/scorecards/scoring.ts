// 考核计分: a department's score from its counts as of a date, by the rules in docs/scoring.md. Pure TypeScript.

/** What the scorecard query counts for one department (see scorecards.service.ts). */
export interface ScorecardCounts {
  tasksTotal: number;
  tasksCompleted: number;
  completedOnTime: number;
  /** Tasks whose original due date is before asOf. */
  tasksDue: number;
  /** Of those, the ones completed by their original due date. */
  dueCompletedOnTime: number;
  overdue: number;
  /** Index 0 is level 1 (临期提醒) … index 3 is level 4 (纳入考核). */
  escalationsByLevel: number[];
  noticesIssued: number;
  /** Share of open tasks with a report in the reporting window; null when none was expected. */
  reportTimeliness: number | null;
  reportReminders: number;
}

export interface ScoringWeights {
  weightOnTime: number;
  weightNotOverdue: number;
  weightReporting: number;
  /** Points off per escalation event, by level (index 0 = level 1). */
  escalationPenalties: number[];
  noticePenalty: number;
}

/** Share of due tasks finished by their original due date; 1 when nothing was due yet. */
export function onTimeRate(c: ScorecardCounts): number {
  return c.tasksDue ? c.dueCompletedOnTime / c.tasksDue : 1;
}

/**
 * 100 × the weighted mean of three rates (on time, not overdue, reporting), less penalties for
 * escalations and supervision notices; kept within 0–100 and rounded to one decimal.
 */
export function scoreOf(c: ScorecardCounts, w: ScoringWeights): number {
  const notOverdue = c.tasksTotal ? 1 - c.overdue / c.tasksTotal : 1;
  const reporting = c.reportTimeliness ?? 1;
  const weights = w.weightOnTime + w.weightNotOverdue + w.weightReporting;
  const earned =
    (w.weightOnTime * onTimeRate(c) + w.weightNotOverdue * notOverdue + w.weightReporting * reporting) / weights;
  const penalties =
    c.escalationsByLevel.reduce((sum, n, i) => sum + n * (w.escalationPenalties[i] ?? 0), 0) +
    c.noticesIssued * w.noticePenalty;
  return Math.round(Math.min(100, Math.max(0, 100 * earned - penalties)) * 10) / 10;
}

/**
 * The league table's order: best score first; among equal scores the better on-time rate, then fewer
 * overdue tasks, then the department's name, so the order never depends on the database.
 */
export function leagueOrder<T extends ScorecardCounts & { score: number; name: string }>(rows: T[]): T[] {
  return [...rows].sort(
    (a, b) =>
      b.score - a.score ||
      onTimeRate(b) - onTimeRate(a) ||
      a.overdue - b.overdue ||
      a.name.localeCompare(b.name, 'zh-Hans-CN'),
  );
}

/**
 * Ranks of the ordered league table: equal scores share a rank (并列) and the next rank skips past
 * them (1, 2, 2, 4), so the order shown among equals never passes for a difference in standing.
 */
export function withRanks<T extends { score: number }>(ordered: T[]): (T & { rank: number })[] {
  let rank = 0;
  return ordered.map((row, i) => {
    if (i === 0 || row.score !== ordered[i - 1]!.score) rank = i + 1;
    return { ...row, rank };
  });
}
