import { UserRole } from '../../libs/auth/src/index.js';
import type { TestApp } from './test-app.js';

/** The callers of a scope table: each role on its own jurisdiction or department, and on another's. */
export type Caller =
  'admin' | 'sup.own' | 'sup.other' | 'leader.own' | 'leader.other' | 'liaison.own' | 'liaison.other';
export const CALLERS: Caller[] = [
  'admin',
  'sup.own',
  'sup.other',
  'leader.own',
  'leader.other',
  'liaison.own',
  'liaison.other',
];
export type Outcome = 'ok' | 'FORBIDDEN';
export const ok: Outcome = 'ok';
export const no: Outcome = 'FORBIDDEN';

/** Creates the callers: 滕州市 is "own", 重庆市 "other"; the other liaison's department is given. */
export async function createCallers(t: TestApp, otherLiaisonDepartment: string): Promise<void> {
  await t.user('admin', UserRole.ADMIN);
  await t.user('sup.own', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
  await t.user('sup.other', UserRole.SUPERVISOR, { jurisdictionKey: 'chongqing' });
  await t.user('leader.own', UserRole.LEADER, { jurisdictionKey: 'tengzhou' });
  await t.user('leader.other', UserRole.LEADER, { jurisdictionKey: 'chongqing' });
  await t.user('liaison.own', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
  await t.user('liaison.other', UserRole.LIAISON, { departmentKey: otherLiaisonDepartment });
}

interface TaskRef {
  id: string;
}
type Reached = (data: Record<string, unknown>) => TaskRef[];

/**
 * Relations that reach tasks from elsewhere, each with what it reached: every task there must be
 * one `task(id)` gives the same caller (nested fields go through the scope of their top-level query).
 */
export const NESTED_TASK_PATHS: { name: string; query: string; reached: Reached }[] = [
  {
    name: 'notice → tasks',
    query: '{ supervisionNotices { tasks { id } } }',
    reached: (d) => (d.supervisionNotices as { tasks: TaskRef[] }[]).flatMap((n) => n.tasks),
  },
  {
    name: 'plan → measures → tasks',
    query: '{ plans { measures { tasks { id } } } }',
    reached: (d) =>
      (d.plans as { measures: { tasks: TaskRef[] }[] }[]).flatMap((p) => p.measures.flatMap((m) => m.tasks)),
  },
  {
    name: 'task → measure → tasks',
    query: '{ tasks(first: 50) { edges { node { measure { tasks { id } } } } } }',
    reached: (d) =>
      (d.tasks as { edges: { node: { measure: { tasks: TaskRef[] } } }[] }).edges.flatMap((e) => e.node.measure.tasks),
  },
  {
    name: "task → cooperating tasks → other departments' reports → task",
    // Five tasks: each cooperating task's reports are costed at their bound (complexity 20,000).
    query: '{ tasks(first: 5) { edges { node { cooperatingTasks { id reports { task { id } } } } } } }',
    reached: (d) =>
      (d.tasks as { edges: { node: { cooperatingTasks: (TaskRef & { reports: { task: TaskRef }[] })[] } }[] }).edges
        .flatMap((e) => e.node.cooperatingTasks)
        .flatMap((c) => [c, ...c.reports.map((r) => r.task)]),
  },
];

/** The tasks `caller` reached through each nested path that `task(id)` refuses it, as "path: id". */
export async function tasksReachedBeyondScope(t: TestApp, caller: string): Promise<string[]> {
  const beyond: string[] = [];
  const allowed = new Map<string, boolean>();
  for (const path of NESTED_TASK_PATHS) {
    const res = await t.gql(path.query, {}, caller);
    if (res.errors) throw new Error(`${path.name} as ${caller}: ${JSON.stringify(res.errors)}`);
    for (const { id } of path.reached(res.data!)) {
      if (!allowed.has(id))
        allowed.set(id, !(await t.gql('query($id: ID!) { task(id: $id) { id } }', { id }, caller)).errors);
      if (!allowed.get(id)) beyond.push(`${path.name}: ${id}`);
    }
  }
  return beyond;
}
