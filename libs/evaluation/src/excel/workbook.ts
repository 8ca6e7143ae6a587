import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

export type CellValue = string | number | null;

/** A column of a sheet: its Chinese header and how a row fills it. */
export interface SheetColumn<R> {
  header: string;
  value: (row: R) => CellValue;
  /** A column the user is expected to fill in: highlighted. */
  input?: boolean;
  numFmt?: string;
}

export interface SheetOptions<R> {
  /** Columns kept in view when scrolling right (the header row always is). */
  freezeColumns?: number;
  /** A colour for a cell, e.g. overdue red in the matrix. */
  fillOf?: (row: R, column: number) => string | undefined;
  /** Whole numbers in this range only, for the given (0-based) columns. */
  wholeNumbers?: { columns: number[]; min: number; max: number };
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
const HEADER_FILL = 'FFD9E1F2';
const INPUT_FILL = 'FFFFF2CC';
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** The streaming writer's sheets take validations by range, which exceljs' types leave out. */
interface RangeValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

/** Columns a text takes in Excel: CJK and full-width characters count two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/**
 * An .xlsx written with exceljs' streaming writer (twice as fast as the in-memory workbook on a
 * 10,000-row ledger). Every sheet has a bold, frozen header row with a filter, and columns as wide
 * as their longest value within reason.
 */
export class XlsxBuilder {
  private readonly out = new PassThrough();
  private readonly chunks: Buffer[] = [];
  private readonly wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: this.out,
    useStyles: true,
    useSharedStrings: false,
  });

  constructor() {
    this.out.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.wb.creator = 'luoshi 落实';
  }

  addSheet<R>(name: string, columns: SheetColumn<R>[], rows: R[], options: SheetOptions<R> = {}): void {
    const values = rows.map((row) => columns.map((c) => c.value(row)));
    const sheet = this.wb.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: 1, xSplit: options.freezeColumns ?? 0 }],
    });
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, columns.length) } };
    sheet.columns = columns.map((c, i) => ({ width: fitWidth(c.header, values, i), style: numFmt(c) }));
    const header = sheet.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', horizontal: 'center' };
    columns.forEach((c, i) => (header.getCell(i + 1).fill = solid(c.input ? INPUT_FILL : HEADER_FILL)));
    header.commit();
    values.forEach((cells, r) => {
      const row = sheet.addRow(cells);
      if (options.fillOf) {
        for (let i = 0; i < columns.length; i++) {
          const argb = options.fillOf(rows[r]!, i);
          if (argb) row.getCell(i + 1).fill = solid(argb);
        }
      }
      row.commit();
    });
    if (options.wholeNumbers) {
      const { columns: at, min, max } = options.wholeNumbers;
      for (const c of at) {
        const letter = sheet.getColumn(c + 1).letter;
        (sheet as unknown as RangeValidations).dataValidations.add(
          `${letter}2:${letter}${Math.max(2, rows.length + 1)}`,
          {
            type: 'whole',
            operator: 'between',
            formulae: [min, max],
            allowBlank: true,
            showErrorMessage: true,
            error: `请填写 ${min}–${max} 的整数`,
          },
        );
      }
    }
    sheet.commit();
  }

  async toBuffer(): Promise<Buffer> {
    await this.wb.commit();
    return Buffer.concat(this.chunks);
  }
}

function numFmt<R>(c: SheetColumn<R>): Partial<ExcelJS.Style> {
  return c.numFmt ? { numFmt: c.numFmt } : {};
}

function fitWidth(header: string, values: CellValue[][], column: number): number {
  let widest = displayWidth(header);
  for (const row of values) {
    const v = row[column];
    if (v !== null && v !== undefined) widest = Math.max(widest, displayWidth(String(v)));
  }
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2));
}
