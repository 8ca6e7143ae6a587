import { isValue, joinWrapped } from './cells.js';
import { headerCell, resolveColumns } from './header.js';
import { cleanName, splitUnit } from './name.js';

describe('what an indicator table cell looks like', () => {
  it('knows values as tables print them', () => {
    const values = [
      '≥70',
      '≤5',
      '＜7.72',
      '>90',
      '下降5%',
      '提高10%',
      '5—10',
      '1/120',
      '27左右',
      '持续下降',
      '同比例提高',
      '/',
      '--',
      '-',
      '0.6',
    ];
    expect(values.filter((v) => !isValue(v))).toEqual([]);
    const names = ['15岁以上人群吸烟率（%）', '人均预期寿命', '每千人口执业（助理）医师数（人）', '预期性', '健康水平'];
    expect(names.filter(isValue)).toEqual([]);
  });

  it('splits a unit off a name, keeping qualifiers and the printed characters', () => {
    expect(splitUnit('心脑血管疾病死亡率（1/10万）', '心脑血管疾病死亡率（1/10万）')).toEqual({
      name: '心脑血管疾病死亡率',
      unit: '1/10万',
    });
    expect(splitUnit('居民健康素养水平(%', '居民健康素养水平（%')).toEqual({ name: '居民健康素养水平', unit: '%' });
    expect(splitUnit('三級區縣精神衛生中心(個)', '三级区县精神卫生中心（个）')).toEqual({
      name: '三級區縣精神衛生中心',
      unit: '個',
    });
    expect(splitUnit('下转患者人次数（门急诊、住院）', '下转患者人次数（门急诊、住院）').unit).toBeNull();
    expect(splitUnit('抗菌药物使用强度（DDDs）', '抗菌药物使用强度（DDDs）').unit).toBeNull();
    expect(cleanName('9. I类切口手术部位感染率▲')).toBe('I类切口手术部位感染率');
  });

  it('joins wrapped text without a space and wrapped figures with one', () => {
    expect(joinWrapped(['健康', '水平'])).toBe('健康水平');
    expect(joinWrapped(['87.35', '86.57'])).toBe('87.35 86.57');
  });

  it('reads header cells: explicit baseline and target years, bare years resolved by position', () => {
    expect(headerCell('2020年现状')).toEqual({ role: 'baseline', year: 2020, level: 0 });
    expect(headerCell('2025年目标')).toEqual({ role: 'target', year: 2025, level: 0 });
    expect(headerCell('指 ?标 ?名 ?称 |')).toMatchObject({ role: 'name' });
    const bare = ['主要指标', '2020年', '2025年', '指标性质'].map((t) => headerCell(t)!);
    expect(resolveColumns(bare)!.map((c) => [c.role, c.year])).toEqual([
      ['name', null],
      ['baseline', 2020],
      ['target', 2025],
      ['nature', null],
    ]);
    const typed = ['项目', '2020年实际', '2025年目标', '指标类型'].map((t) => headerCell(t)!);
    expect(resolveColumns(typed)!.map((c) => c.role)).toEqual(['name', 'baseline', 'target', 'nature']);
    const withBaseline = ['主要指标', '基线', '2020年', '2025年'].map((t) => headerCell(t)!);
    expect(resolveColumns(withBaseline)!.map((c) => c.role)).toEqual(['name', 'baseline', 'target', 'target']);
  });
});
