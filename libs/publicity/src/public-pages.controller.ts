import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { gunzipSync } from 'node:zlib';
import type { Request, Response } from 'express';
import { Public } from '@app/auth';
import { RestErrorFilter } from '@app/common';
import { PUBLIC_PAGE_CSP, renderJurisdiction, renderNotFound } from './public-page.html.js';
import type { Rendition } from './public-plan.cache.js';
import { PublicPlanCache } from './public-plan.cache.js';
import { PublicPlansReader } from './public-plans.reader.js';

/**
 * Shared caches may keep a page briefly; after that they revalidate with the ETag (a 304 costs the
 * API one version read). Unpublishing therefore reaches a reader behind a proxy within this time.
 */
const CACHE_CONTROL = 'public, max-age=15, must-revalidate';
const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * 政务公开 without login (@Public: the guard lets these handlers through without a token; they read
 * only what a plan's office made public). A plan that is not public answers exactly as one that
 * does not exist, so the pages say nothing of what is not published.
 */
@Controller('public')
@Public()
@UseFilters(RestErrorFilter)
export class PublicPagesController {
  constructor(
    private readonly cache: PublicPlanCache,
    private readonly reader: PublicPlansReader,
  ) {}

  /** /public/plans/<id> (HTML) and /public/plans/<id>.json (the same content as JSON). */
  @Get('plans/:id')
  async plan(@Param('id') param: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const json = param.endsWith('.json');
    const page = await this.cache.get(json ? param.slice(0, -'.json'.length) : param);
    if (!page) return notFound(res, json);
    send(req, res, json ? JSON_TYPE : HTML, json ? page.json : page.html);
  }

  /** The public plans of one jurisdiction, linked; small and read by few, so not cached here. */
  @Get('jurisdictions/:id/plans')
  async jurisdiction(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const found = this.reader.isId(id) ? await this.reader.jurisdictionPlans(id) : null;
    if (!found) return notFound(res, false);
    headers(res, HTML);
    res.send(renderJurisdiction(found.jurisdiction, found.plans));
  }
}

function headers(res: Response, type: string): void {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Security-Policy', PUBLIC_PAGE_CSP);
  res.setHeader('Cache-Control', CACHE_CONTROL);
  res.setHeader('Vary', 'Accept-Encoding');
}

function send(req: Request, res: Response, type: string, page: Rendition): void {
  headers(res, type);
  res.setHeader('ETag', page.etag);
  if (req.headers['if-none-match']?.split(/\s*,\s*/).includes(page.etag)) {
    res.status(304).end();
    return;
  }
  const accepts = req.headers['accept-encoding'] ?? '';
  const [encoding, body] = /\bbr\b/.test(accepts)
    ? ['br', page.br]
    : /\bgzip\b/.test(accepts)
      ? ['gzip', page.gzip]
      : [null, gunzipSync(page.gzip)];
  if (encoding) res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

function notFound(res: Response, json: boolean): void {
  res.status(404);
  res.setHeader('Content-Security-Policy', PUBLIC_PAGE_CSP);
  // Briefly, so that a plan made public shows soon behind a proxy too.
  res.setHeader('Cache-Control', 'public, max-age=15');
  if (json) res.json({ code: 'NOT_FOUND', message: '未找到 (not found)' });
  else res.type('html').send(renderNotFound());
}
