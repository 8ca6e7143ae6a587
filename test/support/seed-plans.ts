import { readFileSync } from 'node:fs';
import { repoPath } from '../../libs/common/src/index.js';
import type { TestApp } from './test-app.js';

export const SEED_TENGZHOU = '001_2d3bd1353c5f7903.txt';
export const SEED_CHONGQING = '002_d72ed5decfcbc710.txt';

/** Imports a seed plan through the API and publishes it; returns the plan ids. */
export async function publishSeed(t: TestApp, file: string, as: string): Promise<string[]> {
  const text = readFileSync(repoPath('seeds', 'plans', file), 'utf8');
  const imported = await t.gql<{ importPlanDocument: { plans: { id: string }[] } }>(
    'mutation($input: ImportPlanDocumentInput!) { importPlanDocument(input: $input) { plans { id } } }',
    { input: { text, fileName: file } },
    as,
  );
  if (!imported.data) throw new Error(`import ${file}: ${JSON.stringify(imported.errors)}`);
  const ids = imported.data.importPlanDocument.plans.map((p) => p.id);
  for (const id of ids) {
    const published = await t.gql('mutation($id: ID!) { publishPlan(planId: $id) { id } }', { id }, as);
    if (published.errors) throw new Error(`publish ${file}: ${JSON.stringify(published.errors)}`);
  }
  return ids;
}
