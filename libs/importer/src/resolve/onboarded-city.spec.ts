// A city onboarded through the API (广州市 in guangzhou.fixture.ts): its aliases tell its documents apart, merged
// and renamed bureaus resolve, and every unit its lists name is kept.
import { describe, expect, it } from '@jest/globals';
import { importDocument } from '../import-document.js';
import type { DepartmentTarget } from '../types.js';
import { guangzhou } from './guangzhou.fixture.js';
import { inferJurisdiction, provisionalUnit, resolveMention } from './index.js';

const resolve = (mention: string) => resolveMention({ registry: guangzhou, jurisdictionKey: 'guangzhou' }, mention);
const keys = (targets: DepartmentTarget[]) => targets.map((t) => t.departmentKey);

describe('a jurisdiction told by its aliases', () => {
  it.each([
    [['穗府办〔2012〕12号']], // a one-character alias opens the document number
    [['穗府〔2012〕3号']],
    [['中共广州市委', '广州市人民政府', '关于加快人才发展的意见']],
    [['广州市人民政府办公厅关于印发广州市人才工作实施意见的通知']],
    [['广州加快人才发展的实施意见']],
  ])('%j belongs to 广州市', (lines) => {
    expect(inferJurisdiction(guangzhou, lines)).toBe('guangzhou');
  });

  it('tells a district document by the district name, and a number no alias opens by nothing', () => {
    expect(inferJurisdiction(guangzhou, ['越秀区人民政府办公室关于…的通知'])).toBe('guangzhou.yuexiu');
    expect(inferJurisdiction(guangzhou, ['深府办〔2012〕12号'])).toBeNull();
  });
});

describe('merged and renamed bureaus', () => {
  it.each([
    ['市科技和信息化局', ['guangzhou.SCIENCE_TECH', 'guangzhou.INDUSTRY_IT']],
    ['广州市科技和信息化局', ['guangzhou.SCIENCE_TECH', 'guangzhou.INDUSTRY_IT']],
    ['市国土房管局', ['guangzhou.NATURAL_RESOURCES', 'guangzhou.HOUSING_CONSTRUCTION']],
  ])('%s is the department of each function it joins', (mention, expected) => {
    const r = resolve(mention);
    expect(r.kind === 'merged' && keys(r.targets)).toEqual(expected);
  });

  it('names a provisional department from the catalogue for a joined function the city lacks', () => {
    const r = resolveMention({ registry: guangzhou, jurisdictionKey: 'guangzhou' }, '市民政和老龄局');
    expect(r.kind === 'merged' && r.targets).toEqual([
      expect.objectContaining({ kind: 'provisional', departmentKey: 'guangzhou.CIVIL_AFFAIRS' }),
      expect.objectContaining({ kind: 'provisional', departmentKey: 'guangzhou.AGING' }),
    ]);
  });

  it('joins no function words that are not all of the name', () => {
    expect(resolve('市科技创新局').kind).toBe('unknown'); // 创新 is no function: kept whole when listed
    expect(resolve('市科技和创新局').kind).toBe('unknown');
  });

  it.each(['市卫计局', '市卫生计生委', '广州市卫生和计划生育委员会', '市卫生健康委'])(
    '%s, an earlier name or the present one, is the health commission',
    (mention) => {
      expect(resolve(mention)).toEqual({
        kind: 'department',
        target: { kind: 'existing', departmentKey: 'guangzhou.HEALTH' },
      });
    },
  );
});

describe('provisionalUnit', () => {
  const unit = (name: string) => provisionalUnit({ registry: guangzhou, jurisdictionKey: 'guangzhou' }, name);

  it('keeps a unit no function fits under its printed name, function OTHER', () => {
    expect(unit('市法制办')).toEqual({
      kind: 'provisional',
      departmentKey: 'guangzhou.~市法制办',
      jurisdictionKey: 'guangzhou',
      functionCode: 'OTHER',
      name: '市法制办',
      shortName: '市法制办',
    });
  });

  it('guesses the function from the one function word a name holds', () => {
    expect(unit('市公安局交警支队')).toMatchObject({ functionCode: 'PUBLIC_SECURITY' });
  });

  it('keeps a unit of a district the name opens with in that district', () => {
    expect(unit('越秀区人才办')).toMatchObject({ departmentKey: 'guangzhou.yuexiu.~越秀区人才办' });
  });

  it('finds a kept unit by its name on the next import, never by the function guessed for it', () => {
    const kept = unit('市公安局交警支队')!;
    if (kept.kind !== 'provisional') throw new Error('expected a provisional unit');
    const next = {
      ...guangzhou,
      departments: [
        ...guangzhou.departments,
        {
          key: kept.departmentKey,
          jurisdictionKey: kept.jurisdictionKey,
          functionCode: kept.functionCode,
          name: kept.name,
          shortName: kept.shortName,
          aliases: [],
          provisional: true,
        },
      ],
    };
    const again = (mention: string) => resolveMention({ registry: next, jurisdictionKey: 'guangzhou' }, mention);
    expect(again('市公安局交警支队')).toEqual({
      kind: 'department',
      target: { kind: 'existing', departmentKey: 'guangzhou.~市公安局交警支队' },
    });
    expect(again('公安部门')).toMatchObject({ target: { departmentKey: 'guangzhou.PUBLIC_SECURITY' } });
  });

  it('makes no unit of a level or of what is no name', () => {
    expect(unit('市级')).toBeNull();
    expect(unit('县级市')).toBeNull();
    expect(unit('2012年底前')).toBeNull();
  });

  it('makes no unit of a kind of units: they are collectives', () => {
    for (const words of ['各级医疗卫生机构', '市直部门', '社会组织', '有关企业', '新闻媒体'])
      expect([words, unit(words)]).toEqual([words, null]);
    expect(unit('人才办')).toMatchObject({ departmentKey: 'guangzhou.~人才办' });
  });

  it('makes none where the registry has no function OTHER to give it', () => {
    const older = { ...guangzhou, functions: guangzhou.functions.filter((f) => f.code !== 'OTHER') };
    expect(provisionalUnit({ registry: older, jurisdictionKey: 'guangzhou' }, '市法制办')).toBeNull();
  });
});

// A 2012 implementation opinion of the usual shape, written for this test.
const OPINION = [
  '中共广州市委 广州市人民政府',
  '关于加快人才发展的实施意见',
  '穗字〔2012〕12号',
  '一、总体要求',
  '坚持人才优先发展。',
  '二、主要任务',
  '（一）完善人才政策体系。制定人才发展规划。（牵头单位：市委组织部，配合单位：市人力资源和社会保障局、市法制办、各区、县级市）',
  '（二）建设创新平台。建设科技孵化器。（牵头单位：市科技和信息化局，配合单位：市发展改革委）',
  '（三）优化人才服务。设立人才服务窗口。（市人才办牵头，市社工委、市应急办配合）',
  '（四）保障人才住房。（牵头单位：市国土房管局，配合单位：市卫计局、各有关部门）',
  '（五）加强组织领导。（责任单位：市委办公厅、市人大常委会办公厅）',
  '（六）培育农村实用人才。（牵头单位：市发展改革委，配合单位：各有关区、县级市）',
  '三、保障措施',
  '加强督查。',
].join('\n');

describe('importing a plan of an onboarded city', () => {
  const draft = importDocument(OPINION, { registry: guangzhou });
  const [plan] = draft.plans;
  const listed = (code: string) =>
    plan!.measures
      .find((m) => m.code === code)!
      .assignments.map((a) => `${a.mentionedAs}:${a.role}:${a.source}:${a.target.departmentKey}`);

  it('infers the city from its alias and keeps every unit each list names, with its role', () => {
    expect(plan!.jurisdictionKey).toBe('guangzhou');
    expect(listed('二.（一）')).toEqual([
      '市委组织部:LEAD:LIST:guangzhou.ORGANIZATION',
      '市人力资源和社会保障局:COOPERATING:LIST:guangzhou.HUMAN_RESOURCES',
      '市法制办:COOPERATING:LIST:guangzhou.~市法制办',
      // 各区、县级市 as printed: the districts fan out, the city has no county-level city (a collective warning).
      '各区、县级市:COOPERATING:FAN_OUT:guangzhou.yuexiu.GOVERNMENT',
      '各区、县级市:COOPERATING:FAN_OUT:guangzhou.tianhe.GOVERNMENT',
    ]);
    expect(listed('二.（二）')).toEqual([
      '市科技和信息化局:LEAD:LIST:guangzhou.SCIENCE_TECH',
      '市科技和信息化局:LEAD:LIST:guangzhou.INDUSTRY_IT',
      '市发展改革委:COOPERATING:LIST:guangzhou.DEVELOPMENT_REFORM',
    ]);
    expect(listed('二.（三）')).toEqual([
      '市人才办:LEAD:LIST:guangzhou.~市人才办',
      '市社工委:COOPERATING:LIST:guangzhou.~市社工委',
      '市应急办:COOPERATING:LIST:guangzhou.~市应急办',
    ]);
    expect(listed('二.（四）')).toEqual([
      '市国土房管局:LEAD:LIST:guangzhou.NATURAL_RESOURCES',
      '市国土房管局:LEAD:LIST:guangzhou.HOUSING_CONSTRUCTION',
      '市卫计局:COOPERATING:LIST:guangzhou.HEALTH',
    ]);
    expect(listed('二.（五）')).toEqual([
      '市委办公厅:RESPONSIBLE:LIST:guangzhou.~市委办公厅',
      '市人大常委会办公厅:RESPONSIBLE:LIST:guangzhou.~市人大常委会办公厅',
    ]);
  });

  it('names each kept unit once in a warning for the reviewer; collectives stay warnings', () => {
    const kept = draft.warnings.filter((w) => w.message.includes('待确认部门'));
    expect(kept.map((w) => /「(.+?)」/.exec(w.message)![1])).toEqual([
      '市法制办',
      '市人才办',
      '市社工委',
      '市应急办',
      '市委办公厅',
      '市人大常委会办公厅',
    ]);
    expect(draft.warnings.filter((w) => w.message.includes('各有关部门'))).toHaveLength(1);
    expect(draft.warnings.filter((w) => w.message.includes('「各区、县级市」'))).toHaveLength(1);
  });

  it('reads 各有关区、县级市 as one collective: which districts is not said, so none fans out', () => {
    expect(listed('二.（六）')).toEqual(['市发展改革委:LEAD:LIST:guangzhou.DEVELOPMENT_REFORM']);
    const line = plan!.measures.find((m) => m.code === '二.（六）')!.line;
    expect(draft.warnings.filter((w) => w.line === line).map((w) => /「(.+?)」/.exec(w.message)![1])).toEqual([
      '各有关区、县级市',
    ]);
  });
});
