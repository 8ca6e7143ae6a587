import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { UserRole, UsersService } from '../../libs/auth/src/index.js';
import { parseConfig, repoPath } from '../../libs/common/src/index.js';
import { DepartmentsService, RegistrySeeder } from '../../libs/departments/src/index.js';
import { loadRegistryFiles } from '../../libs/importer/src/index.js';
import { createTestDatabase } from './test-database.js';

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
}

export const PASSWORD = 'test-password-1';

/** The real API on the run's database, with the registry loaded and a token per account. */
export class TestApp {
  private tokens = new Map<string, string>();

  private constructor(
    readonly app: INestApplication,
    readonly databaseUrl: string,
    private readonly dropDatabase: () => Promise<void>,
  ) {}

  /** The API on a database of its own, with the registry loaded. `env` overrides the run's environment. */
  static async start(env: Record<string, string> = {}): Promise<TestApp> {
    const db = await createTestDatabase();
    const app = await createApi(parseConfig({ ...process.env, DATABASE_URL: db.url, ...env }));
    app.useLogger(false);
    await app.init();
    await app.get(RegistrySeeder).load(loadRegistryFiles(repoPath('seeds', 'registry')));
    return new TestApp(app, db.url, db.drop);
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.dropDatabase();
  }

  get<T>(token: new (...args: never[]) => T): T {
    return this.app.get(token);
  }

  http() {
    return request(this.app.getHttpServer());
  }

  async gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    as?: string,
  ): Promise<GqlResult<T>> {
    const req = this.http().post('/graphql').set('content-type', 'application/json');
    if (as) req.set('authorization', `Bearer ${await this.token(as)}`);
    const res = await req.send({ query, variables });
    return { status: res.status, data: res.body.data, errors: res.body.errors };
  }

  /** Creates (once) a user and logs in; usernames are unique per test file by convention. */
  async user(
    username: string,
    role: UserRole,
    place: { jurisdictionKey?: string; departmentKey?: string } = {},
  ): Promise<string> {
    const departments = this.get(DepartmentsService);
    const jurisdiction = place.jurisdictionKey ? await departments.findJurisdictionByKey(place.jurisdictionKey) : null;
    const departmentId = place.departmentKey
      ? await departments.ensureFunctionDepartment(
          place.departmentKey.split('.')[0]!,
          place.departmentKey.split('.')[1]!,
        )
      : null;
    await this.get(UsersService).ensure({
      username,
      password: PASSWORD,
      displayName: username,
      role,
      jurisdictionId: jurisdiction?.id ?? null,
      departmentId,
    });
    this.tokens.delete(username);
    return username;
  }

  /** The next request as this user signs in again (after a change that revoked its token). */
  forgetToken(username: string): void {
    this.tokens.delete(username);
  }

  private async token(username: string): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached) return cached;
    const res = await this.gql<{ login: { token: string } }>(
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: username, p: PASSWORD },
    );
    if (!res.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(res.errors)}`);
    this.tokens.set(username, res.data.login.token);
    return res.data.login.token;
  }
}

export function codeOf(result: GqlResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}
