import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { repoPath } from '../libs/common/src/index.js';
import { createTestDatabase } from './support/test-database.js';

/** The newest version of each libs/<lib>/sql/<name>.v<N>.sql: what the migrations leave running. */
function newestSqlFiles(): { file: string; text: string }[] {
  const newest = new Map<string, { version: number; file: string }>();
  for (const lib of readdirSync(repoPath('libs'))) {
    let names: string[];
    try {
      names = readdirSync(repoPath('libs', lib, 'sql'));
    } catch {
      continue;
    }
    for (const name of names) {
      const m = /^(.+)\.v(\d+)\.sql$/.exec(name);
      if (!m) continue;
      const key = `${lib}/${m[1]}`;
      const version = Number(m[2]);
      if ((newest.get(key)?.version ?? 0) < version) newest.set(key, { version, file: join('libs', lib, 'sql', name) });
    }
  }
  return [...newest.values()].map(({ file }) => ({ file, text: readFileSync(repoPath(file), 'utf8') }));
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

// The running trigger functions are the libs' SQL files, not whichever migration defined them last.
describe("the libs' SQL files are the running definitions", () => {
  const files = newestSqlFiles();
  let db: pg.Client;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await createTestDatabase();
    drop = created.drop;
    db = new pg.Client({ connectionString: created.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await drop?.();
  });

  it('finds the escalation and supervision files', () => {
    expect(files.map((f) => f.file).sort()).toEqual(
      expect.arrayContaining([
        'libs/escalation/sql/escalation-event-references.v1.sql',
        'libs/escalation/sql/task-escalation-state.v1.sql',
        'libs/supervision/sql/notice-events-kept.v1.sql',
      ]),
    );
  });

  it('runs each function exactly as its file defines it', async () => {
    const functions = files.flatMap(({ file, text }) =>
      [...text.matchAll(/CREATE OR REPLACE FUNCTION (\w+)\(\)[^$]*\$\$([\s\S]*?)\$\$/g)].map((m) => ({
        file,
        name: m[1]!,
        body: squash(m[2]!),
      })),
    );
    expect(functions.length).toBeGreaterThanOrEqual(7);
    for (const f of functions) {
      const { rows } = await db.query<{ prosrc: string }>('SELECT prosrc FROM pg_proc WHERE proname = $1', [f.name]);
      expect({ ...f, running: rows.map((r) => squash(r.prosrc)) }).toEqual({ ...f, running: [f.body] });
    }
  });

  it('has each trigger of the files on the table the file names', async () => {
    const triggers = files.flatMap(({ text }) =>
      [...text.matchAll(/CREATE OR REPLACE TRIGGER (\w+) [\s\S]*?\bON (\w+)/g)].map((m) => [m[1]!, m[2]!]),
    );
    expect(triggers.length).toBeGreaterThanOrEqual(7);
    for (const [name, table] of triggers) {
      const { rows } = await db.query<{ table: string }>(
        'SELECT tgrelid::regclass::text AS table FROM pg_trigger WHERE tgname = $1 AND NOT tgisinternal',
        [name],
      );
      expect({ name, tables: rows.map((r) => r.table) }).toEqual({ name, tables: [table] });
    }
  });
});
