import type { ApiError } from '../../api/client';

/** What POST /imports/registry answers: the counts, and rows it read but has a remark about. */
export interface RegistryImportResult {
  jurisdictionsCreated: number;
  departmentsCreated: number;
  departmentsUpdated: number;
  warnings: RowNote[];
}

export interface RowNote {
  row: number;
  message: string;
  column?: string | null;
}

function isRowNote(x: unknown): x is RowNote {
  return typeof x === 'object' && x !== null && typeof (x as RowNote).row === 'number';
}

/** The rows a 400 refusal names, from whichever list of its body carries them. */
export function refusedRows(error: ApiError): RowNote[] {
  const lists = Object.values(error.details).filter(Array.isArray) as unknown[][];
  return lists.flatMap((list) => list.filter(isRowNote)).sort((a, b) => a.row - b.row);
}
