// A plan arrives as Word: the console turns the .docx into text (apps/web/src/import/docx-text.ts, the same
// code the browser runs) and the importer must read the same measures from it as from the seed's .txt.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { documentToText, docxToText } from '../../apps/web/src/import/docx-text.js';
import { repoPath } from '../../libs/common/src/index.js';
import { importDocument, loadRegistryFiles, type DraftDocument } from '../../libs/importer/src/index.js';
import { seedToDocx } from './support/seed-docx.js';

const registry = loadRegistryFiles(repoPath('seeds', 'registry'));
const seed = (file: string) => readFileSync(repoPath('seeds', 'plans', file), 'utf8');

function summary(draft: DraftDocument) {
  return draft.plans.map((p) => ({
    title: p.title,
    measures: p.measures.map((m) => ({
      code: m.code,
      title: m.title,
      deadline: m.deadline,
      assignments: m.assignments
        .map((a) => `${a.role}:${a.target.departmentKey}:${a.mentionedAs}:${a.explicit}`)
        .sort(),
    })),
    indicators: p.indicators.map((i) => [i.name, i.baselineValue, i.targets.map((t) => `${t.year}=${t.value}`)]),
  }));
}

describe('a .docx made from a seed imports like its .txt', () => {
  it.each(['000_57994110b7a3b9be.txt', '002_d72ed5decfcbc710.txt', '004_9938f8cf2d7b6cfb.txt'])(
    '%s: same plans, measures, assignments and indicators',
    async (file) => {
      const text = seed(file);
      const docx = await seedToDocx(text);
      const converted = await docxToText(new Uint8Array(docx).buffer);
      const fromTxt = summary(importDocument(text, { registry }));
      const fromDocx = summary(importDocument(converted.text, { registry }));
      expect(fromDocx.map((p) => p.measures.length)).toEqual(fromTxt.map((p) => p.measures.length));
      expect(fromDocx).toEqual(fromTxt);
    },
  );

  it('numbers automatically numbered paragraphs as an outline (一、（一）1.（1）) and keeps table cells', () => {
    const p = (text: string, level?: number) => ({
      type: 'paragraph',
      numbering: level === undefined ? null : { isOrdered: true, level: String(level) },
      children: [{ type: 'run', children: [{ type: 'text', value: text }] }],
    });
    const doc = {
      type: 'document',
      children: [
        p('总体要求', 0),
        p('重点任务', 0),
        p('完善服务网络', 1),
        p('建设中心。（市卫健委牵头）', 2),
        p('加强队伍', 1),
        {
          type: 'table',
          children: [
            { type: 'tableRow', children: ['指标', '2025年'].map((c) => ({ type: 'tableCell', children: [p(c)] })) },
            { type: 'tableRow', children: ['床位数', ''].map((c) => ({ type: 'tableCell', children: [p(c)] })) },
          ],
        },
      ],
    };
    expect(documentToText(doc).split('\n')).toEqual([
      '一、总体要求',
      '二、重点任务',
      '（一）完善服务网络',
      '1.建设中心。（市卫健委牵头）',
      '（二）加强队伍',
      '\t指标',
      '\t2025年',
      '\t床位数',
      '\t',
    ]);
  });
});
