// The importer against the hand labels of the seed plans: the project's accuracy targets.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importDocument, loadRegistryFiles } from '../index.js';
import { loadLabels } from './labels.js';
import { formatReport } from './report.js';
import { combineScores, missedTargets, scoreDraft } from './score.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

describe('importer accuracy on the hand-labelled seeds', () => {
  const registry = loadRegistryFiles(join(root, 'seeds/registry'));
  // A seed the importer rejects scores zero but leaves the other seeds' figures in the table.
  const scores = loadLabels(join(root, 'libs/importer/fixtures/labels')).map((labels) => {
    const text = readFileSync(join(root, 'seeds/plans', labels.seed), 'utf8');
    try {
      return scoreDraft(importDocument(text, { registry, fileName: labels.seed }), labels);
    } catch (error) {
      const score = scoreDraft({ plans: [], warnings: [] }, labels);
      return { ...score, misses: [`import failed: ${String(error)}`, ...score.misses] };
    }
  });
  const total = combineScores(scores);

  it('meets the targets on the total of all seeds', () => {
    console.log(formatReport(scores, { details: true }));
    expect(missedTargets(total)).toEqual([]);
  });

  it('was scored on every label', () => {
    expect(total.measuresFound.total).toBe(32);
    expect(total.indicatorsFound.total).toBe(69);
  });
});
