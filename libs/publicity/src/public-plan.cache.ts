import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import { shanghaiToday } from '@app/common';
import { renderPlan } from './public-page.html.js';
import { PublicPlansReader, type PlanVersion } from './public-plans.reader.js';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * A representation of a page, compressed once per version rather than once per request. Only the
 * compressed forms are kept (a large plan's page is ~250 KB decoded, a few KB as brotli); the rare
 * client that accepts neither gets the gzip form decoded on the spot.
 */
export interface Rendition {
  br: Buffer;
  gzip: Buffer;
  etag: string;
}

export interface CachedPlan {
  html: Rendition;
  json: Rendition;
}

interface Entry {
  key: string;
  built: number;
  page: Promise<CachedPlan | null>;
}

/** How many plans one process keeps (the least recently rebuilt go first): a few MB at most. */
const MAX_PLANS = 200;
/**
 * A backstop for what the version key does not follow (a department renamed, a measure reworded
 * by a revision without touching its tasks): no page is older than this.
 */
const MAX_AGE_MS = 5 * 60_000;

/**
 * Public pages per API process, keyed by a version read from the database on every request
 * (`PublicPlansReader.version`: one primary-key row and two index-only maxima) instead of being told
 * of changes. That costs ~1 ms a request, but every process of the cluster (and every host) sees a
 * change the moment it commits, with no Redis pub/sub to miss while Redis is down, and libs/tasks
 * need not know this lib exists. The day is part of the key: overdue flags and indicator verdicts
 * change at midnight (Asia/Shanghai) with no write at all. Concurrent requests of a stale page share
 * one rebuild.
 */
@Injectable()
export class PublicPlanCache {
  private readonly entries = new Map<string, Entry>();
  private readonly versionReads = new Map<string, Promise<PlanVersion | null>>();

  constructor(private readonly reader: PublicPlansReader) {}

  /** Null when the plan does not exist or is not public: the same answer for both. */
  async get(planId: string): Promise<CachedPlan | null> {
    if (!this.reader.isId(planId)) return null;
    const version = await this.versionOf(planId);
    if (!version?.public) {
      this.entries.delete(planId);
      return null;
    }
    const asOf = shanghaiToday();
    const key = `${asOf}|${version.key}`;
    const cached = this.entries.get(planId);
    if (cached && cached.key === key && Date.now() - cached.built < MAX_AGE_MS) return cached.page;
    const entry: Entry = { key, built: Date.now(), page: this.build(planId, asOf) };
    this.entries.delete(planId); // re-inserted last: the Map's order is least recently built first
    this.entries.set(planId, entry);
    if (this.entries.size > MAX_PLANS) this.entries.delete(this.entries.keys().next().value!);
    // A failed build is not kept: the next request tries again.
    entry.page.catch(() => {
      if (this.entries.get(planId) === entry) this.entries.delete(planId);
    });
    return entry.page;
  }

  /**
   * Requests of one plan that arrive together (in one turn of the event loop) share one version
   * read, sent after the last of them arrived: none is answered from a read that began before it
   * came in, so a change committed before a request still shows in its answer.
   */
  private versionOf(planId: string): Promise<PlanVersion | null> {
    let read = this.versionReads.get(planId);
    if (!read) {
      read = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.versionReads.delete(planId);
        return this.reader.version(planId);
      });
      this.versionReads.set(planId, read);
    }
    return read;
  }

  private async build(planId: string, asOf: string): Promise<CachedPlan | null> {
    const plan = await this.reader.plan(planId, asOf);
    if (!plan) return null;
    const [html, json] = await Promise.all([rendition(renderPlan(plan)), rendition(JSON.stringify(plan))]);
    return { html, json };
  }
}

/** The ETag is the content's: a rebuild that changed nothing still answers 304. */
async function rendition(text: string): Promise<Rendition> {
  const body = Buffer.from(text);
  const [br, gz] = await Promise.all([
    brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzipped(body, { level: 6 }),
  ]);
  return { br, gzip: gz, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}
