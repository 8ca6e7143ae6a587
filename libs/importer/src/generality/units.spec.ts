import { describe, expect, it } from '@jest/globals';
import type { DraftAssignment, DraftDocument, DraftMeasure } from '../types.js';
import type { DocumentLabels, LabelMeasure } from './labels.js';
import { scoreUnits } from './units.js';

function unit(role: DraftAssignment['role'], mentionedAs: string, fanOutOf?: string): DraftAssignment {
  const departmentKey = `guangzhou.${fanOutOf ?? mentionedAs}`;
  const source = fanOutOf ? 'FAN_OUT' : 'LIST';
  return { role, mentionedAs, explicit: true, source, target: { kind: 'existing', departmentKey }, fanOutOf };
}

function measure(line: number, title: string, assignments: DraftAssignment[]): DraftMeasure {
  return {
    code: String(line),
    title,
    text: title,
    sectionTitle: null,
    deadline: null,
    deadlineSource: 'none',
    line,
    assignments,
  };
}

function draft(measures: DraftMeasure[]): DraftDocument {
  const plan = {
    title: '示例',
    documentNumber: null,
    issuer: null,
    periodStart: null,
    periodEnd: null,
    jurisdictionKey: 'guangzhou',
    leadDepartment: null,
    sourceText: '',
    startLine: 1,
    endLine: 99,
    sections: [],
    measures,
    indicators: [],
  };
  return { plans: [plan], warnings: [] };
}

// （牵头单位：市发展改革委，配合单位：市委组织部，各区、县级市）
const talent: LabelMeasure = {
  code: '2',
  line: 9,
  titleStart: '战略性主导产业紧缺人才开发项目',
  deadline: null,
  assignments: [
    { mentionedAs: '市发展改革委', role: 'LEAD', functionCode: 'DEVELOPMENT_REFORM' },
    { mentionedAs: '市委组织部', role: 'COOPERATING', functionCode: 'ORGANIZATION' },
    { mentionedAs: '各区、县级市', role: 'COOPERATING', functionCode: 'GOVERNMENT', fanOut: true },
  ],
  collective: ['各区、县级市'],
};

// （牵头单位：市留交办，配合单位：各有关单位）
const fair: LabelMeasure = {
  code: '32',
  line: 46,
  titleStart: '中国留学人员广州科技交流会',
  deadline: null,
  assignments: [{ mentionedAs: '市留交办', role: 'LEAD', functionCode: 'OTHER' }],
  collective: ['各有关单位'],
};

const labels: DocumentLabels = {
  file: 'x.txt',
  jurisdiction: 'guangzhou',
  documentNumber: '穗字〔2012〕20号',
  leadRule: false,
  measures: [talent, fair],
};

describe('scoreUnits', () => {
  it('counts a lead unit found only under its printed name and role', () => {
    const score = scoreUnits(
      labels,
      draft([
        measure(9, '战略性主导产业紧缺人才开发项目', [
          unit('COOPERATING', '市发展改革委'),
          unit('COOPERATING', '市委组织部'),
        ]),
        measure(46, '中国留学人员广州科技交流会', [unit('LEAD', '留交办')]),
      ]),
    );
    expect(score.measuresFound).toEqual({ hit: 2, of: 2 });
    expect(score.leadRecall).toEqual({ hit: 0, of: 2 });
    expect(score.missedLeads).toEqual([
      '2 战略性主导产业紧缺人才开发项目: 市发展改革委',
      '32 中国留学人员广州科技交流会: 市留交办',
    ]);
    expect(score.unitRecall).toEqual({ hit: 1, of: 4 });
  });

  it('takes a fan-out read as its parts (各区 of 各区、县级市) once per measure, its children counted once', () => {
    const score = scoreUnits(
      labels,
      draft([
        measure(9, '战略性主导产业紧缺人才开发项目', [
          unit('LEAD', '市发展改革委'),
          unit('COOPERATING', '各区', 'guangzhou.yuexiu'),
          unit('COOPERATING', '各区', 'guangzhou.tianhe'),
        ]),
      ]),
    );
    expect(score.unitRecall).toEqual({ hit: 2, of: 4 });
    expect(score.leadRecall).toEqual({ hit: 1, of: 2 });
    expect(score.precision).toEqual({ hit: 2, of: 2 });
    expect(score.missedMeasures).toEqual(['32 中国留学人员广州科技交流会']);
  });

  it('counts units of unlabelled measures and units the labels lack against precision', () => {
    const score = scoreUnits(
      labels,
      draft([
        measure(9, '战略性主导产业紧缺人才开发项目', [
          unit('LEAD', '市发展改革委'),
          unit('LEAD', '市人力资源和社会保障局'),
        ]),
        measure(12, '博士后培养项目', [unit('LEAD', '市人力资源和社会保障局')]),
      ]),
    );
    expect(score.precision).toEqual({ hit: 1, of: 3 });
  });
});
