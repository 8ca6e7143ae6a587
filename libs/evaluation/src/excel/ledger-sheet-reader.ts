import ExcelJS from 'exceljs';
import { assertSafeXlsx, BadInputError, type XlsxLimits } from '@app/common';
import { INDICATOR_SHEET, INDICATOR_UPLOAD_HEADERS, INDICATORS, LEDGER, UPLOAD_HEADERS } from './ledger-columns.js';

/** A filled row of an uploaded ledger, as read. */
export interface LedgerEntry {
  row: number;
  taskId: string;
  version: number;
  progressPercent: number;
  narrative: string;
  problems: string | null;
  nextSteps: string | null;
  /** From the 指标填报 sheet: values filed with this task's report. */
  indicatorValues: { indicatorId: string; value: string; year: number | null }[];
}

/** What an upload holds: its filled rows, and how to name a column of it in a problem. */
export interface LedgerUpload {
  entries: LedgerEntry[];
  /** e.g. 进度(%)（M列） */
  columnName: (header: string) => string;
}

/** A bad cell: the row and the column (header and letter) it is in. */
export interface LedgerProblem {
  row: number;
  column: string | null;
  message: string;
}

/** A department's ledger has hundreds of rows; far more is not one. */
const MAX_ROWS = 10_000;
/**
 * Checked on the zip before exceljs inflates it (the 5 MB upload limit is on compressed bytes): a
 * ledger of MAX_ROWS rows with long measure titles inflates to about 15 MB.
 */
const LEDGER_LIMITS: XlsxLimits = {
  maxEntries: 200,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  maxRatio: 200,
  maxRows: MAX_ROWS + 1,
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The problems as one message, naming rows and columns (details carry the full list). */
export function ledgerRefusal(problems: LedgerProblem[]): BadInputError {
  const shown = problems
    .slice(0, 20)
    .map((p) => `第${p.row}行${p.column ? `「${p.column}」` : ''}：${p.message}`)
    .join('；');
  const more = problems.length > 20 ? `；等 ${problems.length} 处` : '';
  return new BadInputError(`台账有误，未保存任何内容 (ledger rejected, nothing saved): ${shown}${more}`, {
    errors: problems,
  });
}

/**
 * Reads an uploaded department ledger: an .xlsx whose first sheet has the ledger's headers in its
 * first row (in any order). Rows with nothing filled in are skipped; the others must name a task
 * and its version and give the progress and its narrative.
 */
export async function readLedger(fileName: string, content: Buffer): Promise<LedgerUpload> {
  if (!/\.xlsx$/i.test(fileName) || !content.subarray(0, 4).equals(ZIP_MAGIC))
    throw new BadInputError('请上传 .xlsx 格式的台账 (the upload is not an .xlsx file)');
  await assertSafeXlsx(content, LEDGER_LIMITS);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ExcelJS.Buffer); // exceljs types its own Buffer
  } catch {
    throw new BadInputError('无法读取该 .xlsx 文件 (the .xlsx file cannot be read)');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new BadInputError('台账没有工作表 (the workbook has no sheet)');
  if (sheet.actualRowCount > MAX_ROWS + 1)
    throw new BadInputError(`台账超过 ${MAX_ROWS} 行 (more than ${MAX_ROWS} rows)`);
  const at = columnsOf(sheet);
  const columnName = (header: string) => `${header}（${sheet.getColumn(at.get(header)!).letter}列）`;
  const entries: LedgerEntry[] = [];
  const problems: LedgerProblem[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const text = (header: string) => cellText(row.getCell(at.get(header)!));
    const filled = [LEDGER.narrative, LEDGER.problems, LEDGER.nextSteps, LEDGER.progress].some((h) => text(h));
    if (!filled) return;
    const problem = (header: string, message: string) =>
      problems.push({ row: number, column: columnName(header), message });
    const taskId = text(LEDGER.taskId);
    const version = Number(text(LEDGER.version));
    const progress = Number(text(LEDGER.progress).replace(/%$/, ''));
    const narrative = text(LEDGER.narrative);
    if (!UUID.test(taskId)) problem(LEDGER.taskId, '不是有效的任务ID (not a task id)');
    if (!Number.isInteger(version) || version < 1)
      problem(LEDGER.version, '版本须为正整数 (version must be a whole number)');
    if (!text(LEDGER.progress) || !Number.isInteger(progress) || progress < 0 || progress > 100)
      problem(LEDGER.progress, '进度须为 0–100 的整数 (progress must be 0–100)');
    if (!narrative) problem(LEDGER.narrative, '进展情况不能为空 (narrative is required)');
    entries.push({
      row: number,
      taskId,
      version,
      progressPercent: progress,
      narrative,
      problems: text(LEDGER.problems) || null,
      nextSteps: text(LEDGER.nextSteps) || null,
      indicatorValues: [],
    });
  });
  const seen = new Map<string, number>();
  for (const e of entries) {
    const first = seen.get(e.taskId.toLowerCase());
    if (first !== undefined && UUID.test(e.taskId))
      problems.push({
        row: e.row,
        column: columnName(LEDGER.taskId),
        message: `与第${first}行重复 (same task as row ${first})`,
      });
    else seen.set(e.taskId.toLowerCase(), e.row);
  }
  const indicatorSheet = wb.getWorksheet(INDICATOR_SHEET);
  if (indicatorSheet) readIndicatorValues(indicatorSheet, entries, problems);
  if (problems.length) throw ledgerRefusal(problems);
  if (!entries.length) throw new BadInputError('台账中没有填写任何进展 (no row is filled in)');
  return { entries, columnName };
}

/**
 * The filled rows of the 指标填报 sheet, attached to their task's entry. A value needs its task's
 * row filled on the first sheet: it is filed with that report. Problems name the sheet too.
 */
function readIndicatorValues(sheet: ExcelJS.Worksheet, entries: LedgerEntry[], problems: LedgerProblem[]): void {
  const at = columnsOf(sheet, INDICATOR_UPLOAD_HEADERS);
  const columnName = (header: string) => `${INDICATOR_SHEET}·${header}（${sheet.getColumn(at.get(header)!).letter}列）`;
  const byTask = new Map(entries.map((e) => [e.taskId.toLowerCase(), e]));
  const seen = new Set<string>();
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const text = (header: string) => (at.has(header) ? cellText(row.getCell(at.get(header)!)) : '');
    const value = text(INDICATORS.value);
    const yearText = text(INDICATORS.year);
    if (!value && !yearText) return;
    const problem = (header: string, message: string) =>
      problems.push({ row: number, column: columnName(header), message });
    const taskId = text(INDICATORS.taskId).toLowerCase();
    const indicatorId = text(INDICATORS.indicatorId).toLowerCase();
    const year = yearText ? Number(yearText) : null;
    const entry = byTask.get(taskId);
    if (!value) return problem(INDICATORS.value, '填写了年份但没有指标值 (a year without a value)');
    if (!UUID.test(indicatorId)) return problem(INDICATORS.indicatorId, '不是有效的指标ID (not an indicator id)');
    if (year !== null && (!Number.isInteger(year) || year < 1900 || year > 2100))
      return problem(INDICATORS.year, '年份须为四位整数 (year must be like 2025)');
    if (!entry)
      return problem(
        INDICATORS.taskId,
        `须在「部门台账」中同时填写该任务的进展，指标值随该进展报送 (fill in this task's progress on the first sheet too)`,
      );
    if (seen.has(`${taskId}/${indicatorId}`))
      return problem(INDICATORS.indicatorId, '同一任务的同一指标填了两次 (the same indicator twice)');
    seen.add(`${taskId}/${indicatorId}`);
    entry.indicatorValues.push({ indicatorId, value, year });
  });
}

function columnsOf(sheet: ExcelJS.Worksheet, required: readonly string[] = UPLOAD_HEADERS): Map<string, number> {
  const at = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, column) => at.set(cellText(cell), column));
  const missing = required.filter((h) => !at.has(h));
  if (missing.length)
    throw new BadInputError(`台账缺少列 (missing columns): ${missing.join('、')}`, { missingColumns: missing });
  return at;
}

/** What a cell shows, whatever exceljs made of it (numbers, rich text, formulas' results). */
function cellText(cell: ExcelJS.Cell): string {
  return (cell.text ?? '').trim();
}
