import { constants, deflateRawSync } from 'node:zlib';
import { UserRole } from '../../libs/auth/src/index.js';
import { TestApp } from '../support/test-app.js';
import { tokenOf, upload, type Download } from '../support/xlsx.js';

const UPLOAD = '/imports/department-ledger';
const MB = 1024 * 1024;

interface Entry {
  name: string;
  /** Raw deflate data. */
  data: Buffer;
  /** The inflated size the zip's directory declares (the truth, or a lie). */
  declaredSize: number;
}

/** A zip of deflated entries, its directory saying what `entries` declare (CRCs left 0: nothing gets that far). */
function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(e.data.length, 20);
    header.writeUInt32LE(e.declaredSize, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    central.push(header, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * Deflate data that inflates to `megabytes` MB of spaces from ~1 KB per MB: one flushed, non-final
 * block of 1 MB repeated (it only refers back to spaces), then an empty final block.
 */
function spaces(megabytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(MB, 0x20), { finishFlush: constants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array<Buffer>(megabytes).fill(block), Buffer.from([0x03, 0x00])]);
}

/** A first worksheet of `rows` one-cell rows, its true size declared: what a 300,000-row upload is, minus cells. */
function sheetOfRows(rows: number): Entry {
  const xml = ['<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData>'];
  for (let r = 1; r <= rows; r++) xml.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>x</t></is></c></row>`);
  xml.push('</sheetData></worksheet>');
  const data = Buffer.from(xml.join(''));
  return { name: 'xl/worksheets/sheet1.xml', data: deflateRawSync(data), declaredSize: data.length };
}

/** The workbook around a first sheet, as far as a reader needs to find it. */
function workbook(sheet: Entry): Buffer {
  const part = (name: string, xml: string): Entry => {
    const data = Buffer.from(xml);
    return { name, data: deflateRawSync(data), declaredSize: data.length };
  };
  return zip([
    part('[Content_Types].xml', '<?xml version="1.0"?><Types/>'),
    part(
      'xl/workbook.xml',
      '<?xml version="1.0"?><workbook><sheets><sheet name="台账" sheetId="1"/></sheets></workbook>',
    ),
    sheet,
  ]);
}

describe('abuse: uploads (the department ledger, 台账)', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.user('uploader', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    token = await tokenOf(t, 'uploader');
  });
  afterAll(() => t.stop());

  /** Uploads `file`, measuring the answer's time and the heap's peak above where it started. */
  async function timedUpload(file: Buffer): Promise<{ res: Download; ms: number; heapGrowth: number }> {
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    const started = Date.now();
    try {
      const res = await upload(t, UPLOAD, file, 'ledger.xlsx', token);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      return { res, ms: Date.now() - started, heapGrowth: peak - before };
    } finally {
      clearInterval(sampler);
    }
  }

  it.each([
    ['declares a sheet of 300 MB', { declaredSize: 300 * MB }, /32 MB/],
    ['declares 1 MB and inflates to 300 MB', { declaredSize: MB }, /declared size/],
  ])('refuses a zip bomb that %s within a second, its heap bounded', async (_, { declaredSize }, limit) => {
    const bomb = workbook({ name: 'xl/worksheets/sheet1.xml', data: spaces(300), declaredSize });
    expect(bomb.length).toBeLessThan(MB);
    const { res, ms, heapGrowth } = await timedUpload(bomb);
    expect(res.status).toBe(400);
    expect(res.error.code).toBe('BAD_USER_INPUT');
    expect(res.error.message).toMatch(limit);
    expect(ms).toBeLessThan(1000);
    expect(heapGrowth).toBeLessThan(64 * MB);
  });

  it('refuses a workbook of 300,000 rows before reading them, naming the row limit', async () => {
    const file = workbook(sheetOfRows(300_000)); // within every size limit: only its rows are too many
    expect(file.length).toBeLessThan(5 * MB); // under the upload limit on compressed bytes
    const { res, ms, heapGrowth } = await timedUpload(file);
    expect(res.status).toBe(400);
    expect(res.error.code).toBe('BAD_USER_INPUT');
    expect(res.error.message).toMatch(/10001 rows/);
    // Not a bomb: 4 MB to upload and parse as multipart, and the sheet read up to its cap (0.8–1.8 s on
    // a busy 2-core machine). Reading it into exceljs took 17 s and ~611 MB of heap.
    expect(ms).toBeLessThan(5000);
    expect(heapGrowth).toBeLessThan(64 * MB);
  });

  it('refuses a zip of thousands of entries from its directory alone', async () => {
    const empty = deflateRawSync(Buffer.alloc(0));
    const many = zip(Array.from({ length: 5000 }, (_, i) => ({ name: `x/${i}.xml`, data: empty, declaredSize: 0 })));
    const { res } = await timedUpload(many);
    expect(res.error.code).toBe('BAD_USER_INPUT');
    expect(res.error.message).toMatch(/more than 200 files/);
  });
});

describe('abuse: uploads (the registry spreadsheet, 登记表)', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.user('registry.uploader', UserRole.ADMIN);
    token = await tokenOf(t, 'registry.uploader');
  });
  afterAll(() => t.stop());

  // The registry reader streams rows but caches shared strings: a bomb there would fill the heap first.
  it('refuses shared strings that declare 1 MB and inflate to 300 MB, within a second, saving nothing', async () => {
    const bomb = workbook({ name: 'xl/sharedStrings.xml', data: spaces(300), declaredSize: MB });
    const before = process.memoryUsage().heapUsed;
    const started = Date.now();
    const res = await upload(t, '/imports/registry', bomb, 'registry.xlsx', token);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * MB);
    expect(res.status).toBe(400);
    expect(res.error.code).toBe('BAD_USER_INPUT');
    expect(res.error.message).toMatch(/declared size/);
  });
});
