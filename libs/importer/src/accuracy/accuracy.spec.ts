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
  // Every labelled seed: 000 (four plans in one file: 慢性病, 艾滋病, 结核病, 精神卫生), 001, 002, 003 and 004
  // by measure, all five by indicator table. A labelled measure is looked for in every plan of the draft.
  const labelled = loadLabels(join(root, 'libs/importer/fixtures/labels'));
  const plansBySeed = new Map<string, number>();
  // A seed the importer rejects scores zero but leaves the other seeds' figures in the table.
  const scores = labelled.map((labels) => {
    const text = readFileSync(join(root, 'seeds/plans', labels.seed), 'utf8');
    try {
      const draft = importDocument(text, { registry, fileName: labels.seed });
      plansBySeed.set(labels.seed, draft.plans.length);
      return scoreDraft(draft, labels);
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
    expect(labelled.map((l) => [l.seed.slice(0, 3), l.measures?.length ?? null])).toEqual([
      ['000', 64],
      ['001', 15],
      ['002', 17],
      ['003', 44],
      // 004: ten chapter items and the 5 + 7 items its 四 and 五 enumerate inline.
      ['004', 22],
    ]);
    expect(total.measuresFound.total).toBe(162);
    expect(total.indicatorsFound.total).toBe(69);
  });

  it('imports every plan of a document holding several', () => {
    // The measure labels of such a document name their plan (planTitle); each plan is a plan of the draft.
    for (const labels of labelled) {
      const titles = new Set(labels.measures?.map((m) => (m as { planTitle?: string }).planTitle));
      titles.delete(undefined);
      if (titles.size > 1) expect([labels.seed, plansBySeed.get(labels.seed)]).toEqual([labels.seed, titles.size]);
    }
  });
});
