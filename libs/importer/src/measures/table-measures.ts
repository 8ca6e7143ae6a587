// Rows of a task-breakdown table as measures: 牵头单位 → LEAD, 配合单位 → COOPERATING, 完成时限 → deadline.
import { collectiveWarning, type Assigner } from '../assignments/assign.js';
import { listedUnit, splitNames, type ListedUnit } from '../assignments/explicit-list.js';
import { measureDeadline, type DeadlineContext } from '../deadlines/measure-deadline.js';
import { headingSentence } from '../outline/outline.js';
import type { AssignmentRole, DraftMeasure, ImportWarning } from '../types.js';
import type { BreakdownTable, TableCell, TableRow } from './breakdown-table.js';

const COLUMN_ROLES: ['lead' | 'cooperating' | 'responsible', AssignmentRole][] = [
  ['lead', 'LEAD'],
  ['cooperating', 'COOPERATING'],
  ['responsible', 'RESPONSIBLE'],
];

function unitsOf(row: TableRow): ListedUnit[] {
  return COLUMN_ROLES.flatMap(([column, role]) =>
    splitNames(row.cells[column]?.text ?? '').names.map((n) => listedUnit(n.name, role, n.printedAs)),
  );
}

function collectivesOf(row: TableRow): string[] {
  return COLUMN_ROLES.flatMap(([column]) => splitNames(row.cells[column]?.text ?? '').collectives);
}

function rowMeasure(
  table: BreakdownTable,
  row: TableRow,
  task: TableCell,
  assigner: Assigner,
  deadlines: DeadlineContext,
  warnings: ImportWarning[],
): DraftMeasure {
  // 长期坚持 and the like name no date: the plan's end then.
  const { deadline, deadlineSource } = measureDeadline(row.cells.deadline?.text ?? '', deadlines);
  const assigned = assigner.assignUnits(unitsOf(row), row.line);
  warnings.push(...assigned.warnings, ...collectivesOf(row).map((words) => collectiveWarning(row.line, words)));
  return {
    code: row.cells.seq?.text ?? String(row.line.no),
    title: headingSentence(task.original),
    text: task.original,
    sectionTitle: table.caption,
    deadline,
    deadlineSource,
    line: row.line.no,
    assignments: assigned.assignments,
  };
}

export function tableMeasures(
  tables: BreakdownTable[],
  assigner: Assigner,
  deadlines: DeadlineContext,
  warnings: ImportWarning[],
): DraftMeasure[] {
  return tables.flatMap((table) =>
    table.rows.flatMap((row) =>
      row.cells.task ? [rowMeasure(table, row, row.cells.task, assigner, deadlines, warnings)] : [],
    ),
  );
}
