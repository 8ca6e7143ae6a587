// Holds the importer to hand labels of documents it was not written against: five national documents
// (国务院 / 国务院办公厅) and a county task-breakdown table in two layouts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { importDocument, loadRegistryFiles } from '../index.js';
import {
  addScores,
  formatScore,
  rate,
  SCORE_HEADER,
  scoreDocument,
  type DocumentScore,
  type Ratio,
} from './compare.js';
import type { DraftDocument } from '../types.js';
import type { DocumentLabels } from './labels.js';

const fixtures = new URL('../../fixtures/', import.meta.url);
const registry = loadRegistryFiles(fileURLToPath(new URL('../../../../seeds/registry', import.meta.url)));

const CORPUS = [
  'gov_jiuye_2018',
  'gov_nongjihua_2018',
  'gov_sanji_yiyuan_2019',
  'gov_youeryuan_2019',
  'gov_zongbaoqu_2019',
];
const BREAKDOWN = ['breakdown-pipe', 'breakdown-tab'];

/** A document the importer rejects scores as an empty draft, so that the report still shows every file. */
function draftOf(text: string, fileName: string): { draft: DraftDocument; failure: string[] } {
  try {
    return { draft: importDocument(text, { registry, fileName }), failure: [] };
  } catch (error) {
    return { draft: { plans: [], warnings: [] }, failure: [`${fileName}: import failed: ${String(error)}`] };
  }
}

function score(textPath: string, labelPath: string): DocumentScore {
  const labels = JSON.parse(readFileSync(new URL(labelPath, fixtures), 'utf8')) as DocumentLabels;
  const { draft, failure } = draftOf(readFileSync(new URL(textPath, fixtures), 'utf8'), labels.file);
  const result = scoreDocument(labels, draft);
  return { ...result, differences: [...failure, ...result.differences] };
}

function report(title: string, scores: DocumentScore[], total?: DocumentScore): void {
  const differences = scores.flatMap((s) => s.differences);
  const table = [SCORE_HEADER, ...[...scores, ...(total ? [total] : [])].map(formatScore)];
  console.log([title, ...table, '', ...differences].join('\n'));
}

function percent(ratio: Ratio): number {
  return Math.round(rate(ratio) * 1000) / 10;
}

describe('importer generality: national corpus', () => {
  const scores = CORPUS.map((name) => score(`corpus/${name}.txt`, `corpus-labels/${name}.json`));
  const total = addScores('corpus', scores);
  report('National corpus against hand labels', scores, total);

  it('finds at least 95% of the labelled measures', () => {
    expect(percent(total.measuresFound)).toBeGreaterThanOrEqual(95);
  });

  it('assigns explicit (function, role) pairs with at least 95% precision and recall', () => {
    expect(percent(total.precision)).toBeGreaterThanOrEqual(95);
    expect(percent(total.recall)).toBeGreaterThanOrEqual(95);
  });

  it('places every plan under the nation', () => {
    expect(total.jurisdiction.of).toBeGreaterThanOrEqual(CORPUS.length);
    expect(total.jurisdiction.hit).toBe(total.jurisdiction.of);
  });
});

describe.each(BREAKDOWN)('importer generality: task-breakdown table %s', (name) => {
  const result = score(`breakdown/${name}.txt`, `breakdown/${name}.json`);
  report(`Task-breakdown table ${name}`, [result]);

  it('reads every row, its leads, cooperating units, fan-out and deadline exactly', () => {
    expect(result.differences).toEqual([]);
    for (const ratio of [result.measuresFound, result.precision, result.recall, result.deadlines])
      expect(percent(ratio)).toBe(100);
  });

  it('finds the county and the document number', () => {
    expect(result.jurisdiction.hit).toBe(result.jurisdiction.of);
    expect(result.jurisdiction.of).toBeGreaterThan(0);
    expect(result.documentNumber).toEqual({ hit: 1, of: 1 });
  });
});
