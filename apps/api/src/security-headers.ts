import type { NextFunction, Request, Response } from 'express';
import { CONTENT_SECURITY_POLICY } from '../../web/server/serve-console.js';

/** A year, as HSTS preload lists ask. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Headers on every answer, the API's as much as the console's: a JSON or .xlsx answer sniffed as HTML,
 * framed, or leaking its URL in a Referer would be an opening too. HSTS only when TLS ends at a
 * trusted proxy in front (TRUST_PROXY and X-Forwarded-Proto: https, which is what `req.secure` says):
 * sent over plain HTTP it would be ignored, and behind no proxy a client could claim it.
 * Exports are a department's data in a file: no cache may keep them.
 */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
  if (req.path.startsWith('/exports')) res.setHeader('Cache-Control', 'no-store');
  next();
}
