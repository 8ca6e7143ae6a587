// End to end on the five seed plans and the national corpus: loose checks of what a reader sees.
import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ImportError, importDocument, loadRegistryFiles, type DraftDocument, type DraftPlan } from './index.js';

const registry = loadRegistryFiles(fileURLToPath(new URL('../../../seeds/registry', import.meta.url)));
const seedDir = new URL('../../../seeds/plans/', import.meta.url);
const seeds = readdirSync(seedDir).sort();
const seed = (prefix: string) =>
  readFileSync(
    new URL(
      seeds.find((f) => f.startsWith(prefix))!,
      seedDir,
    ),
    'utf8',
  );
const corpus = (name: string) => readFileSync(new URL(`../fixtures/corpus/${name}.txt`, import.meta.url), 'utf8');
const read = (text: string): DraftDocument => importDocument(text, { registry });

function chapterOf(plan: DraftPlan, code: string) {
  return plan.sections.find((s) => s.code === code.split('.')[0]);
}

function reason(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof ImportError ? error.reason : String(error);
  }
}

describe('importDocument on the seeds', () => {
  const drafts = Object.fromEntries(['000', '001', '002', '003', '004'].map((p) => [p, read(seed(p))]));

  it('finds the four plans of seed 000, each with measures and its period', () => {
    const plans = drafts['000']!.plans;
    expect(plans.map((p) => [p.title, p.periodStart, p.periodEnd])).toEqual([
      ['宿迁市慢性病防治中长期规划（2018－2025年）', 2018, 2025],
      ['宿迁市艾滋病防治行动计划（2018-2020年）', 2018, 2020],
      ['宿迁市结核病防治规划（2018－2020年）', 2018, 2020],
      ['宿迁市精神卫生工作规划（2018－2020年）', 2018, 2020],
    ]);
    for (const plan of plans) {
      expect(plan.jurisdictionKey).toBe('suqian');
      expect(plan.measures.length).toBeGreaterThan(10);
      expect(plan.leadDepartment).toEqual({ kind: 'existing', departmentKey: 'suqian.HEALTH' });
    }
  });

  it('reads the forwarding notice of seed 001 and every explicit list of its 三、工作措施', () => {
    const [plan] = drafts['001']!.plans;
    expect(plan).toMatchObject({
      documentNumber: '滕政办发〔2017〕174号',
      issuer: '滕州市人民政府办公室',
      periodStart: 2017,
      periodEnd: 2020,
      jurisdictionKey: 'tengzhou',
      leadDepartment: { kind: 'existing', departmentKey: 'tengzhou.HEALTH' },
    });
    expect(plan!.measures).toHaveLength(15);
    expect(plan!.measures.every((m) => m.code.startsWith('三.') && m.assignments.some((a) => a.explicit))).toBe(true);
    const second = plan!.measures[1]!;
    expect(second).toMatchObject({
      code: '三.（一）.2',
      title: '建立健全肇事肇祸精神障碍患者收治管理机制',
      sectionTitle: '全面加强严重精神障碍救治救助',
      line: 30,
      deadline: '2020-12-31',
      deadlineSource: 'plan-end',
    });
    expect(second.assignments.map((a) => `${a.mentionedAs}:${a.role}`)).toEqual([
      '市综治办:LEAD',
      '市卫计局:LEAD',
      '市公安局:LEAD',
      '市民政局:COOPERATING',
      '市财政局:COOPERATING',
      '市人社局:COOPERATING',
    ]);
  });

  it('reads Traditional seed 002 like the others', () => {
    const [plan] = drafts['002']!.plans;
    expect(plan).toMatchObject({
      documentNumber: '渝府办发〔2023〕103号',
      issuer: '重庆市人民政府办公厅',
      jurisdictionKey: 'chongqing',
    });
    expect(plan!.measures.map((m) => m.code).slice(0, 6)).toEqual([
      '二.（一）.1',
      '二.（一）.2',
      '二.（一）.3',
      '二.（一）.4',
      '二.（一）.5',
      '二.（二）.6',
    ]);
    const first = plan!.measures[0]!;
    expect(first.title).toBe('加強精神專科醫院和其他醫院精神科(心理科)建設');
    const fanned = first.assignments.filter((a) => a.mentionedAs === '各区县政府');
    expect(fanned.length).toBeGreaterThan(30);
    expect(new Set(fanned.map((a) => a.fanOutOf)).size).toBe(fanned.length);
    expect(plan!.indicators.length).toBeGreaterThan(0);
  });

  it('infers the chapter seed 003 left out, reads 十四五 and stays out of 保障措施', () => {
    const [plan] = drafts['003']!.plans;
    expect(plan).toMatchObject({ periodStart: 2021, periodEnd: 2025, documentNumber: '朔政发〔2022〕14号' });
    expect(plan!.measures[0]).toMatchObject({ code: '第三章.（一）.1', title: '合理定位各级机构职能', line: 287 });
    expect(plan!.measures.find((m) => m.line === 533)?.code).toBe('第三章.（八）.2');
    expect(plan!.measures.some((m) => m.code.startsWith('第五章'))).toBe(false);
  });

  it('reads the draft of seed 004 without its status and without Word comments', () => {
    const [plan] = drafts['004']!.plans;
    expect(plan!.title).toBe('相山区“十四五”卫生与健康规划');
    const items = (n: string, count: number) => Array.from({ length: count }, (_, i) => `${n}.（${i + 1}）`);
    expect(plan!.measures.map((m) => m.code)).toEqual(
      ['一', '二', '三', ...items('四', 5), ...items('五', 7), '六', '七', '八', '九', '十', '十一', '十二'].map(
        (n) => `第三章.${n}`,
      ),
    );
    expect(plan!.measures.find((m) => m.code === '第三章.十')!.title).toBe('积极推进国家级健康促进区创建');
  });

  it('makes each item a paragraph of seed 004 enumerates inline a measure of its own', () => {
    const [plan] = drafts['004']!.plans;
    const item = (code: string) => plan!.measures.find((m) => m.code === code)!;
    expect(item('第三章.四.（2）')).toMatchObject({
      title: '癌症防治行动',
      line: 201,
      sectionTitle: '积极落实重大疾病防控要求',
    });
    expect(item('第三章.四.（2）').text).toMatch(/^强化癌症防治知识宣传|^癌症防治行动。强化/);
    expect(item('第三章.四.（2）').text).not.toContain('（3）');
    expect(item('第三章.四.（5）').deadline).toBe('2022-12-31');
    expect(item('第三章.四.（1）')).toMatchObject({ deadline: '2025-12-31', deadlineSource: 'plan-end' });
    // The paragraph stays in the outline as the items' section.
    expect(plan!.sections).toContainEqual(expect.objectContaining({ code: '第三章.五', holdsMeasures: true }));
  });

  it('takes no measure from chapters that hold none', () => {
    for (const draft of Object.values(drafts)) {
      for (const plan of draft.plans) {
        for (const m of plan.measures) expect(chapterOf(plan, m.code)?.holdsMeasures).toBe(true);
        const guarantees = plan.sections.filter((s) => /保障措施|实施保障/.test(s.title));
        expect(guarantees.every((s) => !s.holdsMeasures)).toBe(true);
      }
    }
  });

  it('names the line and an excerpt in every warning', () => {
    for (const draft of Object.values(drafts)) {
      for (const w of draft.warnings) {
        expect(w.line).toBeGreaterThan(0);
        expect(w.excerpt.length).toBeGreaterThan(0);
        expect(w.excerpt.length).toBeLessThanOrEqual(120);
      }
    }
  });

  it('gives the same draft for the same text', () => {
    expect(read(seed('000'))).toEqual(drafts['000']);
    expect(read(seed('002'))).toEqual(drafts['002']);
  });

  it('parses all five seeds in under 200 ms once warm', () => {
    const texts = ['000', '001', '002', '003', '004'].map(seed);
    texts.forEach(read);
    const started = performance.now();
    texts.forEach(read);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('importDocument on national documents', () => {
  it('applies the 下同 rule: the first unit of every later 负责 list leads', () => {
    const plan = read(corpus('gov_zongbaoqu_2019')).plans[0]!;
    expect(plan).toMatchObject({ jurisdictionKey: 'cn', documentNumber: '国发〔2019〕3号', issuer: '国务院' });
    const roles = plan.measures.map((m) => m.assignments.map((a) => `${a.mentionedAs}:${a.role}`));
    expect(roles[0]).toEqual(['税务总局:LEAD', '财政部:COOPERATING', '海关总署:COOPERATING']);
    expect(roles[1]).toEqual(['海关总署:LEAD', '财政部:COOPERATING', '税务总局:COOPERATING']);
  });

  it('warns on collective units and fans 各省级人民政府 out to the provinces', () => {
    const draft = read(corpus('gov_jiuye_2018'));
    expect(draft.warnings.filter((w) => w.line === 23)).toHaveLength(1);
    const local = draft.plans[0]!.measures.find((m) => m.line === 22)!;
    expect(local.deadline).toBe('2018-12-16');
    expect(local.assignments.every((a) => a.mentionedAs === '各省级人民政府' && a.role === 'LEAD' && a.fanOutOf)).toBe(
      true,
    );
    expect(local.assignments.length).toBeGreaterThan(25);
  });

  it('reads deadlines in prose and leaves the attached indicator table out of the measures', () => {
    const plan = read(corpus('gov_sanji_yiyuan_2019')).plans[0]!;
    const byTitle = Object.fromEntries(plan.measures.map((m) => [m.title, m.deadline]));
    expect(byTitle).toMatchObject({
      统一编码和术语集: '2019-08-31',
      医院自查自评: '2020-01-31',
      省级年度考核: '2020-02-29',
      提高病案首页质量: null,
    });
    expect(plan.measures.every((m) => m.line < 37)).toBe(true);
  });
});

describe('importDocument refuses what is no plan', () => {
  it.each([
    ['', 'EMPTY'],
    ['\u0000\u0001binary', 'BINARY'],
    ['just some words\nwithout any outline', 'NOT_A_PLAN'],
  ])('%j → %s', (text, expected) => {
    expect(reason(() => read(text))).toBe(expected);
  });

  it('refuses a notice without measures', () => {
    const notice =
      '滕州市人民政府关于做好防汛工作的通知\n一、总体要求\n（一）指导思想\n二、保障措施\n（一）加强组织领导';
    expect(reason(() => read(notice))).toBe('NO_MEASURES');
  });

  it('refuses a plan whose jurisdiction cannot be told, and reads it when one is given', () => {
    const plan = '基地建设规划\n一、主要任务\n（一）建设基地。加强建设。';
    expect(reason(() => read(plan))).toBe('NO_JURISDICTION');
    expect(importDocument(plan, { registry, jurisdictionKey: 'tengzhou' }).plans[0]!.measures).toHaveLength(1);
  });
});
