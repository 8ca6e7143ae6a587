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
