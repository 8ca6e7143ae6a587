import ExcelJS from 'exceljs';
import { PASSWORD, type TestApp } from './test-app.js';

export interface Download {
  status: number;
  type: string | undefined;
  disposition: string | undefined;
  body: Buffer;
  /** The JSON error body when the status is not 200. */
  error: { code?: string; message?: string; errors?: { row: number; column: string | null; message: string }[] };
}

/** A bearer token for a test user (created with t.user). */
export async function tokenOf(t: TestApp, username: string): Promise<string> {
  const res = await t.gql<{ login: { token: string } }>(
    'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
    { u: username, p: PASSWORD },
  );
  return res.data!.login.token;
}

function answer(res: { status: number; headers: Record<string, string>; body: Buffer }): Download {
  const text = res.body.toString('utf8');
  return {
    status: res.status,
    type: res.headers['content-type'],
    disposition: res.headers['content-disposition'],
    body: res.body,
    error: res.status === 200 || res.status === 201 ? {} : JSON.parse(text),
  };
}

/** GET a file, with the user's bearer token when given. */
export async function download(t: TestApp, path: string, token?: string): Promise<Download> {
  const req = t.http().get(path).responseType('blob');
  if (token) req.set('authorization', `Bearer ${token}`);
  return answer(await req);
}

/** POST a file as multipart/form-data in field `file`. */
export async function upload(t: TestApp, path: string, file: Buffer, name: string, token?: string): Promise<Download> {
  const req = t.http().post(path).attach('file', file, name).responseType('blob');
  if (token) req.set('authorization', `Bearer ${token}`);
  return answer(await req);
}

export async function readXlsx(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
  return wb;
}

/** A sheet's rows as arrays of cell texts (row 1 is the header). */
export function rowsOf(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(row.getCell(c).text);
    rows.push(cells);
  });
  return rows;
}
