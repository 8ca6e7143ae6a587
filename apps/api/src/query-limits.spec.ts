import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isNonNullType,
  Kind,
  parse,
  print,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { repoPath } from '@app/common';
import { complexityOf, MAX_COMPLEXITY } from './query-limits.plugin.js';

/** Every operation the console sends (its `graphql(` templates), each with the fragments it spreads. */
function consoleOperations(): { name: string; document: DocumentNode }[] {
  const sources = readdirSync(repoPath('apps', 'web', 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => readFileSync(join(repoPath('apps', 'web', 'src'), f), 'utf8'));
  const definitions = sources.flatMap((s) =>
    [...s.matchAll(/graphql\(\s*`([^`]*)`/g)].flatMap((m) => parse(m[1]!, { noLocation: true }).definitions),
  );
  const fragments = new Map<string, DefinitionNode>();
  for (const d of definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return definitions.flatMap((d) => {
    if (d.kind !== Kind.OPERATION_DEFINITION) return [];
    const used = new Set<string>();
    const spread = (text: string) => {
      for (const [, name] of text.matchAll(/\.\.\.(\w+)/g)) {
        if (used.has(name!)) continue;
        used.add(name!);
        spread(print(fragments.get(name!)!));
      }
    };
    spread(print(d));
    const document = { kind: Kind.DOCUMENT, definitions: [d, ...[...used].map((n) => fragments.get(n)!)] };
    return [{ name: d.name?.value ?? '(anonymous)', document: document as DocumentNode }];
  });
}

/** Values for an operation's variables: a page of 50, and something of the right type for the rest. */
function variablesOf(schema: GraphQLSchema, document: DocumentNode): Record<string, unknown> {
  const op = document.definitions[0]!;
  if (op.kind !== Kind.OPERATION_DEFINITION) return {};
  const sample = (name: string): unknown => {
    const type = schema.getType(name);
    if (isEnumType(type)) return type.getValues()[0]!.value;
    if (isInputObjectType(type))
      return Object.fromEntries(
        Object.values(type.getFields())
          .filter((f) => isNonNullType(f.type))
          .map((f) => [f.name, sample(String(f.type).replace(/[![\]]/g, ''))]),
      );
    return ({ Int: 50, Float: 1, Date: '2026-01-01', Boolean: true } as Record<string, unknown>)[name] ?? 'x';
  };
  return Object.fromEntries(
    (op.variableDefinitions ?? []).map((v) => {
      const type = print(v.type).replace(/!/g, '');
      const list = /^\[(\w+)\]$/.exec(type);
      return [v.variable.name.value, list ? [sample(list[1]!)] : sample(type)];
    }),
  );
}

describe('query limits and the console', () => {
  const schema = buildSchema(readFileSync(repoPath('schema.gql'), 'utf8'));
  const operations = consoleOperations();

  it('finds the console’s operations', () => {
    expect(operations.length).toBeGreaterThan(30);
  });

  it('lets every operation of the console through the complexity budget', () => {
    const over = operations
      .map(({ name, document }) => ({
        name,
        cost: complexityOf(schema, document, variablesOf(schema, document), name),
      }))
      .filter((o) => o.cost > MAX_COMPLEXITY);
    expect(over).toEqual([]);
  });
});
