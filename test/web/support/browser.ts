import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoPath } from '../../../libs/common/src/index.js';

export const CHROMIUM = '/usr/bin/chromium';

/** The flags this machine's Chromium needs headless (no sandbox as root, no background calls out). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ARTIFACTS = repoPath('test-artifacts', 'web');

/** Fails (never skips) when the browser or the built console is missing. */
export function assertBrowserTestPrerequisites(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: \`npm test\` installs it in pretest (apt-get install -y chromium)`);
  }
  if (!existsSync(repoPath('dist', 'web', 'index.html'))) {
    throw new Error('the web console is not built: run `npm run web:build` (npm test does it before Jest)');
  }
}

export async function launchChromium(): Promise<Browser> {
  assertBrowserTestPrerequisites();
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

export interface ConsoleContext {
  context: BrowserContext;
  page: Page;
  /** Requests that tried to leave the test server (a CDN, fonts, anything): must stay empty. */
  external: string[];
  /** JavaScript the page downloaded: URL → gzip-9 size in bytes. */
  scripts: Map<string, number>;
}

/** A fresh browser context pinned to the test server: any request elsewhere is refused and recorded. */
export async function openConsole(
  browser: Browser,
  base: string,
  viewport: { width: number; height: number },
): Promise<ConsoleContext> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const external: string[] = [];
  const scripts = new Map<string, number>();
  const origin = new URL(base).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
    external.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('response', async (response) => {
    const url = response.url();
    if (!url.startsWith(`${origin}/assets/`) || !url.endsWith('.js')) return;
    try {
      scripts.set(url, gzipSync(await response.body(), { level: 9 }).length);
    } catch {
      /* the page navigated away before the body arrived */
    }
  });
  page.setDefaultTimeout(20_000);
  return { context, page, external, scripts };
}

let shots = 0;

/** Saves a screenshot (full page unless told) as test-artifacts/web/NN-name.png. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  shots += 1;
  const file = join(ARTIFACTS, `${String(shots).padStart(2, '0')}-${name}.png`);
  await page.waitForTimeout(250); // let antd's motion settle
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  return file;
}

export async function signIn(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
