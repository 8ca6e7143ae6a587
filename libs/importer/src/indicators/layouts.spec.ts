import { normaliseDocument } from '../normalise.js';
import { extractIndicators } from './index.js';

const read = (text: string) => extractIndicators(normaliseDocument(text).lines);

describe('extractIndicators: one cell per line', () => {
  // Word exported with a blank line after every cell; the category is printed once for two rows, the
  // target comes before the baseline, and one closing parenthesis was lost.
  const table = [
    '一、发展目标', // 1
    '到2025年，公共卫生体系更加完善。', // 2
    '“十四五”公共卫生体系建设主要目标', // 3
    '',
    '领域',
    '',
    '主要指标',
    '',
    '2025年目标',
    '',
    '2020年现状', // 11
    '',
    '指标性质',
    '',
    '居民健康水平', // 15
    '',
    '人均预期寿命(岁)',
    '',
    '78.93',
    '',
    '--',
    '',
    '预期性',
    '',
    '居民健康素养水平(%', // 25
    '',
    '25',
    '',
    '14',
    '',
    '约束性', // 31
    '',
    '',
    '(一)完善疾病预防控制体系', // 34
    '',
    '1.合理定位各级机构职能',
    '',
    '健全完善以市县两级疾病预防控制机构为骨干的疾病预防控制体系。',
  ].join('\n');

  it('reads each row with its spanning category, the years from the header and the nature', () => {
    const { indicators, warnings } = read(table);
    expect(indicators).toEqual([
      {
        name: '人均预期寿命',
        unit: '岁',
        category: '居民健康水平',
        baselineYear: 2020,
        baselineValue: '--',
        targets: [{ year: 2025, value: '78.93' }],
        nature: 'EXPECTED',
        line: 15,
      },
      {
        name: '居民健康素养水平',
        unit: '%',
        category: '居民健康水平',
        baselineYear: 2020,
        baselineValue: '14',
        targets: [{ year: 2025, value: '25' }],
        nature: 'BINDING',
        line: 25,
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('claims the caption, header and rows, and leaves the headings after the table to the outline', () => {
    const { lineNos } = read(table);
    expect([...lineNos]).toEqual([3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31]);
  });

  it('reads cells with a trailing ` |`, rows opened by their number, the first bare year as baseline', () => {
    const { indicators } = read(
      [
        '全市精神卫生体系建设目标',
        '序号 |',
        '分类 |',
        '指 ?标 ?名 ?称 |',
        '2022年 |',
        '2025年 |',
        '1 |',
        '精神卫生服务体系 |',
        '三级区县精神卫生中心(个) |',
        '/ |',
        '9 |',
        '2 |',
        '二级区县精神卫生中心比例(%) |',
        '/ |',
        '100 | |',
        '3 |',
        '每个乡镇(街道)专职精神疾病防治人员与辖区在册患者比 |',
        '1/120 |',
        '1/80 | |',
        '二、主要任务',
      ].join('\n'),
    );
    expect(indicators.map((i) => [i.name, i.unit, i.category, i.baselineYear, i.baselineValue, i.targets])).toEqual([
      ['三级区县精神卫生中心', '个', '精神卫生服务体系', 2022, '/', [{ year: 2025, value: '9' }]],
      ['二级区县精神卫生中心比例', '%', '精神卫生服务体系', 2022, '/', [{ year: 2025, value: '100' }]],
      [
        '每个乡镇(街道)专职精神疾病防治人员与辖区在册患者比',
        null,
        '精神卫生服务体系',
        2022,
        '1/120',
        [{ year: 2025, value: '1/80' }],
      ],
    ]);
    expect(indicators.map((i) => i.nature)).toEqual([null, null, null]);
  });

  // One tab before every cell; empty cells are tab-only lines, which normalisation drops like blank lines.
  const tabbed = [
    '主要指标', // 1
    '\t领域',
    '\t序号',
    '\t主要指标',
    '\t2020年',
    '\t2025年',
    '\t指标性质', // 7
    '',
    '\t健康', // 9
    '水平',
    '\t1',
    '\t人均预期寿命（岁）',
    '\t77',
    '\t78.8',
    '\t预期性',
    '',
    '\t', // 17
    '\t2',
    '\t孕产妇系统管理率和3岁以下儿童系统管理率（%）',
    '\t87.35',
    '86.57',
    '\t90',
    '\t约束性',
    '',
    '\t健康', // 25
    '保障',
    '\t20',
    '\t个人卫生支出占卫生总费用的比重（%）',
    '\t',
    '\t',
    '\t约束性', // 31
    '',
    '第三章\t主要任务',
  ].join('\n');

  it('joins cells Word wrapped over two lines and keeps a row whose figures are empty', () => {
    const { indicators } = read(tabbed);
    expect(indicators.map((i) => [i.line, i.category, i.name, i.baselineValue, i.targets, i.nature])).toEqual([
      [9, '健康水平', '人均预期寿命', '77', [{ year: 2025, value: '78.8' }], 'EXPECTED'],
      [
        18,
        '健康水平',
        '孕产妇系统管理率和3岁以下儿童系统管理率',
        '87.35 86.57',
        [{ year: 2025, value: '90' }],
        'BINDING',
      ],
      [25, '健康保障', '个人卫生支出占卫生总费用的比重', null, [], 'BINDING'],
    ]);
  });

  it('parts two rows by their numbers when the nature cell between them is empty', () => {
    const { indicators, warnings } = read(
      ['\t领域', '\t序号', '\t主要指标', '\t2020年', '\t2025年', '\t指标性质', '']
        .concat(['\t健康', '\t1', '\t人均预期寿命（岁）', '\t77', '\t78.8', '\t', ''])
        .concat(['\t', '\t2', '\t婴儿死亡率（‰）', '\t3', '\t<5', '\t预期性', ''])
        .concat(['\t', '\t3', '\t孕产妇死亡率（/10万）', '\t9', '\t<13', '\t', '', '第三章 主要任务'])
        .join('\n'),
    );
    expect(indicators.map((i) => [i.line, i.category, i.name, i.targets[0]?.value, i.nature])).toEqual([
      [8, '健康', '人均预期寿命', '78.8', null],
      [16, '健康', '婴儿死亡率', '<5', 'EXPECTED'],
      [23, '健康', '孕产妇死亡率', '<13', null],
    ]);
    expect(warnings).toEqual([]);
  });

  it('warns about the joined figure and the empty row, naming their lines', () => {
    const { warnings, lineNos } = read(tabbed);
    expect(warnings.map((w) => [w.line, w.message])).toEqual([
      [18, 'lines 20, 21 read as one baseline value: 87.35 86.57'],
      [25, 'indicator has neither baseline nor target: 个人卫生支出占卫生总费用的比重'],
    ]);
    expect(warnings[0]!.excerpt).toBe('2 | 孕产妇系统管理率和3岁以下儿童系统管理率（%） | 87.35 | 86.57 | 90 | 约束性');
    expect(Math.min(...lineNos)).toBe(1);
    expect(Math.max(...lineNos)).toBe(31);
  });
});

describe('extractIndicators: one row per line', () => {
  it('reads `|`-separated rows with a unit column and an empty category cell', () => {
    const { indicators, lineNos } = read(
      [
        '| 领域 | 指标 | 单位 | 基线值 | 2022年 | 2025年 | 属性 |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        '| 健康水平 | 人均预期寿命 | 岁 | 78.2 | 78.5 | ≥79 | 预期性 |',
        '| | 婴儿死亡率 | ‰ | 3.5 | ＜5 | ≤5 | 约束性 |',
        '| 健康生活 | 15岁以上人群吸烟率 | % | 24.1 | 下降5% | 持续下降 | 预期性 |',
        '三、主要任务',
      ].join('\n'),
    );
    expect(indicators).toEqual([
      {
        name: '人均预期寿命',
        unit: '岁',
        category: '健康水平',
        baselineYear: null,
        baselineValue: '78.2',
        targets: [
          { year: 2022, value: '78.5' },
          { year: 2025, value: '≥79' },
        ],
        nature: 'EXPECTED',
        line: 3,
      },
      {
        name: '婴儿死亡率',
        unit: '‰',
        category: '健康水平',
        baselineYear: null,
        baselineValue: '3.5',
        targets: [
          { year: 2022, value: '＜5' },
          { year: 2025, value: '≤5' },
        ],
        nature: 'BINDING',
        line: 4,
      },
      {
        name: '15岁以上人群吸烟率',
        unit: '%',
        category: '健康生活',
        baselineYear: null,
        baselineValue: '24.1',
        targets: [
          { year: 2022, value: '下降5%' },
          { year: 2025, value: '持续下降' },
        ],
        nature: 'EXPECTED',
        line: 5,
      },
    ]);
    expect([...lineNos]).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads tab-separated rows whose spanning category cell was trimmed away', () => {
    const { indicators } = read(
      [
        '类别\t指标名称\t2020年\t2025年\t指标属性',
        '健康服务\t每千人口执业（助理）医师数（人）\t2.29\t3.8\t预期性',
        '\t每万人口全科医生数（人）\t3.35\t3.5\t约束性',
        '（二）重点任务',
      ].join('\n'),
    );
    expect(
      indicators.map((i) => [i.category, i.name, i.unit, i.baselineYear, i.baselineValue, i.targets, i.nature]),
    ).toEqual([
      ['健康服务', '每千人口执业（助理）医师数', '人', 2020, '2.29', [{ year: 2025, value: '3.8' }], 'EXPECTED'],
      ['健康服务', '每万人口全科医生数', '人', 2020, '3.35', [{ year: 2025, value: '3.5' }], 'BINDING'],
    ]);
  });

  it('warns about a row it cannot read instead of dropping it', () => {
    const { indicators, warnings } = read(
      ['指标\t2020年\t2025年\t属性', '人均预期寿命（岁）\t77\t78.8\t预期性', '预期性\t约束性\t预期性'].join('\n'),
    );
    expect(indicators.map((i) => i.name)).toEqual(['人均预期寿命']);
    expect(warnings).toEqual([
      { line: 3, message: 'indicator table row could not be read', excerpt: '预期性 | 约束性 | 预期性' },
    ]);
  });

  it('finds two tables in one document and claims only their lines', () => {
    const { indicators, lineNos } = read(
      ['指标', '基线', '2025年', '', '甲率（%）', '1', '2', '', '乙率（%）', '3', '4', '', '三、主要任务', '']
        .concat(['指标名称', '2020年', '2025年', '属性', '丙率（%）', '5', '6', '约束性', '四、保障措施'])
        .join('\n'),
    );
    expect(indicators.map((i) => [i.name, i.baselineYear, i.baselineValue, i.targets, i.nature])).toEqual([
      ['甲率', null, '1', [{ year: 2025, value: '2' }], null],
      ['乙率', null, '3', [{ year: 2025, value: '4' }], null],
      ['丙率', 2020, '5', [{ year: 2025, value: '6' }], 'BINDING'],
    ]);
    expect([...lineNos]).toEqual([1, 2, 3, 5, 6, 7, 9, 10, 11, 15, 16, 17, 18, 19, 20, 21, 22]);
  });

  it('finds nothing in prose that merely talks about indicators', () => {
    const result = read('二、主要指标\n到2025年，人均预期寿命达到78.8岁，属预期性指标。\n指标\n2025年');
    expect(result).toEqual({ indicators: [], warnings: [], lineNos: new Set() });
  });
});
