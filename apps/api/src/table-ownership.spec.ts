import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { repoPath } from '@app/common';

/**
 * Each table belongs to one lib (docs/architecture.md → Table ownership), and a lib's SQL names only
 * its own tables and those of the libs below it in LAYERS — the documented order, which the second
 * test holds the `@app/<lib>` imports to, so "below" is also "what it may import". Scanned: every
 * string of SQL in a lib's .ts files (raw statements, query-builder conditions, virtual columns), the
 * query builder's table names (`.from('x')`, `.innerJoin('x', …)`), entity classes handed to TypeORM
 * (`getRepository(X)`, `new EntityRows(ds, X, …)`), entity relations (`@ManyToOne(() => X)`) and the
 * lib's `sql/*.sql` files. Migrations (libs/database/src/migrations) are left out: they are the one
 * schema history, already run in deployed databases, and name every lib's tables.
 */

/** Bottom first: a lib may name the tables of itself and of the libs before it. */
const LAYERS = [
  'audit',
  'auth',
  'files',
  'departments',
  'plans',
  'tasks',
  'notifications',
  'escalation',
  'supervision',
  'evaluation',
  'publicity',
];
/** Libs that own no table and import no domain lib: any lib may import them. */
const PLATFORM = ['common', 'database', 'importer'];

const LIBS = repoPath('libs');
const MIGRATIONS = join(LIBS, 'database', 'src', 'migrations');

function files(dir: string, ending: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path === MIGRATIONS ? [] : files(path, ending);
    return name.endsWith(ending) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** table → owning lib, from the table in docs/architecture.md. */
function documentedOwners(): Map<string, string> {
  const doc = readFileSync(repoPath('docs', 'architecture.md'), 'utf8');
  const section = doc.split('## Table ownership')[1]?.split('\n## ')[0] ?? '';
  const owners = new Map<string, string>();
  for (const m of section.matchAll(/^\| `([a-z_]+)` \| `([a-z]+)` \|/gm)) owners.set(m[1]!, m[2]!);
  return owners;
}

/** Tables the migrations create and do not drop again (in up). */
function migratedTables(): Set<string> {
  const tables = new Set<string>();
  for (const path of readdirSync(MIGRATIONS).filter((f) => f.endsWith('.ts'))) {
    const up = readFileSync(join(MIGRATIONS, path), 'utf8').split(/async down\(/)[0]!;
    for (const m of up.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)/g)) tables.add(m[1]!);
    for (const m of up.matchAll(/DROP TABLE (?:IF EXISTS )?([a-z_]+)/g)) tables.delete(m[1]!);
  }
  return tables;
}

const owners = documentedOwners();
const tableNames = new Set(owners.keys());

// Uppercase keywords: the codebase writes SQL in capitals, and lowercase English in messages
// ("from task …") must not count. `ON x` counts unless x is followed by a dot (a join condition).
const SQL_TABLE =
  /\b(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES|TRUNCATE)\s+(?:ONLY\s+)?([a-z_][a-z0-9_]*)\b(?!\.)|\bON\s+([a-z_][a-z0-9_]*)\b(?![.(])/g;

function tablesInSql(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(SQL_TABLE)) {
    const name = m[1] ?? m[2]!;
    if (tableNames.has(name)) found.push(name);
  }
  return found;
}

const BUILDER_METHODS = new Set([
  'from',
  'innerJoin',
  'leftJoin',
  'innerJoinAndSelect',
  'leftJoinAndSelect',
  'into',
  'update',
]);
const RELATIONS = new Set(['ManyToOne', 'OneToMany', 'OneToOne', 'ManyToMany']);

interface Mention {
  table: string;
  file: string;
  how: string;
}

/** Entity class name → table, over every lib. */
function entityTables(): Map<string, string> {
  const map = new Map<string, string>();
  for (const path of files(LIBS, '.ts')) {
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/@Entity\('([a-z_]+)'\)[\s\S]*?export class (\w+)/g)) map.set(m[2]!, m[1]!);
  }
  return map;
}

const entities = entityTables();

function mentionsInTs(path: string, text = readFileSync(path, 'utf8')): Mention[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  const file = relative(repoPath(), path);
  const out: Mention[] = [];
  const entityArg = (node: ts.Node, how: string) => {
    if (ts.isIdentifier(node) && entities.has(node.text)) out.push({ table: entities.get(node.text)!, file, how });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      for (const table of tablesInSql(node.text)) out.push({ table, file, how: 'SQL' });
    } else if (ts.isTemplateExpression(node)) {
      const text = node.head.text + node.templateSpans.map((s) => ` ? ${s.literal.text}`).join('');
      for (const table of tablesInSql(text)) out.push({ table, file, how: 'SQL' });
    }
    if (ts.isDecorator(node) && ts.isCallExpression(node.expression)) {
      const call = node.expression;
      if (ts.isIdentifier(call.expression) && RELATIONS.has(call.expression.text)) {
        const target = call.arguments[0];
        if (target && ts.isArrowFunction(target)) entityArg(target.body, `@${call.expression.text}`);
      }
      // Other decorators (@Field(() => X), @ResolveField) name GraphQL types, not tables.
      call.arguments.forEach((a) => ts.forEachChild(a, visit));
      return;
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const callee = node.expression;
      const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      const first = node.arguments?.[0];
      if (method && BUILDER_METHODS.has(method) && first && ts.isStringLiteral(first) && tableNames.has(first.text))
        out.push({ table: first.text, file, how: `.${method}('${first.text}')` });
      for (const a of node.arguments ?? []) entityArg(a, 'entity class');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function mentionsInSqlFile(path: string): Mention[] {
  const file = relative(repoPath(), path);
  // Comments explain; only statements count.
  const text = readFileSync(path, 'utf8').replace(/--.*$/gm, '');
  return tablesInSql(text).map((table) => ({ table, file, how: 'SQL file' }));
}

function libsBelow(lib: string): Set<string> {
  return new Set(LAYERS.slice(0, LAYERS.indexOf(lib) + 1));
}

describe('table ownership', () => {
  it('lists every table in docs/architecture.md, each owned by a lib in the order', () => {
    expect([...tableNames].sort()).toEqual([...migratedTables()].sort());
    for (const [table, owner] of owners)
      expect({ table, owner: LAYERS.includes(owner) }).toEqual({ table, owner: true });
  });

  it('keeps the @app imports in the documented order (a lib imports only libs below it)', () => {
    const upward: string[] = [];
    for (const lib of readdirSync(LIBS)) {
      const allowed = PLATFORM.includes(lib) ? new Set(PLATFORM) : new Set([...libsBelow(lib), ...PLATFORM]);
      for (const path of files(join(LIBS, lib, 'src'), '.ts'))
        for (const m of readFileSync(path, 'utf8').matchAll(/from '@app\/([a-z]+)'/g))
          if (!allowed.has(m[1]!)) upward.push(`${relative(repoPath(), path)} imports @app/${m[1]}`);
    }
    expect(upward).toEqual([]);
  });

  it('places every lib in the order or among the platform libs', () => {
    expect(readdirSync(LIBS).filter((lib) => !LAYERS.includes(lib) && !PLATFORM.includes(lib))).toEqual([]);
  });

  it('sees each way a lib can name a table', () => {
    const found = mentionsInTs(
      join(LIBS, 'probe.ts'),
      `const a = 'SELECT 1 FROM task t JOIN plan p ON p.id = t.plan_id';
       const b = \`UPDATE measure SET x = \${1} WHERE id IN (SELECT measure_id FROM assignment)\`;
       qb.innerJoin('department', 'd', 'd.id = t.department_id').from('jurisdiction', 'j');
       m.getRepository(SupervisionNotice);
       class X { @ManyToOne(() => EscalationEvent) e!: unknown; @Field(() => Evaluation) f!: unknown; }
       const c = 'sent from task owners to audit_entry readers';
       const d = 'CREATE TRIGGER x AFTER INSERT ON app_user FOR EACH ROW EXECUTE FUNCTION f()';`,
    );
    expect(found.map((m) => `${m.how} ${m.table}`).sort()).toEqual(
      [
        'SQL task',
        'SQL plan',
        'SQL measure',
        'SQL assignment',
        'SQL app_user',
        ".innerJoin('department') department",
        ".from('jurisdiction') jurisdiction",
        'entity class supervision_notice',
        '@ManyToOne escalation_event',
      ].sort(),
    );
  });

  it('finds SQL in the libs (the scan is not blind)', () => {
    const tasks = files(join(LIBS, 'tasks', 'src'), '.ts').flatMap((path) => mentionsInTs(path));
    expect(tasks.map((m) => m.table)).toEqual(expect.arrayContaining(['task', 'plan', 'measure', 'department']));
    expect(tasks.map((m) => m.how)).toEqual(expect.arrayContaining(['SQL', 'entity class']));
  });

  it.each([...LAYERS, ...PLATFORM])('libs/%s names only its own tables and those of libs below it', (lib) => {
    const allowed = libsBelow(lib);
    const mentions = [
      ...files(join(LIBS, lib, 'src'), '.ts').flatMap((path) => mentionsInTs(path)),
      ...files(join(LIBS, lib, 'sql'), '.sql').flatMap(mentionsInSqlFile),
    ];
    const foreign = mentions
      .filter((m) => !allowed.has(owners.get(m.table)!))
      .map((m) => `${m.file}: ${m.how} names ${m.table} (${owners.get(m.table)})`);
    expect([...new Set(foreign)]).toEqual([]);
  });
});
