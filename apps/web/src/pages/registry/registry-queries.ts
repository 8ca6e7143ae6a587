import { useMemo } from 'react';
import { useQuery } from '../../api/hooks';
import { graphql, type ResultOf } from '../../graphql';

export const JURISDICTIONS = graphql(`
  query RegistryJurisdictions {
    jurisdictions {
      id
      key
      name
      level
      aliases
      parent {
        id
      }
    }
  }
`);

export const DEPARTMENTS = graphql(`
  query RegistryDepartments($jurisdictionId: ID) {
    departments(jurisdictionId: $jurisdictionId) {
      id
      key
      name
      shortName
      functionCode
      aliases
      formerNames
      provisional
      jurisdiction {
        id
      }
    }
  }
`);

export type Jurisdiction = ResultOf<typeof JURISDICTIONS>['jurisdictions'][number];
export type Department = ResultOf<typeof DEPARTMENTS>['departments'][number];

const FUNCTIONS = graphql(`
  query DepartmentFunctions {
    departmentFunctions {
      code
      name
    }
  }
`);

/** The function catalogue's words by code: 卫生健康 for HEALTH. */
export function useFunctionNames(): Map<string, string> {
  const q = useQuery(FUNCTIONS, {});
  return useMemo(() => new Map((q.data?.departmentFunctions ?? []).map((f) => [f.code, f.name])), [q.data]);
}

/** 职能 to choose from: the function catalogue, in words, its code beside each. */
export function useFunctionOptions(): { options: { value: string; label: string }[]; loading: boolean } {
  const q = useQuery(FUNCTIONS, {});
  const options = useMemo(
    () => (q.data?.departmentFunctions ?? []).map((f) => ({ value: f.code, label: `${f.name}（${f.code}）` })),
    [q.data],
  );
  return { options, loading: q.loading };
}

/** Aliases typed into a tags field: trimmed, no empties, no repeats. */
export function cleanAliases(aliases: string[] | undefined): string[] {
  return [...new Set((aliases ?? []).map((a) => a.trim()).filter(Boolean))];
}
