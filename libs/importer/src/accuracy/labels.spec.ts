// The labels are ground truth, so they are checked against the seed texts they describe:
// a slip in a line number or a name would otherwise silently score the importer wrong.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { matchingForm, normaliseDocument, type SourceLine } from '../normalise.js';
import { loadLabels } from './labels.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const labelled = loadLabels(join(root, 'libs/importer/fixtures/labels'));

const FUNCTION_CODES = new Set(
  `GOVERNMENT GOVERNMENT_OFFICE HEALTH PUBLIC_SECURITY CIVIL_AFFAIRS EDUCATION FINANCE JUSTICE HUMAN_RESOURCES
  DEVELOPMENT_REFORM MARKET_REGULATION MEDICAL_SECURITY PROPAGANDA POLITICAL_LEGAL COMPREHENSIVE_GOVERNANCE PRICE
  TRADE_UNION YOUTH_LEAGUE WOMENS_FEDERATION DISABLED_FEDERATION AGING CULTURE_TOURISM SCIENCE_TECH
  HOUSING_CONSTRUCTION VETERANS EMERGENCY DISEASE_CONTROL MEDICAL_PRODUCTS CHINESE_MEDICINE CYBERSPACE RADIO_TV
  AGRICULTURE INDUSTRY_IT STATISTICS RURAL_REVITALIZATION ORGANIZATION EDITORIAL SPORTS ECOLOGY_ENVIRONMENT
  NATURAL_RESOURCES TRANSPORT WATER COMMERCE DATA_BUREAU`.split(/\s+/),
);

function seedLines(seed: string): Map<number, SourceLine> {
  const text = readFileSync(join(root, 'seeds/plans', seed), 'utf8');
  return new Map(normaliseDocument(text).lines.map((l) => [l.no, l]));
}

describe('hand labels', () => {
  it('cover the five seeds, two of them measure by measure', () => {
    expect(labelled.map((l) => l.seed.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
    expect(labelled.filter((l) => l.measures).map((l) => l.seed.slice(0, 3))).toEqual(['001', '002']);
    for (const l of labelled) expect(existsSync(join(root, 'seeds/plans', l.seed))).toBe(true);
  });

  describe.each(labelled.filter((l) => l.measures))('measures of $seed', ({ seed, measures }) => {
    const lines = seedLines(seed);

    it.each(measures!)('line $line ($code) starts the numbered item and names its units', (m) => {
      const line = lines.get(m.line)!;
      const marker = m.code.split('.').at(-1)!;
      expect(line.text.startsWith(`${marker}.`)).toBe(true);
      expect(matchingForm(line.original)).toContain(matchingForm(m.titleStart));
      for (const a of m.assignments) expect(line.text).toContain(matchingForm(a.mentionedAs));
      expect(m.deadline).toMatch(/^20\d\d-12-31$/);
    });

    it.each(measures!)('line $line uses known function codes and infers no one already assigned', (m) => {
      const explicit = new Set(m.assignments.map((a) => a.functionCode));
      for (const code of [...explicit, ...m.inferred.map((a) => a.functionCode)]) {
        expect(FUNCTION_CODES).toContain(code);
      }
      for (const actor of m.inferred) expect(explicit).not.toContain(actor.functionCode);
    });

    it('are in document order, one label per line', () => {
      const numbers = measures!.map((m) => m.line);
      expect(numbers).toEqual([...new Set(numbers)].sort((a, b) => a - b));
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
