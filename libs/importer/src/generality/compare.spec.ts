import { describe, expect, it } from '@jest/globals';
import type { DraftAssignment, DraftDocument, DraftMeasure, DraftPlan } from '../types.js';
import { addScores, formatScore, functionCodeOf, matchMeasures, rate, scoreDocument } from './compare.js';
import type { DocumentLabels, LabelMeasure } from './labels.js';

function existing(role: DraftAssignment['role'], departmentKey: string, mentionedAs = departmentKey): DraftAssignment {
  return { role, mentionedAs, explicit: true, target: { kind: 'existing', departmentKey }, source: 'LIST' };
}

function measure(
  line: number,
  title: string,
  assignments: DraftAssignment[],
  deadline: string | null = null,
): DraftMeasure {
  return {
    code: String(line),
    title,
    text: title,
    sectionTitle: null,
    deadline,
    deadlineSource: deadline ? 'text' : 'none',
    line,
    assignments,
  };
}

function draft(measures: DraftMeasure[], warningLines: number[] = []): DraftDocument {
  const plan: DraftPlan = {
    title: '示例',
    documentNumber: '国发〔2019〕3号',
    issuer: null,
    periodStart: null,
    periodEnd: null,
    jurisdictionKey: 'cn',
    leadDepartment: null,
    sourceText: '',
    startLine: 1,
    endLine: 99,
    sections: [],
    measures,
    indicators: [],
  };
  return {
    plans: [plan],
    warnings: warningLines.map((line) => ({ line, message: '集体单位', excerpt: '' })),
  };
}

const stay: LabelMeasure = {
  line: 17,
  titleStart: '拓展两个市场',
  deadline: null,
  assignments: [
    { mentionedAs: '税务总局', role: 'LEAD', functionCode: 'TAXATION' },
    { mentionedAs: '海关总署', role: 'COOPERATING', functionCode: 'CUSTOMS' },
  ],
  collective: [],
};

const provinces: LabelMeasure = {
  line: 22,
  titleStart: '落实地方政府主体责任',
  deadline: '2018-12-16',
  assignments: [{ mentionedAs: '各省级人民政府', role: 'LEAD', functionCode: 'GOVERNMENT', fanOut: true }],
  collective: ['各省级人民政府', '有关部门'],
};

const labels: DocumentLabels = {
  file: 'x.txt',
  jurisdiction: 'cn',
  documentNumber: '国发〔2019〕3号',
  leadRule: true,
  measures: [stay, provinces],
};

describe('functionCodeOf', () => {
  it('takes the first all-caps segment of an existing key and the code of a provisional target', () => {
    expect(functionCodeOf({ kind: 'existing', departmentKey: 'cn.CUSTOMS' })).toBe('CUSTOMS');
    expect(functionCodeOf({ kind: 'existing', departmentKey: 'cn.sd.tengzhou.HEALTH.2' })).toBe('HEALTH');
    const provisional = {
      kind: 'provisional' as const,
      departmentKey: 'x',
      jurisdictionKey: 'cn.sd',
      functionCode: 'WATER',
      name: '山东省水利厅',
      shortName: '省水利厅',
    };
    expect(functionCodeOf(provisional)).toBe('WATER');
  });
});

describe('matchMeasures', () => {
  it('prefers the line, falls back to the title, and never uses a draft measure twice', () => {
    const byLine = measure(17, '其他', []);
    const byTitle = measure(23, '（一）落实地方政府主体责任', []);
    const matches = matchMeasures([stay, provinces], [byTitle, byLine]);
    expect(matches.get(stay)).toBe(byLine);
    expect(matches.get(provinces)).toBe(byTitle);
    expect(matchMeasures([stay, { ...stay }], [byLine]).size).toBe(1);
  });
});

describe('scoreDocument', () => {
  it('gives full marks to a draft that agrees, counting a fan-out once', () => {
    const fanOut = (key: string): DraftAssignment => ({
      ...existing('LEAD', key, '各省级人民政府'),
      fanOutOf: '各省级人民政府',
    });
    const score = scoreDocument(
      labels,
      draft(
        [
          measure(17, '拓展两个市场', [existing('LEAD', 'cn.TAXATION'), existing('COOPERATING', 'cn.CUSTOMS')]),
          measure(22, '落实地方政府主体责任', [fanOut('cn.bj.GOVERNMENT'), fanOut('cn.sd.GOVERNMENT')], '2018-12-16'),
        ],
        [22],
      ),
    );
    expect(score.differences).toEqual([]);
    for (const ratio of [score.measuresFound, score.precision, score.recall, score.deadlines, score.collectivesWarned])
      expect(rate(ratio)).toBe(1);
    expect(score.recall).toEqual({ hit: 3, of: 3 });
  });

  it('counts wrong roles, prose actors, unlabelled measures, lost deadlines and silent collectives', () => {
    const prose = { ...existing('RESPONSIBLE', 'cn.FINANCE'), explicit: false };
    const score = scoreDocument(
      labels,
      draft([
        measure(17, '拓展两个市场', [
          existing('RESPONSIBLE', 'cn.TAXATION'),
          existing('COOPERATING', 'cn.CUSTOMS'),
          prose,
        ]),
        measure(30, '总体要求', [existing('RESPONSIBLE', 'cn.HEALTH')]),
      ]),
    );
    expect(score.measuresFound).toEqual({ hit: 1, of: 2 });
    expect(score.recall).toEqual({ hit: 1, of: 3 });
    expect(score.precision).toEqual({ hit: 1, of: 3 });
    expect(score.collectivesWarned).toEqual({ hit: 0, of: 1 });
    expect(score.differences).toContain('x.txt:17 拓展两个市场: missing TAXATION:LEAD');
    expect(score.differences).toContain('x.txt:22 落实地方政府主体责任: not found');
  });

  it('reads a deadline taken from the plan period as no deadline, and checks jurisdiction and number', () => {
    const planEnd: DraftMeasure = {
      ...measure(17, '拓展两个市场', [], '2020-12-31'),
      deadlineSource: 'plan-end',
    };
    const document = draft([planEnd]);
    document.plans[0]!.jurisdictionKey = 'cn.sd';
    const score = scoreDocument(labels, document);
    expect(score.deadlines).toEqual({ hit: 1, of: 1 });
    expect(score.jurisdiction).toEqual({ hit: 0, of: 1 });
    expect(score.documentNumber).toEqual({ hit: 1, of: 1 });
  });
});

describe('addScores and formatScore', () => {
  it('sums ratios and prints one line per file', () => {
    const one = scoreDocument(labels, draft([measure(17, '拓展两个市场', [])]));
    const total = addScores('total', [one, one]);
    expect(total.measuresFound).toEqual({ hit: 2, of: 4 });
    expect(total.differences).toHaveLength(one.differences.length * 2);
    expect(formatScore(total)).toMatch(/^total\s+2\/4 50\.0%/);
  });
});
