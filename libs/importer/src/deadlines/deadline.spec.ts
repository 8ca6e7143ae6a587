import { describe, expect, it } from '@jest/globals';
import { calendarDate, findDeadline, planEndDeadline } from './deadline.js';
import { measureDeadline } from './measure-deadline.js';
import { relativeDeadlines } from './relative.js';

describe('findDeadline', () => {
  it.each([
    ['到2020年，所有镇（街道）建立综合管理小组。', '2020-12-31'],
    ['2022年完成相山区公共卫生应急服务中心建设。', '2022-12-31'],
    ['到2023年年底，建成数字化应用。', '2023-12-31'],
    ['该项工作于2019年4月底前完成。', '2019-04-30'],
    ['原则上于2019年6月底前完成。', '2019-06-30'],
    ['2020年起，每年2月底前各省份完成考核工作。', '2020-02-29'],
    ['2021年起每年3月15日前报送。', '2021-03-15'],
    ['2024年上半年完成。', '2024-06-30'],
    ['2024年第三季度完成。', '2024-09-30'],
    ['强化基层公共卫生体系。2025专业公共卫生机构人员数达到15人。', '2025-12-31'],
    ['医务人员在十四五期间实现中医适宜技术培训全覆盖。', '2025-12-31'],
    ['“十三五”末，建成覆盖城乡的服务网络。', '2020-12-31'],
  ])('%s → %s', (text, date) => {
    expect(findDeadline(text)?.date).toBe(date);
  });

  it('takes the latest target a measure names', () => {
    const text = '于2019年6月底前完成；于2019年9月底前完成；2019年12月底前完成规划，2020年12月底前完成竣工验收。';
    expect(findDeadline(text)).toEqual({ date: '2020-12-31', years: [2019, 2020] });
  });

  it('lets a yearly duty from a later year win over an earlier one-off date', () => {
    expect(findDeadline('在2019年9月底前完成分析评估。2020年起，每年1月底前完成上述工作。')?.date).toBe('2020-01-31');
  });

  it.each([
    ['2019年1月1日至12月31日，对参保企业返还失业保险费。'],
    ['2019年1月1日至2020年12月31日，放宽申领条件。'],
    ['从2019年1月1日起，实施三年百万青年见习计划。'],
    ['较2015年下降10%。'],
    ['在2020年基础上提高5个百分点。'],
    ['贯彻《中医药发展战略规划纲要（2016-2030年）》。'],
    ['加强信息系统建设。'],
    ['全区2025人参加培训，达到全覆盖。'],
    ['较“十三五”期末提高5个百分点。'],
    ['“十三五”以来，服务能力明显提升。'],
  ])('names no target: %s', (text) => {
    expect(findDeadline(text)).toBeNull();
  });

  it('gives calendar dates with the last day of the month', () => {
    expect(calendarDate(2024, 2)).toBe('2024-02-29');
    expect(calendarDate(2023, 2)).toBe('2023-02-28');
    expect(calendarDate(2019, 4, 31)).toBe('2019-04-30');
    expect(planEndDeadline(2020)).toBe('2020-12-31');
    expect(planEndDeadline(null)).toBeNull();
  });
});

describe('relative deadlines', () => {
  it('counts from the date of the document', () => {
    expect(relativeDeadlines('要在本意见印发之日起30日内，制定出台具体实施办法', '2018-11-16')).toEqual(['2018-12-16']);
    expect(relativeDeadlines('自发布之日起3个月内完成', '2019-11-30')).toEqual(['2020-02-29']);
    expect(relativeDeadlines('印发之日起30日内', null)).toEqual([]);
  });
});

describe('measureDeadline', () => {
  const plan = { periodStart: 2017, periodEnd: 2020, signed: null };

  it('falls back to the last day of the plan', () => {
    expect(measureDeadline('完善医疗保障。', plan)).toEqual({
      deadline: '2020-12-31',
      deadlineSource: 'plan-end',
      implausibleYears: [],
    });
    expect(measureDeadline('完善医疗保障。', { periodStart: null, periodEnd: null, signed: null })).toEqual({
      deadline: null,
      deadlineSource: 'none',
      implausibleYears: [],
    });
  });

  it('reports years far outside the plan', () => {
    expect(measureDeadline('到2050年全面建成。', plan)).toEqual({
      deadline: '2050-12-31',
      deadlineSource: 'text',
      implausibleYears: [2050],
    });
  });
});
