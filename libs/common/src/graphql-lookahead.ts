import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Answers per `info.fieldNodes` array: graphql-jit builds it once, when it compiles the operation, so a
 * page's three look-aheads are worked out once per query text instead of on every request. (graphql-js
 * builds new arrays on each request: there every call works the answer out again, as before.)
 */
const answers = new WeakMap<readonly FieldNode[], Map<string, ReadonlySet<string>>>();

/**
 * The names of the fields a query selects at `path` below the field being resolved, through
 * fragments: lets a list resolver fetch in its own query what the client is about to ask for.
 * @skip/@include are not evaluated — at worst something is fetched that is not shown.
 */
export function selectedFields(info: GraphQLResolveInfo, path: string[]): ReadonlySet<string> {
  let byPath = answers.get(info.fieldNodes);
  if (!byPath) answers.set(info.fieldNodes, (byPath = new Map()));
  const key = path.join('.');
  let answer = byPath.get(key);
  if (!answer) byPath.set(key, (answer = lookAhead(info, path)));
  return answer;
}

function lookAhead(info: GraphQLResolveInfo, path: string[]): ReadonlySet<string> {
  let sets = info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  for (const name of path) {
    sets = sets.flatMap((s) =>
      fieldsIn(s, info).flatMap((f) => (f.name.value === name && f.selectionSet ? [f.selectionSet] : [])),
    );
  }
  return new Set(sets.flatMap((s) => fieldsIn(s, info).map((f) => f.name.value)));
}

function fieldsIn(set: SelectionSetNode, info: GraphQLResolveInfo): FieldNode[] {
  return set.selections.flatMap((s) => {
    if (s.kind === Kind.FIELD) return [s];
    if (s.kind === Kind.INLINE_FRAGMENT) return fieldsIn(s.selectionSet, info);
    const fragment = info.fragments[s.name.value];
    return fragment ? fieldsIn(fragment.selectionSet, info) : [];
  });
}
