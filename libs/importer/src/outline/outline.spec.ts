import { describe, expect, it } from '@jest/globals';
import { normaliseDocument } from '../normalise.js';
import { buildOutline, walk, type OutlineNode } from './outline.js';
import { classifySections, chapterHoldsMeasures } from './section-kinds.js';

function outline(text: string): OutlineNode {
  return buildOutline(normaliseDocument(text).lines);
}

function codes(root: OutlineNode): string[] {
  const out: string[] = [];
  walk(root, (n) => out.push(n.code));
  return out;
}

describe('buildOutline', () => {
  it('nests each marker style where it first appears, full- and half-width alike', () => {
    const root = outline(
      [
        '一、背景',
        '三、工作措施',
        '（一）全面加强救治救助。',
        '1.完善患者救治。推行服务模式。',
        '第二行正文。',
        '2．建立收治机制。',
        '(二)大力发展心理健康服务。',
        '1、规范开展防治服务。',
        '（1）常见病。',
        '四、保障措施',
      ].join('\n'),
    );
    expect(codes(root)).toEqual([
      '一',
      '三',
      '三.（一）',
      '三.（一）.1',
      '三.（一）.2',
      '三.（二）',
      '三.（二）.1',
      '三.（二）.1.（1）',
      '四',
    ]);
    const first = root.children[1]!.children[0]!.children[0]!;
    expect(first.title).toBe('完善患者救治');
    expect(first.lines.map((l) => l.no)).toEqual([4, 5]);
  });

  it('keeps numbering that continues across sections and numbering that restarts in each', () => {
    const root = outline(
      ['四、主要任务', '（一）甲', '1.子', '2.丑', '（二）乙', '3.寅', '（三）丙', '1.卯'].join('\n'),
    );
    expect(codes(root)).toEqual([
      '四',
      '四.（一）',
      '四.（一）.1',
      '四.（一）.2',
      '四.（二）',
      '四.（二）.3',
      '四.（三）',
      '四.（三）.1',
    ]);
  });

  it('infers a chapter the document left out when the numbering under the last one starts again', () => {
    const root = outline(
      [
        '第二章 总体思路',
        '(一)指导思想',
        '(三)发展目标',
        '(一)完善疾病预防控制体系',
        '1.合理定位',
        '第四章 体制机制',
      ].join('\n'),
    );
    expect(codes(root)).toEqual([
      '第二章',
      '第二章.（一）',
      '第二章.（三）',
      '第三章',
      '第三章.（一）',
      '第三章.（一）.1',
      '第四章',
    ]);
    expect(root.children[1]!.implicit).toBe(true);
  });

  it('numbers an item whose number was lost from its predecessor', () => {
    const root = outline(['一、任务', '1.甲', '.乙', '.丙'].join('\n'));
    expect(codes(root)).toEqual(['一', '一.1', '一.2', '一.3']);
    expect(root.children[0]!.children[1]!.title).toBe('乙');
  });

  it('reads 11.121人才梯队项目 as item 11 after item 10, and as no item where the numbering is elsewhere', () => {
    const root = outline(
      ['一、任务', '10.甲。（牵头单位：市财政局）', '11.121人才梯队项目。培养。', '12.乙'].join('\n'),
    );
    expect(codes(root)).toEqual(['一', '一.10', '一.11', '一.12']);
    const item = root.children[0]!.children[1]!;
    expect(item.title).toBe('121人才梯队项目');
    expect(root.children[0]!.children[0]!.lines.map((l) => l.no)).toEqual([2]);
    const elsewhere = outline(['一、任务', '3.甲', '11.121人才梯队项目。'].join('\n'));
    expect(codes(elsewhere)).toEqual(['一', '一.3']);
  });

  it('sets a 专栏 box beside the numbered items, so that the item before it stays a leaf', () => {
    const root = outline(['一、任务', '（一）甲', '1.子', '正文', '专栏1 重点项目', '某工程。', '2.丑'].join('\n'));
    expect(codes(root)).toEqual(['一', '一.（一）', '一.（一）.1', '一.（一）.专栏1', '一.（一）.2']);
    expect(root.children[0]!.children[0]!.children[0]!.lines.map((l) => l.original)).toEqual(['1.子', '正文']);
  });

  it('takes the next line as the title of a bare marker', () => {
    const root = outline(['一、医疗质量', '（三）', '合理用药', '16.点评处方'].join('\n'));
    expect(root.children[0]!.children[0]!.title).toBe('合理用药');
  });
});

describe('which sections hold measures', () => {
  it.each([
    ['工作措施', true],
    ['主要任务及重点项目', true],
    ['防治措施', true],
    ['体制机制改革创新', true],
    ['落实各方责任', true],
    ['规划背景', false],
    ['发展基础与面临形势', false],
    ['总体要求', false],
    ['目标任务', false],
    ['保障措施', false],
    ['规划实施保障', false],
    ['组织实施', false],
    ['强化监管与督导评估', false],
    ['监督与评估', false],
  ])('chapter %s: %s', (title, holds) => {
    expect(chapterHoldsMeasures(title)).toBe(holds);
  });

  it('decides by the chapter, and below it only exact descriptive headings', () => {
    const root = outline(
      ['三、防治措施', '（一）完善监测评估体系', '（二）工作目标', '四、保障措施', '（一）加强组织领导'].join('\n'),
    );
    const holds = classifySections(root);
    const byCode = new Map<string, boolean>();
    walk(root, (n) => byCode.set(n.code, holds.get(n)!));
    expect(Object.fromEntries(byCode)).toEqual({
      三: true,
      '三.（一）': true,
      '三.（二）': false,
      四: false,
      '四.（一）': false,
    });
  });
});
