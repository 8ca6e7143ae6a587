import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNullableType,
  GraphQLError,
  isListType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { GraphQLSchema } from 'graphql';
import { ErrorCode } from '@app/common';

export const MAX_DEPTH = 10;
export const MAX_COMPLEXITY = 20_000;

/** Rows assumed for a list field that takes no `first` (a plan's measures, a measure's assignments). */
export const ASSUMED_LIST_SIZE = 10;

/** A list costs its children once per row: `first` rows when paginated, else ASSUMED_LIST_SIZE. */
const listEstimator: ComplexityEstimator = ({ args, field, childComplexity }) => {
  if (typeof args.first === 'number') return 1 + childComplexity * Math.max(1, args.first);
  return isListType(getNullableType(field.type)) ? 1 + childComplexity * ASSUMED_LIST_SIZE : undefined;
};

/** Refuses operations nested deeper than MAX_DEPTH or costlier than MAX_COMPLEXITY before they run. */
export function queryLimitsPlugin(schemaOf: () => GraphQLSchema | undefined): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const depth = operationDepth(document);
          if (depth > MAX_DEPTH) throw limitError(`查询嵌套过深 (query depth ${depth} exceeds ${MAX_DEPTH})`);
          const schema = schemaOf();
          if (!schema) return;
          const complexity = getComplexity({
            schema,
            query: document,
            variables: request.variables ?? {},
            operationName: request.operationName ?? undefined,
            estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (complexity > MAX_COMPLEXITY)
            throw limitError(`查询过于复杂 (query complexity ${complexity} exceeds ${MAX_COMPLEXITY})`);
        },
      };
    },
  };
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
