import { assessAttainment, AttainmentStatus, elapsedShare, targetFor, type AttainmentInput } from './attainment.js';

const { ON_TRACK, AT_RISK, OFF_TRACK, UNKNOWN } = AttainmentStatus;

/** 000 seed: baselines of 2015 (the plan runs 2016–2025), targets for 2020 and 2025. */
const input = (over: Partial<AttainmentInput>): AttainmentInput => ({
  targets: [{ year: 2025, value: '≥70' }],
  baselineValue: '60',
  startYear: 2020,
  reported: null,
  asOf: '2023-06-30',
  ...over,
});

describe('targetFor', () => {
  const targets = [
    { year: 2025, value: '下降8%' },
    { year: 2020, value: '下降5%' },
  ];
  it('takes the first target due in asOf’s year or later, else the last', () => {
    expect(targetFor(targets, 2018)?.year).toBe(2020);
    expect(targetFor(targets, 2020)?.year).toBe(2020);
    expect(targetFor(targets, 2021)?.year).toBe(2025);
    expect(targetFor(targets, 2030)?.year).toBe(2025);
    expect(targetFor([], 2020)).toBeNull();
  });
});

describe('assessAttainment', () => {
  it('is ON_TRACK once the target is reached, saying so', () => {
    const a = assessAttainment(input({ reported: { value: '72', year: 2023 } }));
    expect(a).toMatchObject({ status: ON_TRACK, targetYear: 2025, target: '≥70' });
    expect(a.reason).toContain('已达到');
  });

  it('compares progress from the baseline with the time elapsed before the target year ends', () => {
    // 2020 → 2025, asOf mid-2023: about 50% of the time has passed.
    expect(assessAttainment(input({ reported: { value: '65', year: 2023 } })).status).toBe(ON_TRACK); // 50% done
    expect(assessAttainment(input({ reported: { value: '64.5', year: 2023 } })).status).toBe(ON_TRACK); // within 10%
    const behind = assessAttainment(input({ reported: { value: '62', year: 2023 } })); // 20% done
    expect(behind.status).toBe(AT_RISK);
    expect(behind.reason).toMatch(/完成进度 20%，时间进度 5\d%/);
    expect(assessAttainment(input({ reported: { value: '58', year: 2023 } })).status).toBe(OFF_TRACK); // worse
  });

  it('is OFF_TRACK when the target year is over and the target missed', () => {
    const a = assessAttainment(input({ reported: { value: '69', year: 2025 }, asOf: '2026-03-31' }));
    expect(a.status).toBe(OFF_TRACK);
    expect(a.reason).toContain('目标年度已过');
  });

  it('judges a falling indicator by a relative target (心脑血管疾病死亡率 309.45, 下降5% by 2020)', () => {
    const base = { targets: [{ year: 2020, value: '下降5%' }], baselineValue: '309.45', startYear: 2015 };
    expect(
      assessAttainment(input({ ...base, reported: { value: '290', year: 2019 }, asOf: '2019-12-31' })).status,
    ).toBe(ON_TRACK);
    expect(
      assessAttainment(input({ ...base, reported: { value: '300', year: 2019 }, asOf: '2019-12-31' })).status,
    ).toBe(AT_RISK);
    expect(
      assessAttainment(input({ ...base, reported: { value: '300', year: 2020 }, asOf: '2021-01-15' })).status,
    ).toBe(OFF_TRACK);
  });

  it('judges ranges and ratios', () => {
    const range = { targets: [{ year: 2025, value: '5—10' }], baselineValue: '/', startYear: 2022 };
    expect(assessAttainment(input({ ...range, reported: { value: '6', year: 2024 } })).status).toBe(ON_TRACK);
    expect(assessAttainment(input({ ...range, reported: { value: '3', year: 2024 } })).status).toBe(AT_RISK);
    const ratio = { targets: [{ year: 2025, value: '1/80' }], baselineValue: '1/120', startYear: 2022 };
    expect(assessAttainment(input({ ...ratio, reported: { value: '1/78', year: 2024 } })).status).toBe(ON_TRACK);
  });

  it('judges qualitative targets against the baseline', () => {
    const growth = { targets: [{ year: 2025, value: '持续增长' }], baselineValue: '74', startYear: 2020 };
    expect(assessAttainment(input({ ...growth, reported: { value: '80', year: 2023 } })).status).toBe(ON_TRACK);
    expect(assessAttainment(input({ ...growth, reported: { value: '74', year: 2023 } })).status).toBe(AT_RISK);
    expect(assessAttainment(input({ ...growth, reported: { value: '70', year: 2023 } })).status).toBe(OFF_TRACK);
    const fall = { targets: [{ year: 2020, value: '有效下降' }], baselineValue: '11', startYear: 2015 };
    expect(
      assessAttainment(input({ ...fall, reported: { value: '10.2', year: 2019 }, asOf: '2019-06-30' })).status,
    ).toBe(ON_TRACK);
  });

  it('says UNKNOWN, with the reason, when it cannot judge', () => {
    const cases: [Partial<AttainmentInput>, RegExp][] = [
      [{ targets: [] }, /无目标值/],
      [{ targets: [{ year: 2025, value: '全覆盖' }] }, /无法量化/],
      [
        { targets: [{ year: 2025, value: '持续增长' }], baselineValue: '--', reported: { value: '9', year: 2023 } },
        /基线/,
      ],
      [{ reported: null }, /尚无上报值/],
      [{ reported: { value: '约七十', year: 2023 } }, /无法识别/],
    ];
    for (const [over, reason] of cases) {
      const a = assessAttainment(input(over));
      expect(a.status).toBe(UNKNOWN);
      expect(a.reason).toMatch(reason);
    }
  });

  it('is AT_RISK, not guessed, when short of a target with no baseline to measure pace from', () => {
    const a = assessAttainment(
      input({ targets: [{ year: 2025, value: '≥80' }], baselineValue: '/', reported: { value: '60', year: 2023 } }),
    );
    expect(a.status).toBe(AT_RISK);
    expect(a.reason).toContain('无基线');
  });
});

describe('elapsedShare', () => {
  it('runs from the end of the start year to the end of the target year', () => {
    expect(elapsedShare(2020, 2025, '2020-12-31')).toBe(0);
    expect(elapsedShare(2020, 2025, '2025-12-31')).toBe(1);
    expect(elapsedShare(2020, 2025, '2019-01-01')).toBe(0);
    expect(elapsedShare(2020, 2025, '2023-07-01')).toBeCloseTo(0.5, 1);
  });
});
