// Hand-made ground truth for whole documents (fixtures/corpus-labels, fixtures/breakdown), labelled by
// reading the documents, never by running the importer: the yardstick its generality is measured with.
import type { AssignmentRole } from '../types.js';

export interface LabelAssignment {
  mentionedAs: string;
  role: AssignmentRole;
  functionCode: string;
  /** A collective (各省级人民政府, 各镇街) that fans out to child governments: counted once per measure. */
  fanOut?: boolean;
}

export interface LabelMeasure {
  /** Its number as printed (2, 45), where the document numbers its measures: the key a reader looks it up by. */
  code?: string;
  /** 1-based line of the measure in the original text. */
  line: number;
  /** Start of its title, without numbering: the fallback key when lines disagree. */
  titleStart: string;
  deadline: string | null;
  assignments: LabelAssignment[];
  /** Collective units named in its responsibility list (各有关部门和单位, 各省级人民政府 …). */
  collective: string[];
}

export interface DocumentLabels {
  file: string;
  jurisdiction: string;
  /** null where the published text carries none (a number found nowhere is not made up). */
  documentNumber: string | null;
  /** Whether the document states once that the first unit of a 负责 list leads. */
  leadRule: boolean;
  measures: LabelMeasure[];
}
