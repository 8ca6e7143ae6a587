import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Paths the console never answers, so it cannot shadow the API. */
const API_PATHS = ['/graphql', '/health', '/exports', '/imports'];

/**
 * Nothing but this server: no CDN, no inline script. Ant Design writes its styles into <style> tags
 * (CSS-in-JS), hence 'unsafe-inline' for styles only. Sent on every answer (apps/api security-headers.ts).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built web console (dist/web, `npm run web:build`) at `/`: hashed assets under /assets with
 * long caching, and index.html for every other GET that asks for a page (client-side routes such as
 * /tasks/123), except the API's own paths. Does nothing when the console has not been built.
 */
export function serveConsole(app: NestExpressApplication, dir: string): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  app.useStaticAssets(join(dir, 'assets'), { prefix: '/assets', index: false, immutable: true, maxAge: '365d' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = req.path;
    if (API_PATHS.some((p) => path === p || path.startsWith(`${p}/`))) return next();
    if (path.startsWith('/assets/') || (/\.[A-Za-z0-9]+$/.test(path) && path !== '/index.html')) return next();
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
