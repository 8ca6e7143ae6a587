import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { assertSafeXlsx, BadInputError, type XlsxLimits } from '@app/common';
import { REGISTRY_COLUMNS, REGISTRY_HEADERS, splitAliases, type RegistryColumn } from './registry-columns.js';

/** One filled row of an uploaded 登记表, cells trimmed. */
export interface RegistryRow {
  row: number;
  jurisdiction: string;
  level: string;
  parent: string;
  jurisdictionAliases: string[];
  department: string;
  shortName: string;
  functionCode: string;
  departmentAliases: string[];
}

/** A county's registry is some hundred rows, a province's some thousands; far more is not a registry. */
export const MAX_REGISTRY_ROWS = 20_000;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// Checked on the zip's directory before anything inflates: the stream reader caches shared strings,
// so a small file declaring gigabytes of them would otherwise fill the heap before the row cap bites.
const REGISTRY_LIMITS: XlsxLimits = {
  maxEntries: 200,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  maxRatio: 200,
  // Rows are capped while streaming, with the registry's own message (header not counted).
  maxRows: Number.POSITIVE_INFINITY,
};

/**
 * Reads the first sheet of an uploaded registry spreadsheet, streaming, so that a file of too many
 * rows is refused when the cap is passed rather than after all of it is in memory.
 */
export async function readRegistrySheet(fileName: string, content: Buffer): Promise<RegistryRow[]> {
  if (!/\.xlsx$/i.test(fileName) || !content.subarray(0, 4).equals(ZIP_MAGIC))
    throw new BadInputError('请上传 .xlsx 格式的登记表 (the upload is not an .xlsx file)');
  await assertSafeXlsx(content, REGISTRY_LIMITS);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(content), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  });
  const rows: RegistryRow[] = [];
  try {
    for await (const sheet of reader) {
      let at: Map<RegistryColumn, number> | null = null;
      for await (const row of sheet) {
        if (row.number > MAX_REGISTRY_ROWS + 1)
          throw new BadInputError(`登记表超过 ${MAX_REGISTRY_ROWS} 行 (more than ${MAX_REGISTRY_ROWS} rows)`);
        if (row.number === 1) at = columnsOf(row);
        else if (at) {
          const read = rowOf(row, at);
          if (read) rows.push(read);
        }
      }
      if (!at) throw new BadInputError('登记表第1行须为表头 (row 1 must hold the headers)');
      break; // the first sheet only
    }
  } catch (error) {
    if (error instanceof BadInputError) throw error;
    throw new BadInputError('无法读取该 .xlsx 文件 (the .xlsx file cannot be read)');
  }
  if (!rows.length) throw new BadInputError('登记表中没有填写任何行 (no row is filled in)');
  return rows;
}

function columnsOf(header: ExcelJS.Row): Map<RegistryColumn, number> {
  const byHeader = new Map<string, number>();
  header.eachCell((cell, column) => byHeader.set(textOf(cell), column));
  const missing = REGISTRY_HEADERS.filter((h) => !byHeader.has(h));
  if (missing.length)
    throw new BadInputError(`登记表缺少列 (missing columns): ${missing.join('、')}`, { missingColumns: missing });
  const at = new Map<RegistryColumn, number>();
  for (const [column, header] of Object.entries(REGISTRY_COLUMNS))
    at.set(column as RegistryColumn, byHeader.get(header)!);
  return at;
}

function rowOf(row: ExcelJS.Row, at: Map<RegistryColumn, number>): RegistryRow | null {
  const text = (column: RegistryColumn) => textOf(row.getCell(at.get(column)!));
  const read: RegistryRow = {
    row: row.number,
    jurisdiction: text('jurisdiction'),
    level: text('level'),
    parent: text('parent'),
    jurisdictionAliases: splitAliases(text('jurisdictionAliases')),
    department: text('department'),
    shortName: text('shortName'),
    functionCode: text('functionCode'),
    departmentAliases: splitAliases(text('departmentAliases')),
  };
  const filled = Object.values(read).some((v) => (Array.isArray(v) ? v.length : typeof v === 'string' && v));
  return filled ? read : null;
}

/** What a cell shows, whatever exceljs made of it (numbers, rich text). */
function textOf(cell: ExcelJS.Cell): string {
  return (cell.text ?? '').trim();
}
