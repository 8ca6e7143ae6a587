import type { EntityManager } from 'typeorm';

/**
 * For a department merge (机构改革): the accounts of the department folded away now work for the one
 * that remains. Both departments are of one jurisdiction, so the users' jurisdiction stays right.
 * Their tokens still name the old department, so their version moves on (they sign in again); the
 * caller tells UserStatusChannel about the returned ids once the merge has committed.
 */
export async function moveDepartmentUsers(m: EntityManager, fromId: string, intoId: string): Promise<string[]> {
  const moved: { id: string }[] = await m.query(
    `WITH moved AS (UPDATE app_user SET department_id = $2, token_version = token_version + 1
                    WHERE department_id = $1 RETURNING id)
     SELECT id FROM moved`,
    [fromId, intoId],
  );
  return moved.map((r) => r.id);
}

/** How many accounts moveDepartmentUsers would move (a merge preview). */
export async function countDepartmentUsers(m: EntityManager, departmentId: string): Promise<number> {
  const rows: { n: number }[] = await m.query('SELECT count(*)::int AS n FROM app_user WHERE department_id = $1', [
    departmentId,
  ]);
  return rows[0]!.n;
}
