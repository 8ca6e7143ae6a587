import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNullableType,
  GraphQLError,
  isListType,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { GraphQLSchema } from 'graphql';
import { ErrorCode } from '@app/common';

export const MAX_DEPTH = 10;
export const MAX_COMPLEXITY = 20_000;

/** Rows assumed for a list field that takes no `first` (a plan's measures, a measure's assignments). */
export const ASSUMED_LIST_SIZE = 10;

/**
 * Top-level lists without paging, costed at the size they reach over a province (a LEADER's scope):
 * so `plans { measures { tasks { reports } } }` is refused while one plan's page, notices page or
 * matrix (the nested lists, at ASSUMED_LIST_SIZE) still fits the budget.
 */
const LIST_SIZES: Record<string, number> = {
  'Query.plans': 100,
  'Query.supervisionNotices': 100,
  'Query.supervisionQueue': 200,
  'Query.departments': 1000,
  'Query.departmentFunctions': 100,
  'Query.provisionalDepartments': 100,
  'Query.users': 1000,
  'Query.departmentScorecards': 300,
  'Query.jurisdictions': 100,
  'Query.notifications': 100,
  'Query.evaluations': 50,
  'Query.indicatorAttainment': 100,
  'Query.taskAuditTrail': 100,
};

/** A list costs its children once per row: `first` rows when paginated, else its size above or ASSUMED_LIST_SIZE. */
const listEstimator: ComplexityEstimator = ({ args, field, type, childComplexity }) => {
  if (typeof args.first === 'number') return 1 + childComplexity * Math.max(1, args.first);
  if (!isListType(getNullableType(field.type))) return undefined;
  return 1 + childComplexity * (LIST_SIZES[`${type.name}.${field.name}`] ?? ASSUMED_LIST_SIZE);
};

/** Refuses operations nested deeper than MAX_DEPTH or costlier than MAX_COMPLEXITY before they run. */
export function queryLimitsPlugin(schemaOf: () => GraphQLSchema | undefined): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          // Each login is a password check (argon2, ~270 ms): one per operation, refused before any runs.
          if (operation?.operation === OperationTypeNode.MUTATION && loginsOf(document, operation) > 1)
            throw limitError('每次请求只能登录一次 (at most one login per operation)');
          const depth = depthOfDocument(document);
          if (depth > MAX_DEPTH) throw limitError(`查询嵌套过深 (query depth ${depth} exceeds ${MAX_DEPTH})`);
          const schema = schemaOf();
          if (!schema) return;
          const complexity = complexityOf(schema, document, request.variables ?? {}, request.operationName);
          if (complexity > MAX_COMPLEXITY)
            throw limitError(`查询过于复杂 (query complexity ${complexity} exceeds ${MAX_COMPLEXITY})`);
        },
      };
    },
  };
}

// Apollo keeps one parsed DocumentNode per query text, so the limits are worked out once per
// document (and, for complexity, per set of variables) rather than walked again on every request.
const depths = new WeakMap<DocumentNode, number>();
const complexities = new WeakMap<DocumentNode, Map<string, number>>();
/** Variable sets remembered per document: a mutation's variables differ on every call. */
const COSTED_VARIABLE_SETS = 64;

function depthOfDocument(document: DocumentNode): number {
  let depth = depths.get(document);
  if (depth === undefined) depths.set(document, (depth = operationDepth(document)));
  return depth;
}

/** The complexity of an operation as the limit costs it (remembered per document and variable set). */
export function complexityOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | null | undefined,
): number {
  let byVariables = complexities.get(document);
  if (!byVariables) complexities.set(document, (byVariables = new Map()));
  const key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}`;
  let complexity = byVariables.get(key);
  if (complexity === undefined) {
    complexity = getComplexity({
      schema,
      query: document,
      variables,
      operationName: operationName ?? undefined,
      estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
    if (byVariables.size >= COSTED_VARIABLE_SETS) byVariables.clear();
    byVariables.set(key, complexity);
  }
  return complexity;
}

const logins = new WeakMap<OperationDefinitionNode, number>();

/** `login` fields at the root of a mutation, aliases and fragments included (counted once per document). */
function loginsOf(document: DocumentNode, operation: OperationDefinitionNode): number {
  let count = logins.get(operation);
  if (count === undefined) {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const countIn = (set: SelectionSetNode, seen: Set<string>): number => {
      let n = 0;
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) n += s.name.value === 'login' ? 1 : 0;
        else if (s.kind === Kind.INLINE_FRAGMENT) n += countIn(s.selectionSet, seen);
        else if (!seen.has(s.name.value) && fragments.has(s.name.value))
          n += countIn(fragments.get(s.name.value)!.selectionSet, new Set([...seen, s.name.value]));
      }
      return n;
    };
    logins.set(operation, (count = countIn(operation.selectionSet, new Set())));
  }
  return count;
}

function limitError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
}

export function operationDepth(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let max = 0;
  for (const d of document.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION) max = Math.max(max, depthOf(d.selectionSet, fragments, new Set()));
  }
  return max;
}

function depthOf(
  set: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string>,
): number {
  if (!set) return 0;
  let max = 0;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) max = Math.max(max, s.selectionSet ? 1 + depthOf(s.selectionSet, fragments, seen) : 1);
    else if (s.kind === Kind.INLINE_FRAGMENT) max = Math.max(max, depthOf(s.selectionSet, fragments, seen));
    else if (!seen.has(s.name.value)) {
      const f = fragments.get(s.name.value);
      if (f) max = Math.max(max, depthOf(f.selectionSet, fragments, new Set([...seen, s.name.value])));
    }
  }
  return max;
}
