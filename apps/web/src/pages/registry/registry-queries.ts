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

/** The catch-all function (其他) the importer gives a unit it cannot place. */
export const OTHER_FUNCTION = 'OTHER';

/**
 * 职能代码 to choose from. No query lists the function catalogue, so the choices are the codes that
 * departments in the caller's reach already carry (each shown with one such department), plus OTHER.
 */
export function useFunctionOptions(): { options: { value: string; label: string }[]; loading: boolean } {
  const q = useQuery(DEPARTMENTS, { jurisdictionId: null });
  const options = useMemo(() => {
    const example = new Map<string, string>();
    for (const d of q.data?.departments ?? []) {
      if (!d.provisional && !example.has(d.functionCode)) example.set(d.functionCode, d.shortName || d.name);
    }
    example.delete(OTHER_FUNCTION);
    const codes = [...example.keys()].sort();
    return [
      ...codes.map((code) => ({ value: code, label: `${code}（如 ${example.get(code)}）` })),
      { value: OTHER_FUNCTION, label: `${OTHER_FUNCTION}（其他）` },
    ];
  }, [q.data]);
  return { options, loading: q.loading };
}

/** Aliases typed into a tags field: trimmed, no empties, no repeats. */
export function cleanAliases(aliases: string[] | undefined): string[] {
  return [...new Set((aliases ?? []).map((a) => a.trim()).filter(Boolean))];
}
