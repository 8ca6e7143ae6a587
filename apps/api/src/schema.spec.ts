import { readFileSync } from 'node:fs';
import { repoPath } from '@app/common';
import { buildSchemaSdl } from './schema-sdl.js';

describe('schema.gql', () => {
  it('is what the code generates (run `npm run schema:generate` after changing the API)', async () => {
    const committed = readFileSync(repoPath('schema.gql'), 'utf8');
    expect(await buildSchemaSdl()).toBe(committed);
  });
});
