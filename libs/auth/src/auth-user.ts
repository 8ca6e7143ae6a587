import type { UserRole } from './user-role.js';

/** Who is calling, as the verified token says. */
export interface AuthUser {
  id: string;
  username: string;
  role: UserRole;
  departmentId: string | null;
  jurisdictionId: string | null;
}
