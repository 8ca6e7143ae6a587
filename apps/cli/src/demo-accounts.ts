import { UserRole } from '@app/auth';

/** The five seed jurisdictions: each gets a supervisor (督查室) and a leader (领导). */
export const SEED_JURISDICTIONS = ['suqian', 'tengzhou', 'chongqing', 'shuozhou', 'xiangshan'];

/** Liaisons (联络员) of these departments of 滕州市 and 重庆市. */
export const LIAISON_FUNCTIONS: Record<string, string> = {
  HEALTH: 'health',
  PUBLIC_SECURITY: 'police',
  CIVIL_AFFAIRS: 'civil',
  EDUCATION: 'education',
};
export const LIAISON_JURISDICTIONS = ['tengzhou', 'chongqing'];

export interface DemoAccount {
  username: string;
  /** For a liaison, the department's name is added when it is known (liaisonDisplayName). */
  displayName: string;
  role: UserRole;
  jurisdictionKey: string;
  departmentKey?: string;
}

export function demoAccounts(jurisdictionNames: Map<string, string>): DemoAccount[] {
  const accounts: DemoAccount[] = [];
  for (const key of SEED_JURISDICTIONS) {
    const name = jurisdictionNames.get(key) ?? key;
    accounts.push(
      { username: `${key}.supervisor`, displayName: `${name}督查室`, role: UserRole.SUPERVISOR, jurisdictionKey: key },
      { username: `${key}.leader`, displayName: `${name}领导`, role: UserRole.LEADER, jurisdictionKey: key },
    );
  }
  for (const key of LIAISON_JURISDICTIONS) {
    for (const [fn, suffix] of Object.entries(LIAISON_FUNCTIONS)) {
      accounts.push({
        username: `${key}.${suffix}`,
        displayName: `${jurisdictionNames.get(key) ?? key}联络员`,
        role: UserRole.LIAISON,
        jurisdictionKey: key,
        departmentKey: `${key}.${fn}`,
      });
    }
  }
  return accounts;
}

/** 滕州市卫生健康局联络员: people read the department's name, never its function code. */
export function liaisonDisplayName(departmentName: string): string {
  return `${departmentName}联络员`;
}
