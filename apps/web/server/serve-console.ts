import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Paths the console never answers, so it cannot shadow the API. */
const API_PATHS = ['/graphql', '/health', '/exports', '/imports', '/public', '/uploads', '/files'];

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
  app.use('/assets', precompressed(join(dir, 'assets')));
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

/** Precompressed variants the build writes (vite.config.ts), best first. */
const VARIANTS = { br: '.br', gzip: '.gz' } as const;
/** Hashed asset names: no directories, so no way out of the assets folder. */
const ASSET_NAME = /^\/[\w.-]+\.(js|css|svg|json|html)$/;

/**
 * Answers an asset with the build's .br or .gz beside it when the client accepts that encoding, with
 * the original's Content-Type; otherwise (or for a file without variants) the static handler sends
 * it as is. Every compressible asset says Vary: Accept-Encoding, so caches keep the variants apart.
 */
function precompressed(dir: string) {
  const exists = new Map<string, boolean>(); // the assets never change while the server runs
  const has = (file: string) => {
    let found = exists.get(file);
    if (found === undefined) exists.set(file, (found = existsSync(file)));
    return found;
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !ASSET_NAME.test(req.path)) return next();
    res.vary('Accept-Encoding');
    const file = join(dir, req.path);
    // br whenever accepted: browsers list it after gzip (gzip, deflate, br, zstd), all at q=1.
    const encoding = req.acceptsEncodings('br') ? 'br' : req.acceptsEncodings('gzip') ? 'gzip' : null;
    if (!encoding) return next();
    const variant = file + VARIANTS[encoding];
    if (!has(variant)) return next();
    res.type(extname(req.path)); // the original's type, not the .br file's
    res.setHeader('Content-Encoding', encoding);
    res.sendFile(variant, { maxAge: '365d', immutable: true }, (err) => err && next(err));
  };
}
