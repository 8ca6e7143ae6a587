import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importDocument } from '../import-document.js';
import { normaliseDocument } from '../normalise.js';
import { loadRegistryFiles } from '../registry.js';
import type { DraftMeasure } from '../types.js';
import { findBreakdownTables, isTableHeader } from './breakdown-table.js';

const registry = loadRegistryFiles(fileURLToPath(new URL('../../../../seeds/registry', import.meta.url)));
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');

function rows(measures: DraftMeasure[]) {
  return measures.map((m) => ({
    code: m.code,
    deadline: `${m.deadline}/${m.deadlineSource}`,
    units: [...new Set(m.assignments.map((a) => `${a.mentionedAs}:${a.role}`))],
  }));
}

describe('task-breakdown tables', () => {
  it('recognises header rows', () => {
    expect(isTableHeader('序号 | 任务 | 牵头单位 | 配合单位 | 完成时限')).toBe(true);
    expect(isTableHeader('序号 重点任务 责任单位 完成时间')).toBe(true);
    expect(isTableHeader('序号 | 分类 | 指标名称 | 2022年 | 2025年')).toBe(false);
  });

  it('reads each row of the pipe layout as a measure with explicit leads, cooperating units and a deadline', () => {
    const draft = importDocument(fixture('breakdown-table.txt'), { registry });
    const [plan] = draft.plans;
    expect(plan).toMatchObject({
      title: '宿迁市慢性病综合防控重点任务分解表（2024—2025年）',
      documentNumber: '宿政办发〔2024〕8号',
      issuer: '宿迁市人民政府办公室',
      periodEnd: 2025,
      jurisdictionKey: 'suqian',
    });
    const measures = rows(plan!.measures);
    expect(measures).toHaveLength(12);
    expect(measures[0]).toEqual({
      code: '1',
      deadline: '2024-06-30/text',
      units: ['市卫生健康委:LEAD', '市发展改革委:COOPERATING', '市财政局:COOPERATING'],
    });
    // 长期坚持 and 持续推进 name no date: the plan's last day.
    expect(measures[2]!.deadline).toBe('2025-12-31/plan-end');
    expect(measures[6]!.deadline).toBe('2025-12-31/plan-end');
    expect(measures[5]!.units).toEqual([
      '市卫生健康委:LEAD',
      '市市场监管局:LEAD',
      '市公安局:COOPERATING',
      '市文化广电和旅游局:COOPERATING',
    ]);
    expect(plan!.measures[0]!.title).toBe('将健康融入所有政策，建立健全慢性病综合防控部门协作机制');
    expect(plan!.measures[0]!.line).toBe(10);
  });

  it('fans 各县区人民政府 out to each county with the same mention', () => {
    const measure = importDocument(fixture('breakdown-table.txt'), { registry }).plans[0]!.measures[11]!;
    const fanned = measure.assignments.filter((a) => a.mentionedAs === '各县区人民政府');
    expect(fanned.length).toBeGreaterThan(1);
    expect(fanned.every((a) => a.role === 'LEAD' && a.explicit && a.fanOutOf?.startsWith('suqian.'))).toBe(true);
  });

  it('warns on the collective words of a row', () => {
    const draft = importDocument(fixture('breakdown-table.txt'), { registry });
    expect(draft.warnings).toEqual([
      expect.objectContaining({ line: 20, message: expect.stringContaining('有关部门') }),
    ]);
  });

  it('reads the tab-separated layout the same way', () => {
    const pipe = importDocument(fixture('breakdown-table.txt'), { registry }).plans[0]!;
    const tab = importDocument(fixture('breakdown-table-tab.txt'), { registry }).plans[0]!;
    expect(rows(tab.measures)).toEqual(rows(pipe.measures));
    expect(tab.measures.map((m) => m.line)).toEqual(pipe.measures.map((m) => m.line));
  });

  it('reads the layout of one cell per line, a row lacking its cooperating units included', () => {
    const pipe = rows(importDocument(fixture('breakdown-table.txt'), { registry }).plans[0]!.measures);
    const cells = rows(importDocument(fixture('breakdown-table-cells.txt'), { registry }).plans[0]!.measures);
    expect(cells[8]).toEqual({ code: '9', deadline: '2024-03-31/text', units: ['市财政局:LEAD'] });
    expect(cells.filter((_, i) => i !== 8)).toEqual(pipe.filter((_, i) => i !== 8));
  });

  it('keeps the table lines out of the outline', () => {
    const lines = normaliseDocument(fixture('breakdown-table.txt')).lines;
    const [table] = findBreakdownTables(lines);
    expect(table!.caption).toBe('宿迁市慢性病综合防控重点任务分解表（2024—2025年）');
    expect([...table!.lineNos]).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]);
  });
});
