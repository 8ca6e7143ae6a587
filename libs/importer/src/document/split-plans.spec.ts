import { describe, expect, it } from '@jest/globals';
import { normaliseDocument } from '../normalise.js';
import { documentNumberOf, issuerOf, periodOf, planMetadata, signedOn } from './metadata.js';
import { splitPlans } from './split-plans.js';

const layoutOf = (...lines: string[]) => splitPlans(normaliseDocument(lines.join('\n')).lines);

describe('splitPlans', () => {
  it('finds each plan of a document holding several, at its title and period line', () => {
    const layout = layoutOf(
      ' 宿迁市慢性病防治中长期规划',
      '（2018－2025年）等疾病防治工作规划的通知',
      ' 宿迁市慢性病防治中长期规划',
      '（2018－2025年）',
      '为贯彻落实……制定本规划。',
      '一、防治背景',
      '三、防治措施',
      '宿迁市艾滋病防治行动计划（2018-2020年）',
      '为进一步加强艾滋病防治工作，制定本行动计划。',
      '一、防治背景',
      '三、防控措施',
    );
    expect(layout.front.map((l) => l.no)).toEqual([1, 2]);
    expect(layout.plans.map((p) => p.titleLines.map((l) => l.original).join(''))).toEqual([
      '宿迁市慢性病防治中长期规划（2018－2025年）',
      '宿迁市艾滋病防治行动计划（2018-2020年）',
    ]);
    expect(layout.plans.map((p) => [p.lines[0]!.no, p.lines.at(-1)!.no])).toEqual([
      [3, 7],
      [8, 11],
    ]);
  });

  it('puts the forwarding notice before the plan it wraps', () => {
    const layout = layoutOf(
      '滕政办发〔2017〕174号',
      '滕州市人民政府办公室',
      '关于转发市卫计局等部门滕州市精神卫生',
      '工作规划（2017-2020年）的通知',
      '《滕州市精神卫生工作规划（2017-2020年）》已经市政府同意，现转发给你们。',
      '滕州市精神卫生工作规划（2017—2020年）',
      '市卫生和计划生育局、市委宣传部',
      '一、规划背景',
    );
    expect(layout.front).toHaveLength(5);
    expect(layout.plans).toHaveLength(1);
    expect(layout.plans[0]!.titleLines.map((l) => l.no)).toEqual([6]);
  });

  it('joins a title printed over two lines (国务院关于… / …的若干意见)', () => {
    const layout = layoutOf(
      '国务院关于做好当前和今后一个时期',
      '促进就业工作的若干意见',
      '国发〔2018〕39号',
      '一、支持企业稳定发展',
    );
    expect(layout.plans[0]!.titleLines.map((l) => l.original).join('')).toBe(
      '国务院关于做好当前和今后一个时期促进就业工作的若干意见',
    );
  });

  it('takes a notice that is itself the plan as one plan titled by its opening lines', () => {
    const layout = layoutOf(
      '国务院办公厅关于开展',
      '城镇小区配套幼儿园治理工作的通知',
      '国办发〔2019〕3号',
      '一、总体要求',
      '二、工作任务',
    );
    expect(layout.front).toEqual([]);
    expect(layout.plans[0]!.titleLines.map((l) => l.no)).toEqual([1, 2]);
  });
});

describe('plan metadata', () => {
  const lines = (...text: string[]) => normaliseDocument(text.join('\n')).lines;

  it('reads document numbers as printed, Traditional converted', () => {
    expect(documentNumberOf(lines('滕政办发〔2017〕174号'))).toBe('滕政办发〔2017〕174号');
    // Enough Traditional text for the document to be read as Traditional.
    const traditional = lines(
      '渝府辦發(fā)〔2023〕103號(hào)《重慶市人民政府辦公廳關於印發…的通知》',
      '為進一步完善全市精神衛生體系'.repeat(5),
    );
    expect(documentNumberOf(traditional)).toBe('渝府办发〔2023〕103号');
    expect(documentNumberOf(lines('发文字号: 朔政发〔2022〕14号 发布日期: 2022年06月03日'))).toBe('朔政发〔2022〕14号');
    expect(documentNumberOf(lines('根据《通知》（枣政办发〔2017〕67号）精神'))).toBeNull();
  });

  it('reads the issuer from the field, the notice title or a signature line', () => {
    expect(issuerOf(lines('发文机关: 朔州市人民政府'))).toBe('朔州市人民政府');
    expect(issuerOf(lines('滕政办发〔2017〕174号', '滕州市人民政府办公室', '关于转发市卫计局等部门…的通知'))).toBe(
      '滕州市人民政府办公室',
    );
    expect(issuerOf(lines('国务院关于促进综合保税区', '高水平开放高质量发展的若干意见'))).toBe('国务院');
  });

  it('reads the period from a year range or a five-year plan', () => {
    expect(periodOf('滕州市精神卫生工作规划（2017—2020年）')).toEqual([2017, 2020]);
    expect(periodOf('朔州市“十四五”公共卫生体系规划')).toEqual([2021, 2025]);
    expect(periodOf('“十三五”卫生规划')).toEqual([2016, 2020]);
    expect(periodOf('若干意见')).toBeNull();
  });

  it('drops the draft status from the title and keeps the period', () => {
    const meta = planMetadata(lines('相山区“十四五”卫生与健康规划', '（征求意见稿）'), []);
    expect(meta).toMatchObject({ title: '相山区“十四五”卫生与健康规划', periodStart: 2021, periodEnd: 2025 });
  });

  it('titles a notice that forwards a plan without repeating its title by the plan it quotes', () => {
    expect(planMetadata(lines('滕州市人民政府办公室关于印发《滕州市防汛工作方案（2024年）》的通知'), [])).toMatchObject(
      {
        title: '滕州市防汛工作方案（2024年）',
      },
    );
  });

  it('reads the date the document was signed', () => {
    expect(signedOn(lines('国务院', '2018年11月16日'))).toBe('2018-11-16');
    expect(signedOn(lines('成文日期: 2022年05月31日'))).toBe('2022-05-31');
  });
});
