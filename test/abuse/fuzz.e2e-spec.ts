import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { jest } from '@jest/globals';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
} from 'graphql';
import { DataSource } from 'typeorm';
import { UserRole } from '../../libs/auth/src/index.js';
import { repoPath } from '../../libs/common/src/index.js';
import { publishSeed, SEED_CHONGQING, SEED_TENGZHOU } from '../support/seed-plans.js';
import { TestApp, type GqlResult } from '../support/test-app.js';
import { dropQueues } from '../support/test-worker.js';

jest.setTimeout(120_000);

const PREFIX = `${process.env.QUEUE_PREFIX}_fuzz`;
const schema = buildSchema(readFileSync(repoPath('schema.gql'), 'utf8'));
const mutations = Object.values(schema.getMutationType()!.getFields());

/** Hostile values for any input slot; numbers and strings go everywhere, type mismatches included. */
const HOSTILE: unknown[] = [
  null,
  '',
  'x'.repeat(100_000),
  '\u0000\u0001\u0007\u001b[31m\u007f\u200b\r\n\t',
  '臺灣省衛生福利部關於加強醫療機構管理的實施意見', // Traditional
  'ＡＢＣ１２３　（全角測試）－＿', // full-width
  -1,
  2 ** 31,
  -(2 ** 53),
  1e308,
  '2025-02-30',
  [],
];

/** Each mutation's arguments, and one level into input objects: the slots the fuzz fills. */
interface Slot {
  arg: string;
  field?: string;
}

describe('fuzzing every mutation: a coded refusal and an unchanged database, never an internal error', () => {
  let t: TestApp;
  let db: DataSource;
  /** Ids of another jurisdiction's objects (重庆市), offered to 滕州市's office. */
  let foreignIds: string[];

  beforeAll(async () => {
    t = await TestApp.start({ QUEUE_PREFIX: PREFIX });
    db = t.get(DataSource);
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await publishSeed(t, SEED_TENGZHOU, 'admin');
    await publishSeed(t, SEED_CHONGQING, 'admin');
    const ids = await db.query(
      `SELECT (SELECT id FROM jurisdiction WHERE key = 'chongqing')::text AS jurisdiction,
              (SELECT id FROM department WHERE key = 'chongqing.HEALTH')::text AS department,
              (SELECT p.id FROM plan p JOIN jurisdiction j ON j.id = p.jurisdiction_id WHERE j.key = 'chongqing' LIMIT 1)::text AS plan,
              (SELECT m.id FROM measure m JOIN plan p ON p.id = m.plan_id JOIN jurisdiction j ON j.id = p.jurisdiction_id
                 WHERE j.key = 'chongqing' LIMIT 1)::text AS measure,
              (SELECT t.id FROM task t JOIN plan p ON p.id = t.plan_id JOIN jurisdiction j ON j.id = p.jurisdiction_id
                 WHERE j.key = 'chongqing' LIMIT 1)::text AS task`,
    );
    foreignIds = Object.values(ids[0] as Record<string, string>);
    await t.gql('{ me { id } }', {}, 'admin');
    await t.gql('{ me { id } }', {}, 'sup');
  });
  afterAll(async () => {
    await t?.stop();
    await dropQueues(PREFIX);
  });

  /** Every table's rows, hashed (audit entries of failed logins aside: a refused login is recorded by design). */
  const checksum = async (): Promise<string> => {
    const tables: { name: string }[] = await db.query(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`,
    );
    const parts = await Promise.all(
      tables.map(async ({ name }) => {
        const where = name === 'audit_entry' ? `WHERE action <> 'login.failed'` : '';
        const [{ h }] = await db.query(
          `SELECT count(*) || ':' || coalesce(md5(string_agg(md5(r::text), '' ORDER BY md5(r::text))), '') AS h FROM "${name}" r ${where}`,
        );
        return `${name}=${h}`;
      }),
    );
    return parts.join('\n');
  };

  it('covers every mutation of schema.gql', () => {
    expect(mutations.length).toBeGreaterThan(20);
  });

  it.each(mutations.map((m) => [m.name, m] as const))('%s', async (_, mutation) => {
    const cases = casesOf(mutation, foreignIds);
    const before = await checksum();
    const internal: string[] = [];
    let anyAccepted = false;
    for (const c of cases) {
      const res: GqlResult = await t.gql(c.query, c.variables, c.as);
      const codes = (res.errors ?? []).map((e) => e.extensions?.code);
      if (codes.includes('INTERNAL_SERVER_ERROR') || codes.some((code) => !code))
        internal.push(`${mutation.name}(${c.label}) as ${c.as}: ${JSON.stringify(res.errors).slice(0, 300)}`);
      if (!res.errors) anyAccepted = true;
    }
    expect(internal).toEqual([]);
    if (!anyAccepted) expect(await checksum()).toBe(before);
    else await checkEachRefusal(mutation, cases);
  });

  /** For a mutation some hostile value got through: every refusal, one by one, changes nothing. */
  async function checkEachRefusal(mutation: GraphQLField<unknown, unknown>, cases: Case[]): Promise<void> {
    for (const c of cases) {
      const before = await checksum();
      const res = await t.gql(c.query, c.variables, c.as);
      if (res.errors) expect([mutation.name, c.label, await checksum()]).toEqual([mutation.name, c.label, before]);
    }
  }
});

interface Case {
  label: string;
  as: string;
  query: string;
  variables: Record<string, unknown>;
}

/** The mutation with every argument a variable: plausible values, then one slot at a time made hostile. */
function casesOf(mutation: GraphQLField<unknown, unknown>, foreignIds: string[]): Case[] {
  const declared = mutation.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const passed = mutation.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = selectionOf(mutation);
  const query = `mutation${declared ? `(${declared})` : ''} { ${mutation.name}${passed ? `(${passed})` : ''}${selection} }`;
  const base = Object.fromEntries(mutation.args.map((a) => [a.name, plausible(a.type)]));
  const cases: Case[] = [];
  for (const slot of slotsOf(mutation.args)) {
    const slotType = typeOf(mutation.args, slot);
    const values = getNamedType(slotType).name === 'ID' ? [...HOSTILE, ...foreignIds] : HOSTILE;
    for (const value of values) {
      const variables = structuredClone(base);
      if (slot.field) (variables[slot.arg] as Record<string, unknown>)[slot.field] = value;
      else variables[slot.arg] = value;
      const label = `${slot.field ? `${slot.arg}.${slot.field}` : slot.arg} = ${JSON.stringify(value)?.slice(0, 20)}`;
      const foreign = typeof value === 'string' && foreignIds.includes(value);
      cases.push({ label, as: foreign ? 'sup' : 'admin', query, variables });
    }
  }
  if (!cases.length) cases.push({ label: '', as: 'admin', query, variables: base });
  return cases;
}

function slotsOf(args: readonly GraphQLArgument[]): Slot[] {
  return args.flatMap((a) => {
    const named = getNamedType(a.type);
    if (isInputObjectType(named) && !isListType(isNonNullType(a.type) ? a.type.ofType : a.type))
      return [{ arg: a.name }, ...Object.keys(named.getFields()).map((field) => ({ arg: a.name, field }))];
    return [{ arg: a.name }];
  });
}

function typeOf(args: readonly GraphQLArgument[], slot: Slot): GraphQLInputType {
  const arg = args.find((a) => a.name === slot.arg)!;
  if (!slot.field) return arg.type;
  const named = getNamedType(arg.type);
  return isInputObjectType(named) ? (named.getFields()[slot.field] as GraphQLInputField).type : arg.type;
}

/** A value of the right shape naming nothing that exists: the fuzzed slot is the only odd one. */
function plausible(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return plausible(type.ofType);
  if (isListType(type)) return [plausible(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type))
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, plausible(f.type)]),
    );
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return randomUUID();
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'Date':
        return '2025-10-10';
      case 'DateTime':
        return '2025-10-10T00:00:00Z';
      default:
        return '测试';
    }
  }
  return null;
}

/** The cheapest selection of the result: `id` or `__typename`, or nothing for a scalar. */
function selectionOf(mutation: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(mutation.type);
  return isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
}
