import { readFileSync } from 'node:fs';
import type { QueryRunner } from 'typeorm';
import { repoPath } from '@app/common';

/**
 * A lib's trigger and function definitions live in `libs/<lib>/sql/<name>.v<version>.sql`, so the one
 * running is found beside the code it serves, and a migration applies one by name and version. A new
 * definition is a new version file and a new migration; the old file stays for the migrations that
 * replay history on a new database. Read from the repository (as seeds/ are), the same from source
 * under Jest and from dist/.
 */
export function sqlFile(lib: string, name: string, version: number): string {
  return readFileSync(repoPath('libs', lib, 'sql', `${name}.v${version}.sql`), 'utf8');
}

export async function applySqlFile(q: QueryRunner, lib: string, name: string, version: number): Promise<void> {
  await q.query(sqlFile(lib, name, version));
}
