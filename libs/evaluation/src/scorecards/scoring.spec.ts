import { leagueOrder, onTimeRate, scoreOf, withRanks, type ScorecardCounts, type ScoringWeights } from './scoring.js';

/** The rules the migration installs. */
const DEFAULT_WEIGHTS: ScoringWeights = {
  weightOnTime: 50,
  weightNotOverdue: 30,
  weightReporting: 20,
  escalationPenalties: [0, 0.5, 1, 2],
  noticePenalty: 1,
};

const counts = (over: Partial<ScorecardCounts> = {}): ScorecardCounts => ({
  tasksTotal: 10,
  tasksCompleted: 0,
  completedOnTime: 0,
  tasksDue: 0,
  dueCompletedOnTime: 0,
  overdue: 0,
  escalationsByLevel: [0, 0, 0, 0],
  noticesIssued: 0,
  reportTimeliness: null,
  reportReminders: 0,
  ...over,
});

describe('scoreOf (docs/scoring.md)', () => {
  it('gives full marks when nothing is due, overdue or unreported', () => {
    expect(scoreOf(counts(), DEFAULT_WEIGHTS)).toBe(100);
  });

  it('weighs the on-time, not-overdue and reporting rates 50 : 30 : 20 by default', () => {
    // on time 2 of 4 due (0.5), 2 of 10 overdue (0.8), reporting 0.5 → (25 + 24 + 10) = 59
    const c = counts({ tasksDue: 4, dueCompletedOnTime: 2, overdue: 2, reportTimeliness: 0.5 });
    expect(scoreOf(c, DEFAULT_WEIGHTS)).toBe(59);
  });

  it('gives the worked example of docs/scoring.md', () => {
    const c = counts({ tasksDue: 4, dueCompletedOnTime: 1, overdue: 2, reportTimeliness: 1 });
    expect(scoreOf({ ...c, escalationsByLevel: [2, 2, 1, 0], noticesIssued: 1 }, DEFAULT_WEIGHTS)).toBe(53.5);
  });

  it('takes points off per escalation by level and per supervision notice', () => {
    const c = counts({ escalationsByLevel: [3, 2, 1, 1], noticesIssued: 2 });
    // 0×3 + 0.5×2 + 1×1 + 2×1 + 1×2 = 6
    expect(scoreOf(c, DEFAULT_WEIGHTS)).toBe(94);
  });

  it('follows changed weights: only relative weights matter', () => {
    const c = counts({ tasksDue: 4, dueCompletedOnTime: 2 });
    expect(scoreOf(c, { ...DEFAULT_WEIGHTS, weightOnTime: 1, weightNotOverdue: 0, weightReporting: 0 })).toBe(50);
    expect(scoreOf(c, { ...DEFAULT_WEIGHTS, weightOnTime: 100, weightNotOverdue: 0, weightReporting: 0 })).toBe(50);
  });

  it('stays within 0–100 and rounds to one decimal', () => {
    expect(scoreOf(counts({ escalationsByLevel: [0, 0, 0, 80] }), DEFAULT_WEIGHTS)).toBe(0);
    expect(scoreOf(counts({ tasksDue: 3, dueCompletedOnTime: 1 }), DEFAULT_WEIGHTS)).toBe(66.7);
  });

  it('counts on-time completions among due tasks only', () => {
    expect(onTimeRate(counts({ completedOnTime: 5, tasksDue: 0 }))).toBe(1);
    expect(onTimeRate(counts({ completedOnTime: 5, tasksDue: 4, dueCompletedOnTime: 3 }))).toBe(0.75);
  });
});

describe('leagueOrder', () => {
  it('orders by score, then on-time rate, then fewer overdue, then name', () => {
    const rows = [
      { ...counts({ tasksDue: 2, dueCompletedOnTime: 1 }), score: 80, name: '乙' },
      { ...counts({ tasksDue: 2, dueCompletedOnTime: 2 }), score: 80, name: '丙' },
      { ...counts(), score: 90, name: '丁' },
      { ...counts({ tasksDue: 2, dueCompletedOnTime: 1, overdue: 1 }), score: 80, name: '甲' },
    ];
    expect(leagueOrder(rows).map((r) => r.name)).toEqual(['丁', '丙', '乙', '甲']);
  });
});

describe('withRanks', () => {
  it('gives equal scores one rank (并列) and skips the ranks they share', () => {
    const ranked = withRanks([{ score: 95 }, { score: 80 }, { score: 80 }, { score: 80 }, { score: 60 }]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 2, 2, 5]);
  });

  it('ranks an empty table as empty', () => {
    expect(withRanks([])).toEqual([]);
  });
});
