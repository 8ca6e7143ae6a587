// `pretest`: the browser tests drive Debian's Chromium (playwright-core, executablePath /usr/bin/chromium),
// and their screenshots need a Chinese font. When either is missing, install it from Debian's packages and
// say so; when that cannot be done, fail: the browser tests are never skipped silently.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const FONT_PACKAGE = 'fonts-wqy-microhei';

const missing = [];
if (existsSync(CHROMIUM)) console.log(`pretest: Chromium found at ${CHROMIUM} (the browser tests use it)`);
else missing.push('chromium');
if (hasChineseFont()) console.log('pretest: a Chinese font is installed (for readable screenshots)');
else missing.push(FONT_PACKAGE);
if (missing.length === 0) process.exit(0);

const root = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = !root && trySudo() ? 'sudo ' : '';
if (!root && !sudo) {
  console.error(
    `pretest: missing ${missing.join(', ')} and this user cannot install packages.\n` +
      `  Install once as root: apt-get update && apt-get install -y ${missing.join(' ')}`,
  );
  process.exit(1);
}
const command = `${sudo}apt-get update && ${sudo}apt-get install -y ${missing.join(' ')}`;
console.log(`pretest: installing from Debian's packages what the browser tests need:\n  ${command}`);
execSync(command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
if (!existsSync(CHROMIUM)) {
  console.error(`pretest: apt-get finished but ${CHROMIUM} is still missing`);
  process.exit(1);
}
console.log(`pretest: ready: ${execSync(`${CHROMIUM} --version`).toString().trim()}`);

function hasChineseFont() {
  try {
    return (
      execSync('fc-list :lang=zh family', { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim() !== ''
    );
  } catch {
    return false;
  }
}

function trySudo() {
  try {
    execSync('sudo -n true', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
