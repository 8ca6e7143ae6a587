// The bench:api data, shared by bench:api and bench:anchor: 100,000 synthetic tasks over 500
// departments (10 plans × 200 measures × 50 departments each), a supervisor, a liaison of the first
// department and a leader of the city, all with one password.
import * as argon2 from 'argon2';
import pg from 'pg';
import { seedRegistry } from './support.js';

export const TASKS = 100_000;
export const DEPARTMENTS = 500;
const MEASURES = TASKS / 50;
export const PASSWORD = 'bench-password';
/** The department the bench liaison (bench.liaison) works for. */
export const LIAISON_DEPARTMENT_KEY = 'bench.d1';

export async function seed(url: string): Promise<void> {
  await seedRegistry(url);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const hash = await argon2.hash(PASSWORD);
  await db.query(
    `
    INSERT INTO jurisdiction (key, name, level, parent_id) SELECT 'bench', '基准市', 'CITY', id FROM jurisdiction WHERE key = 'cn';
    INSERT INTO department (key, jurisdiction_id, function_code, name, short_name)
      SELECT 'bench.d' || g, j.id, 'HEALTH', '基准市第' || g || '部门', '部门' || g FROM generate_series(1, ${DEPARTMENTS}) g, jurisdiction j WHERE j.key = 'bench';
    INSERT INTO plan_document (text_hash, text) VALUES ('bench', 'bench');
    INSERT INTO plan (document_id, ordinal, title, status, jurisdiction_id, source_text, start_line, end_line, period_start, period_end)
      SELECT d.id, g, '基准规划' || g, 'PUBLISHED', j.id, '', 1, 1, 2024, 2026
      FROM generate_series(1, 10) g, plan_document d, jurisdiction j WHERE j.key = 'bench';
    INSERT INTO measure (plan_id, ordinal, code, title, text, deadline, source_line)
      SELECT p.id, g, '一.（' || g || '）', '基准措施' || g, '措施正文' || g, DATE '2024-01-01' + (g % 1000), g
      FROM plan p, generate_series(1, ${MEASURES / 10}) g;
    INSERT INTO task (measure_id, plan_id, department_id, role, due_date, original_due_date)
      SELECT m.id, m.plan_id, d.id, CASE WHEN k = 1 THEN 'LEAD' ELSE 'COOPERATING' END, m.deadline, m.deadline
      FROM (SELECT id, plan_id, deadline, row_number() OVER (ORDER BY id) AS n FROM measure) m
      CROSS JOIN generate_series(1, 50) k
      JOIN department d ON d.key = 'bench.d' || (((m.n * 7 + k) % ${DEPARTMENTS}) + 1);
    INSERT INTO app_user (username, password_hash, display_name, role, jurisdiction_id)
      SELECT 'bench.supervisor', $1, '基准督查室', 'SUPERVISOR', id FROM jurisdiction WHERE key = 'bench';
    INSERT INTO app_user (username, password_hash, display_name, role, jurisdiction_id)
      SELECT 'bench.leader', $1, '基准市领导', 'LEADER', id FROM jurisdiction WHERE key = 'bench';
    INSERT INTO app_user (username, password_hash, display_name, role, department_id)
      SELECT 'bench.liaison', $1, '基准联络员', 'LIAISON', id FROM department WHERE key = '${LIAISON_DEPARTMENT_KEY}';
    ANALYZE;
  `.replaceAll('$1', `'${hash}'`),
  );
  const count = await db.query('SELECT count(*) FROM task');
  console.log(`seeded ${count.rows[0].count} tasks over ${DEPARTMENTS} departments`);
  await db.end();
}

export async function login(api: string, username: string): Promise<string> {
  const res = await fetch(`${api}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation { login(username: "${username}", password: "${PASSWORD}") { token } }`,
    }),
  });
  return ((await res.json()) as { data: { login: { token: string } } }).data.login.token;
}
