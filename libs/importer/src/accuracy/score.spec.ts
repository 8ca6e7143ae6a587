import { describe, expect, it } from '@jest/globals';
import type { DraftAssignment, DraftDocument, DraftIndicator, DraftMeasure } from '../types.js';
import type { SeedLabels } from './labels.js';
import { formatReport } from './report.js';
import { combineScores, f1, figures, functionOf, missedTargets, ratio, scoreDraft } from './score.js';

const labels: SeedLabels = {
  seed: 'sample.txt',
  measures: [
    {
      line: 10,
      code: '三.（一）.1',
      titleStart: '完善患者救治与随访服务机制',
      deadline: '2020-12-31',
      assignments: [
        { mentionedAs: '市卫计局', role: 'LEAD', explicit: true, functionCode: 'HEALTH' },
        { mentionedAs: '市公安局', role: 'COOPERATING', explicit: true, functionCode: 'PUBLIC_SECURITY' },
      ],
      inferred: [{ mentionedAs: '民政部门', functionCode: 'CIVIL_AFFAIRS' }],
    },
    {
      line: 12,
      code: '三.（一）.2',
      titleStart: '加强精神卫生数字化建设',
      deadline: '2023-12-31',
      assignments: [
        { mentionedAs: '市财政局', role: 'RESPONSIBLE', explicit: true, functionCode: 'FINANCE' },
        {
          mentionedAs: '各区县政府',
          role: 'RESPONSIBLE',
          explicit: true,
          functionCode: 'GOVERNMENT',
          fanOut: true,
        },
      ],
      inferred: [],
    },
  ],
  indicators: [
    {
      line: 30,
      name: '二級及以上公立綜合醫院精神科(心理科)設置率',
      unit: '%',
      category: null,
      baselineYear: 2022,
      baselineValue: '60',
      targets: [{ year: 2025, value: '≥70' }],
      nature: null,
    },
  ],
};

const existing = (mentionedAs: string, role: DraftAssignment['role'], key: string, explicit = true) =>
  ({
    mentionedAs,
    role,
    explicit,
    target: { kind: 'existing', departmentKey: key },
    source: explicit ? 'LIST' : 'PROSE',
  }) satisfies DraftAssignment;

function measure(line: number, title: string, deadline: string, assignments: DraftAssignment[]): DraftMeasure {
  return {
    code: '',
    title,
    text: title,
    sectionTitle: null,
    deadline,
    deadlineSource: 'text',
    line,
    assignments,
  };
}

const indicator: DraftIndicator = {
  name: '二級及以上公立綜合醫院精神科（心理科）設置率',
  unit: '%',
  category: null,
  baselineYear: 2022,
  baselineValue: '60',
  targets: [{ year: 2025, value: '≥70' }],
  nature: null,
  line: 31,
};

function perfectDraft(): DraftDocument {
  const fanOut = (child: string): DraftAssignment => ({
    ...existing('各区县政府', 'RESPONSIBLE', `cq.${child}.GOVERNMENT`),
    fanOutOf: `cq.${child}`,
    source: 'FAN_OUT',
  });
  const measures = [
    measure(10, '完善患者救治与随访服务机制', '2020-12-31', [
      existing('市卫计局', 'LEAD', 'cq.HEALTH'),
      existing('市公安局', 'COOPERATING', 'cq.PUBLIC_SECURITY'),
      existing('民政部门', 'RESPONSIBLE', 'cq.CIVIL_AFFAIRS', false),
    ]),
    measure(12, '加强精神卫生数字化建设', '2023-12-31', [
      {
        role: 'RESPONSIBLE',
        mentionedAs: '市财政局',
        explicit: true,
        source: 'LIST',
        target: {
          kind: 'provisional',
          departmentKey: 'cq.FINANCE',
          jurisdictionKey: 'cq',
          functionCode: 'FINANCE',
          name: '重庆市财政局',
          shortName: '市财政局',
        },
      },
      fanOut('yuzhong'),
      fanOut('wanzhou'),
    ]),
  ];
  return {
    plans: [
      {
        title: '示例规划',
        documentNumber: null,
        issuer: null,
        periodStart: 2023,
        periodEnd: 2025,
        jurisdictionKey: 'cq',
        leadDepartment: null,
        sourceText: '',
        startLine: 1,
        endLine: 40,
        sections: [],
        measures,
        indicators: [indicator],
      },
    ],
    warnings: [],
  };
}

/** The draft with its measures changed by `edit`. */
function editMeasures(edit: (measures: DraftMeasure[]) => DraftMeasure[]): DraftDocument {
  const draft = perfectDraft();
  draft.plans[0].measures = edit(draft.plans[0].measures);
  return draft;
}

describe('scoreDraft', () => {
  it('gives a draft that matches the labels 100% on every figure', () => {
    const score = scoreDraft(perfectDraft(), labels);
    expect(Object.values(figures(score))).toEqual([1, 1, 1, 1, 1, 1]);
    expect(score.explicitRecall).toEqual({ hit: 4, total: 4 });
    expect(score.deadlineAccuracy).toEqual({ hit: 2, total: 2 });
    expect(score.misses).toEqual([]);
    expect(missedTargets(score)).toEqual([]);
  });

  it('counts the assignments a fan-out label expands to as one pair', () => {
    const score = scoreDraft(perfectDraft(), labels);
    expect(score.explicitPrecision).toEqual({ hit: 4, total: 4 });
    expect(score.functionAccuracy).toEqual({ hit: 4, total: 4 });
  });

  it('scores a draft that misses a measure lower on measures and recall, not on precision', () => {
    const score = scoreDraft(
      editMeasures((ms) => ms.slice(0, 1)),
      labels,
    );
    expect(score.measuresFound).toEqual({ hit: 1, total: 2 });
    expect(score.explicitRecall).toEqual({ hit: 2, total: 4 });
    expect(ratio(score.explicitPrecision)).toBe(1);
    expect(missedTargets(score)).toContain('measuresFound 50.0% < 97%');
    expect(score.misses).toContain('measure missing line 12 三.（一）.2 加强精神卫生数字化建设');
  });

  it('scores a wrong role as both a missing and an extra pair', () => {
    const score = scoreDraft(
      editMeasures(([first, second]) => [
        {
          ...first,
          assignments: [existing('市卫计局', 'RESPONSIBLE', 'cq.HEALTH'), ...first.assignments.slice(1)],
        },
        second,
      ]),
      labels,
    );
    expect(score.explicitPrecision).toEqual({ hit: 3, total: 4 });
    expect(score.explicitRecall).toEqual({ hit: 3, total: 4 });
    expect(score.misses).toEqual([
      'explicit missing line 10: 市卫计局 LEAD',
      'explicit extra line 10: 市卫计局 RESPONSIBLE',
    ]);
  });

  it('finds a measure by its title when the line differs', () => {
    const score = scoreDraft(
      editMeasures((ms) => ms.map((m) => ({ ...m, line: m.line + 1 }))),
      labels,
    );
    expect(figures(score).measuresFound).toBe(1);
    expect(figures(score).explicitRecall).toBe(1);
  });

  it('counts assignments of measures that match no label as wrong', () => {
    const extra = measure(20, '保障措施', '2025-12-31', [existing('市财政局', 'RESPONSIBLE', 'cq.FINANCE')]);
    const score = scoreDraft(
      editMeasures((ms) => [...ms, extra]),
      labels,
    );
    expect(score.explicitPrecision).toEqual({ hit: 4, total: 5 });
    expect(score.misses).toEqual(['explicit extra line 20: 市财政局 RESPONSIBLE']);
  });

  it('checks the function of matched assignments, including every fanned-out government', () => {
    const score = scoreDraft(
      editMeasures(([first, second]) => [
        {
          ...first,
          assignments: [existing('市卫计局', 'LEAD', 'cq.CIVIL_AFFAIRS'), ...first.assignments.slice(1)],
        },
        {
          ...second,
          assignments: [...second.assignments, existing('各区县政府', 'RESPONSIBLE', 'cq.x.HEALTH')],
        },
      ]),
      labels,
    );
    expect(score.functionAccuracy).toEqual({ hit: 2, total: 4 });
    expect(missedTargets(score)).toEqual(['functionAccuracy 50.0% < 100%']);
  });

  it('scores actors in prose by measure and function', () => {
    const score = scoreDraft(
      editMeasures(([first, second]) => [
        { ...first, assignments: first.assignments.filter((a) => a.explicit) },
        {
          ...second,
          assignments: [...second.assignments, existing('公安部门', 'RESPONSIBLE', 'cq.PUBLIC_SECURITY', false)],
        },
      ]),
      labels,
    );
    expect(score.inferred).toEqual({ truePositives: 0, falsePositives: 1, falseNegatives: 1 });
    expect(f1(score.inferred)).toBe(0);
  });

  it('counts a wrong deadline', () => {
    const score = scoreDraft(
      editMeasures(([first, second]) => [first, { ...second, deadline: '2025-12-31' }]),
      labels,
    );
    expect(score.deadlineAccuracy).toEqual({ hit: 1, total: 2 });
  });

  it('finds indicator rows by name whatever the width of parentheses, and wants exact targets', () => {
    const draft = perfectDraft();
    draft.plans[0].indicators = [{ ...indicator, targets: [{ year: 2025, value: '70' }] }];
    const score = scoreDraft(draft, labels);
    expect(score.indicatorsFound).toEqual({ hit: 1, total: 1 });
    expect(score.indicatorsExact).toEqual({ hit: 0, total: 1 });
    draft.plans[0].indicators = [];
    expect(scoreDraft(draft, labels).indicatorsFound).toEqual({ hit: 0, total: 1 });
  });

  it('scores only the indicator table of a seed whose measures were not labelled', () => {
    const score = scoreDraft(perfectDraft(), { ...labels, measures: null });
    expect(score.measuresFound).toEqual({ hit: 0, total: 0 });
    expect(score.explicitPrecision).toEqual({ hit: 0, total: 0 });
    expect(score.indicatorsExact).toEqual({ hit: 1, total: 1 });
  });
});

describe('functionOf', () => {
  it('reads the function of an existing department from the first all-caps segment of its key', () => {
    expect(functionOf({ kind: 'existing', departmentKey: 'cn.sd.tengzhou.HEALTH' })).toBe('HEALTH');
    expect(functionOf({ kind: 'existing', departmentKey: 'cn.sd.tengzhou.PUBLIC_SECURITY.traffic' })).toBe(
      'PUBLIC_SECURITY',
    );
    expect(functionOf({ kind: 'existing', departmentKey: 'cn.sd.tengzhou' })).toBeNull();
  });
});

describe('combineScores and formatReport', () => {
  it('sums seeds and prints one row per seed and a total', () => {
    const perfect = scoreDraft(perfectDraft(), labels);
    const partial = scoreDraft(
      editMeasures((ms) => ms.slice(1)),
      { ...labels, seed: 'other.txt' },
    );
    const total = combineScores([perfect, partial]);
    expect(total.measuresFound).toEqual({ hit: 3, total: 4 });
    expect(total.misses[0]).toMatch(/^other\.txt: measure missing line 10/);
    const report = formatReport([perfect, partial]).split('\n');
    expect(report).toHaveLength(5);
    expect(report[0]).toMatch(/^seed\s+measures\s+explicit P/);
    expect(report[2]).toMatch(/^sample\.txt\s+2\/2 100\.0%/);
    expect(report[4]).toMatch(/^total\s+3\/4 75\.0%/);
  });

  it('shows a dash for figures with nothing labelled, and lists misses on request', () => {
    const score = scoreDraft(perfectDraft(), { ...labels, measures: null });
    expect(formatReport([score]).split('\n')[2]).toMatch(/^sample\.txt\s+—\s+—/);
    const partial = scoreDraft(
      editMeasures((ms) => ms.slice(1)),
      labels,
    );
    expect(formatReport([partial], { details: true })).toContain('sample.txt: measure missing line 10');
  });
});
