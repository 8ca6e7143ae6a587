import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { BadInputError } from './errors.js';

/** What an uploaded .xlsx (a zip) may hold; checked before any spreadsheet library inflates it. */
export interface XlsxLimits {
  /** Files in the zip (a workbook from Excel or WPS has a dozen or two). */
  maxEntries: number;
  /** Bytes of one file once inflated. */
  maxEntryBytes: number;
  /** Bytes of every file together once inflated. */
  maxTotalBytes: number;
  /** Inflated to compressed, for files over 1 MB inflated (spreadsheet XML deflates 5–50 times). */
  maxRatio: number;
  /** `<row>` elements in any one worksheet. */
  maxRows: number;
}

const EOCD = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const RATIO_FLOOR = 1024 * 1024;
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/**
 * Refuses a zip bomb before it is inflated by anything else: the central directory's entry count and
 * declared sizes (each, in total, and their ratio) first, then every entry is inflated once with its
 * declared size as a hard cap — so a directory that lies about sizes is caught as soon as an entry
 * passes what it declared — and each worksheet's rows are counted as it inflates, stopping at the first
 * row past the cap (a sheet of 300,000 rows is refused after reading a thirtieth of it). Memory stays
 * within one entry's limit; the refusal names the limit it hit (BAD_USER_INPUT).
 */
export async function assertSafeXlsx(content: Buffer, limits: XlsxLimits): Promise<void> {
  const entries = centralDirectory(content);
  if (entries.length > limits.maxEntries)
    throw refusal(`文件数超过 ${limits.maxEntries} (more than ${limits.maxEntries} files in the workbook)`);
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (e.size > limits.maxEntryBytes)
      throw refusal(
        `单个文件解压后超过 ${mb(limits.maxEntryBytes)} MB (a file inflates past ${mb(limits.maxEntryBytes)} MB)`,
      );
    if (total > limits.maxTotalBytes)
      throw refusal(
        `解压后共超过 ${mb(limits.maxTotalBytes)} MB (the files inflate past ${mb(limits.maxTotalBytes)} MB)`,
      );
    if (e.size > RATIO_FLOOR && e.size > limits.maxRatio * Math.max(1, e.compressedSize))
      throw refusal(`压缩比超过 ${limits.maxRatio}:1 (compression ratio over ${limits.maxRatio}:1)`);
  }
  for (const e of entries) {
    if (!WORKSHEET.test(e.name) || e.method !== DEFLATED) {
      const data = inflated(content, e);
      if (WORKSHEET.test(e.name) && rowsIn(data) > limits.maxRows) throw tooManyRows(limits.maxRows);
    } else if ((await rowsUpTo(deflatedData(content, e), e.size, limits.maxRows)) > limits.maxRows) {
      throw tooManyRows(limits.maxRows);
    }
  }
}

function tooManyRows(max: number): BadInputError {
  return refusal(`工作表超过 ${max} 行 (a sheet has more than ${max} rows)`);
}

/**
 * A deflated worksheet's rows, counted chunk by chunk as it inflates, and no further than one past
 * `max`; refused when it inflates past its declared size. A `<row` cut between two chunks is found
 * in the next one: the last four bytes are carried over, too few to hold a whole match on their own.
 */
function rowsUpTo(data: Buffer, declared: number, max: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw();
    let rows = 0;
    let size = 0;
    let carried = Buffer.alloc(0);
    const stop = (outcome: () => void) => {
      inflater.removeAllListeners('data').destroy();
      outcome();
    };
    inflater.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > Math.max(1, declared)) return stop(() => reject(liedAboutSize()));
      const text = Buffer.concat([carried, chunk]);
      rows += rowsIn(text);
      carried = text.subarray(Math.max(0, text.length - 4));
      if (rows > max) stop(() => resolve(rows));
    });
    inflater.on('end', () => resolve(rows));
    inflater.on('error', () => reject(liedAboutSize()));
    inflater.end(data);
  });
}

function deflatedData(zip: Buffer, e: ZipEntry): Buffer {
  const at = e.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL_ENTRY) throw unreadable();
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  return zip.subarray(start, start + e.compressedSize);
}

function liedAboutSize(): BadInputError {
  // Past its declared size (the directory lied) or not deflate at all: either way, not read further.
  return refusal('实际解压大小与声明不符 (an entry inflates past its declared size)');
}

function centralDirectory(zip: Buffer): ZipEntry[] {
  const end = endOfDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) throw refusal('不支持 ZIP64 (ZIP64 workbooks are not accepted)');
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_ENTRY) throw unreadable();
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** The end-of-central-directory record: the last 22 bytes, or before a comment of up to 64 KB. */
function endOfDirectory(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--)
    if (zip.readUInt32LE(at) === EOCD) return at;
  throw unreadable();
}

function inflated(zip: Buffer, e: ZipEntry): Buffer {
  const data = deflatedData(zip, e);
  if (e.method === STORED) return data;
  if (e.method !== DEFLATED) throw unreadable();
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
  } catch {
    throw liedAboutSize();
  }
}

/** `<row>` elements (not `<rowBreaks>`) in a worksheet's XML. */
function rowsIn(xml: Buffer): number {
  let rows = 0;
  for (let at = xml.indexOf('<row'); at !== -1; at = xml.indexOf('<row', at + 4)) {
    const next = xml[at + 4];
    if (next === 0x20 || next === 0x3e || next === 0x2f) rows++; // ' ', '>', '/'
  }
  return rows;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

function refusal(reason: string): BadInputError {
  return new BadInputError(`上传的 .xlsx 超出限制，未读取 (the .xlsx was refused): ${reason}`);
}

function unreadable(): BadInputError {
  return new BadInputError('无法读取该 .xlsx 文件 (the .xlsx file cannot be read)');
}
