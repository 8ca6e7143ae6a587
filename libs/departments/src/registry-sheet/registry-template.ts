import ExcelJS from 'exceljs';
import { EXAMPLE_ROW, REGISTRY_COLUMNS, REGISTRY_SHEET, type RegistryColumn } from './registry-columns.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

/** The 登记表 to fill in: its header row and one example row. */
export async function registryTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'luoshi 落实';
  const sheet = wb.addWorksheet(REGISTRY_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = Object.keys(REGISTRY_COLUMNS) as RegistryColumn[];
  sheet.columns = columns.map((c) => ({ header: REGISTRY_COLUMNS[c], key: c, width: 24 }));
  sheet.getRow(1).font = { bold: true };
  columns.forEach((_, i) => (sheet.getRow(1).getCell(i + 1).fill = HEADER_FILL));
  sheet.addRow(EXAMPLE_ROW);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
