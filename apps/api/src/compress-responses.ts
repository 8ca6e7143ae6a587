import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';

/** Smaller answers gain less than compressing them costs. */
export const COMPRESS_MIN_BYTES = 1024;
/**
 * Brotli quality 4, measured on a 361 KB matrix-shaped answer (1,440 cells of UUIDs) on a loaded
 * 2-core machine: 11 ms to 43.9 KB; quality 5–6 took as long for nothing smaller, quality 11 took 2 s
 * (36 KB). gzip level 6: 7 ms to 48.4 KB. A task page's answer of a few KB costs ~0.1 ms.
 */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };
const GZIP_LEVEL = 6;

type Chunk = Buffer | string | Uint8Array;
type Encoding = 'br' | 'gzip';

/**
 * Compresses the API's answers (GraphQL, /exports) of COMPRESS_MIN_BYTES or more for a client that
 * accepts br or gzip. These answers are bounded (query limits, MAX_LEDGER_ROWS) and sent in one piece,
 * so the body is gathered and compressed at once; Content-Length is the compressed size.
 */
export function compressResponses(req: Request, res: Response, next: NextFunction): void {
  res.vary('Accept-Encoding');
  // br whenever accepted: browsers list it after gzip (gzip, deflate, br, zstd), all at q=1.
  const encoding: Encoding | null = req.acceptsEncodings('br') ? 'br' : req.acceptsEncodings('gzip') ? 'gzip' : null;
  if (req.method === 'HEAD' || !encoding) return next();
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (chunk: Chunk) => boolean;
  const end = res.end.bind(res) as (chunk?: Chunk) => Response;
  const collect = (chunk: unknown, enc?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof enc === 'string' ? (enc as BufferEncoding) : 'utf8')
        : Buffer.from(chunk as Uint8Array),
    );
  };
  res.write = ((chunk: unknown, enc?: unknown, callback?: unknown) => {
    collect(chunk, enc);
    const done = [enc, callback].find((f) => typeof f === 'function') as (() => void) | undefined;
    if (done) process.nextTick(done);
    return true;
  }) as Response['write'];
  res.end = ((chunk?: unknown, enc?: unknown, callback?: unknown) => {
    collect(chunk, enc);
    res.write = write as Response['write'];
    res.end = end as Response['end'];
    const body = Buffer.concat(chunks);
    const compressed = shouldCompress(res, body) ? compress(body, encoding) : null;
    if (compressed && compressed.length < body.length) {
      res.setHeader('Content-Encoding', encoding);
      res.setHeader('Content-Length', compressed.length);
      end(compressed);
    } else {
      if (!res.headersSent && res.getHeader('Content-Length') !== undefined)
        res.setHeader('Content-Length', body.length);
      end(body);
    }
    const done = [chunk, enc, callback].find((f) => typeof f === 'function') as (() => void) | undefined;
    if (done) res.once('finish', done);
    return res;
  }) as Response['end'];
  next();
}

function shouldCompress(res: Response, body: Buffer): boolean {
  return (
    !res.headersSent &&
    body.length >= COMPRESS_MIN_BYTES &&
    res.statusCode !== 204 &&
    res.statusCode !== 304 &&
    res.getHeader('Content-Encoding') === undefined
  );
}

function compress(body: Buffer, encoding: Encoding): Buffer {
  return encoding === 'br' ? brotliCompressSync(body, BROTLI) : gzipSync(body, { level: GZIP_LEVEL });
}
