// The labels are ground truth, so they are checked against the seed texts they describe:
// a slip in a line number or a name would otherwise silently score the importer wrong.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { matchingForm, normaliseDocument, type SourceLine } from '../normalise.js';
import { loadRegistryFiles } from '../registry.js';
import { loadLabels, type LabelledMeasure } from './labels.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const labelled = loadLabels(join(root, 'libs/importer/fixtures/labels'));

// The codes of the function catalogue (职能目录): the only ones the importer can answer with.
const FUNCTION_CODES = new Set(loadRegistryFiles(join(root, 'seeds/registry')).functions.map((f) => f.code));

function seedLines(seed: string): Map<number, SourceLine> {
  const text = readFileSync(join(root, 'seeds/plans', seed), 'utf8');
  return new Map(normaliseDocument(text).lines.map((l) => [l.no, l]));
}

/**
 * Whether a line opens with the item's marker as documents print it: 1. and 4、 (arabic), 一、 (Chinese), （一）
 * (parenthesised, nothing after it). Where the source lost the numeral (`.推进电子健康卡创新应用`), an arabic
 * marker's bare separator stands for it.
 */
function opensWithMarker(text: string, marker: string): boolean {
  // （2） may also number an item inside a paragraph: after the lead-in's colon or the previous item's end.
  if (marker.startsWith('（')) return text.startsWith(marker) || new RegExp(`[：；。]${marker}`).test(text);
  const separators = /^\d+$/.test(marker) ? ['.', '、'] : ['、', '.'];
  if (separators.some((s) => text.startsWith(marker + s))) return true;
  return /^\d+$/.test(marker) && text.startsWith('.');
}

/** The text of a labelled measure: from its line up to the next label's line (the last one: its line alone). */
function measureText(lines: Map<number, SourceLine>, measures: LabelledMeasure[], i: number): string {
  const from = measures[i]!.line;
  const to = Math.max(measures[i + 1]?.line ?? 0, from + 1);
  return [...lines.values()]
    .filter((l) => l.no >= from && l.no < to)
    .map((l) => l.text)
    .join('\n');
}

// 卫生计生部门 stands for 卫生计生、民政部门; 市财政 for 市、县财政: the words before the suffix are printed.
const MENTION_SUFFIX = /(?:行政主管部门|行政部门|主管部门|部门|机构|机关|单位|组织)$/;

describe('hand labels', () => {
  it('cover the five seeds, each measure by measure', () => {
    expect(labelled.map((l) => l.seed.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
    expect(labelled.filter((l) => l.measures).map((l) => l.seed.slice(0, 3))).toEqual([
      '000',
      '001',
      '002',
      '003',
      '004',
    ]);
    for (const l of labelled) expect(existsSync(join(root, 'seeds/plans', l.seed))).toBe(true);
  });

  describe.each(labelled.filter((l) => l.measures))('measures of $seed', ({ seed, measures }) => {
    const lines = seedLines(seed);

    it.each(measures!)('line $line ($code) starts the numbered item and names its units', (m) => {
      const line = lines.get(m.line)!;
      const marker = m.code.split('.').at(-1)!;
      expect([line.text.slice(0, 12), opensWithMarker(line.text, marker)]).toEqual([line.text.slice(0, 12), true]);
      expect(matchingForm(line.original)).toContain(matchingForm(m.titleStart));
      for (const a of m.assignments) expect(line.text).toContain(matchingForm(a.mentionedAs));
      expect(m.deadline).toMatch(/^20\d\d-12-31$/);
    });

    it.each(measures!.map((m, i) => ({ ...m, i })))('line $line names its actors in prose', (m) => {
      const text = measureText(lines, measures!, m.i);
      for (const a of m.inferred) expect(text).toContain(matchingForm(a.mentionedAs).replace(MENTION_SUFFIX, ''));
    });

    it.each(measures!)('line $line uses known function codes and infers no one already assigned', (m) => {
      const explicit = new Set(m.assignments.map((a) => a.functionCode));
      for (const code of [...explicit, ...m.inferred.map((a) => a.functionCode)]) {
        expect(FUNCTION_CODES).toContain(code);
      }
      for (const actor of m.inferred) expect(explicit).not.toContain(actor.functionCode);
    });

    it('are in document order, one label per line but for items enumerated inside one paragraph', () => {
      const numbers = measures!.map((m) => m.line);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      const shared = measures!.filter((m) => numbers.filter((n) => n === m.line).length > 1);
      for (const m of shared) expect(m.code).toMatch(/\.（\d+）$/);
    });
  });

  describe.each(labelled.filter((l) => l.indicators.length > 0))('indicators of $seed', ({ seed, indicators }) => {
    const lines = seedLines(seed);

    // A row runs from its first cell to the next row's; the last row is given a few lines.
    // Cells are compared whole (bar the `|` separators), so a value must be printed exactly.
    const rowCells = (i: number) => {
      const end = indicators[i + 1]?.line ?? indicators[i].line + 8;
      return [...lines.values()]
        .filter((l) => l.no >= indicators[i].line && l.no < end)
        .map((l) => l.original.replace(/[\s|]+$/, ''));
    };

    it.each(indicators.map((row, i) => ({ ...row, i })))('line $line: $name is printed in its row', (row) => {
      const cells = rowCells(row.i);
      expect(cells.join('\n')).toContain(row.name);
      for (const t of row.targets) expect(cells).toContain(t.value);
      for (const part of row.baselineValue?.split('\n') ?? []) expect(cells).toContain(part);
    });
  });
});
