// npm run bench:web (first half) — gzipped JavaScript of the liaison's first load; budget 300 KB.
import { repoPath } from '@app/common';
import { liaisonFirstLoad } from './web-bundle.js';

const BUDGET_KB = 300;
const load = liaisonFirstLoad(repoPath('dist', 'web'));
for (const f of load.files) {
  console.log(
    `  ${f.file.padEnd(44)} ${(f.bytes / 1024).toFixed(1).padStart(8)} KB  gzip ${(f.gzip / 1024).toFixed(1).padStart(7)} KB`,
  );
}
const kb = load.jsGzip / 1024;
console.log(
  `liaison first load: ${kb.toFixed(1)} KB of gzipped JavaScript (+ ${(load.cssGzip / 1024).toFixed(1)} KB CSS) ` +
    `in ${load.files.length} files — budget ${BUDGET_KB} KB: ${kb < BUDGET_KB ? 'OK' : 'OVER'}`,
);
if (kb >= BUDGET_KB) process.exitCode = 1;
