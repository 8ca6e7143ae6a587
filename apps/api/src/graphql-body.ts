import type { IncomingMessage } from 'node:http';
import express, { type RequestHandler, type Response } from 'express';
import { ErrorCode } from '@app/common';
import { MAX_DOCUMENT_BYTES } from '@app/plans';

/** Every GraphQL request but a plan document's fits in this. */
export const GRAPHQL_BODY_BYTES = 1024 * 1024;
/** importPlanDocument: the document (MAX_DOCUMENT_BYTES, 12 MB) and its JSON escaping. */
export const IMPORT_BODY_BYTES = MAX_DOCUMENT_BYTES + GRAPHQL_BODY_BYTES;
/** A large body keeps its bulk in variables: the query text itself stays small. */
const IMPORT_QUERY_CHARS = 16 * 1024;
/**
 * A body that starts with its `query` member naming importPlanDocument within the first 2 KB, as the
 * console (and any client that writes `query` first) sends it.
 */
const IMPORT_HEAD = /^\s*\{\s*"query"\s*:\s*"(?:[^"\\]|\\.){0,2000}?\bimportPlanDocument\b/;

/** A refusal of this reader's own, with the status it answers. */
class BodyRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function tooLarge(limit: number): BodyRefusal {
  const mb = Math.round(limit / 1024 / 1024);
  return new BodyRefusal(
    413,
    `请求体超过 ${mb} MB (request body larger than ${mb} MB; only importPlanDocument may send more)`,
  );
}

const NOT_JSON = () => new BodyRefusal(400, '请求体不是有效的 JSON (the body is not valid JSON)');

/**
 * Reads GraphQL bodies with a limit that depends on the operation, before anything is parsed. The
 * operation is only known from the body, so the choice is made on its first bytes: a body over 1 MB
 * is read on (up to 13 MB) only while its first 2 KB name importPlanDocument in the leading `query`
 * member; anything else is refused with 413 as soon as it passes 1 MB, and a declared length over
 * the limit before a byte is read. A separate endpoint would have said the same with less code, but
 * would have changed the contract's single /graphql. Compressed bodies get the 1 MB limit (inflated).
 * The parsed query of a large body must be short too, so a large body costs reading and one
 * JSON.parse, never a large GraphQL parse (which `parseOptions.maxTokens` bounds as well).
 */
export function graphqlBody(): RequestHandler {
  const small = express.json({ limit: GRAPHQL_BODY_BYTES });
  return (req, res, next) => {
    const answer = (error?: unknown) => (error ? refuse(res, error) : next());
    const declared = Number(req.headers['content-length'] ?? NaN);
    const identity = (req.headers['content-encoding'] ?? 'identity') === 'identity';
    if (req.method !== 'POST' || !req.is('application/json') || !identity || declared <= GRAPHQL_BODY_BYTES)
      return small(req, res, answer);
    if (declared > IMPORT_BODY_BYTES) return refuse(res, tooLarge(IMPORT_BODY_BYTES));
    readLarge(req).then((body) => {
      Object.assign(req, { body, _body: true }); // _body: express.json further on leaves it be
      next();
    }, answer);
  };
}

function readLarge(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let limit = GRAPHQL_BODY_BYTES;
    const stop = (error: BodyRefusal) => {
      req.removeAllListeners('data').pause();
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > limit && limit === GRAPHQL_BODY_BYTES && namesImport(chunks)) limit = IMPORT_BODY_BYTES;
      if (size > limit) stop(tooLarge(limit));
    });
    req.on('error', reject);
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query?: unknown };
        if (size > GRAPHQL_BODY_BYTES && !(typeof body.query === 'string' && body.query.length <= IMPORT_QUERY_CHARS))
          return reject(tooLarge(GRAPHQL_BODY_BYTES));
        resolve(body);
      } catch {
        reject(NOT_JSON());
      }
    });
  });
}

function namesImport(chunks: Buffer[]): boolean {
  return IMPORT_HEAD.test(Buffer.concat(chunks).subarray(0, 2048).toString('utf8'));
}

/** The refusal in GraphQL's shape, so a client reads its code as for any other error; body-parser's too. */
function refuse(res: Response, error: unknown): void {
  const refusal =
    error instanceof BodyRefusal
      ? error
      : (error as { status?: number }).status === 413
        ? tooLarge(GRAPHQL_BODY_BYTES)
        : NOT_JSON();
  res.setHeader('Connection', 'close');
  res
    .status(refusal.status)
    .json({ errors: [{ message: refusal.message, extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
}
