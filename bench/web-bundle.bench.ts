// npm run bench:web (first half) — JavaScript of first visits: the login page's, as transferred (the
// build's brotli files; budget 120 KB), the liaison's (login, then 我的任务; budget 300 KB gzipped) and a
// leader's straight to the responsibility matrix (what the heat map and its drill-down need before they
// are on screen; budget 120 KB gzipped: React, the app frame, the matrix, no antd).
import { repoPath } from '@app/common';
import {
  firstLoad,
  liaisonFirstLoad,
  LOGIN_ROOTS,
  MATRIX_LATER_ROOTS,
  MATRIX_ROOTS,
  matrixFirstLoad,
  type FirstLoad,
} from './web-bundle.js';

const LIAISON_BUDGET_KB = 300;
const MATRIX_BUDGET_KB = 120;
const LOGIN_TRANSFERRED_BUDGET_KB = 120;
const dir = repoPath('dist', 'web');

function report(name: string, load: FirstLoad, budgetKb?: number): boolean {
  console.log(`${name}:`);
  for (const f of load.files) {
    console.log(
      `  ${f.file.padEnd(44)} ${(f.bytes / 1024).toFixed(1).padStart(8)} KB  gzip ${(f.gzip / 1024).toFixed(1).padStart(7)} KB  sent ${(f.transferred / 1024).toFixed(1).padStart(7)} KB`,
    );
  }
  const kb = load.jsGzip / 1024;
  const ok = budgetKb === undefined || kb < budgetKb;
  console.log(
    `  = ${kb.toFixed(1)} KB of gzipped JavaScript (+ ${(load.cssGzip / 1024).toFixed(1)} KB CSS) in ${load.files.length} files` +
      (budgetKb === undefined ? '' : ` — budget ${budgetKb} KB: ${ok ? 'OK' : 'OVER'}`),
  );
  return ok;
}

const loginLoad = firstLoad(dir, LOGIN_ROOTS);
report('login page first load', loginLoad);
const loginKb = loginLoad.jsTransferred / 1024;
const login = loginKb <= LOGIN_TRANSFERRED_BUDGET_KB;
console.log(
  `  = ${loginKb.toFixed(1)} KB of JavaScript transferred (brotli) — budget ${LOGIN_TRANSFERRED_BUDGET_KB} KB: ${login ? 'OK' : 'OVER'}`,
);
const liaison = report('liaison first load (login, then 我的任务)', liaisonFirstLoad(dir), LIAISON_BUDGET_KB);
const matrix = report('leader first load of /matrix (heat map and drill-down)', matrixFirstLoad(dir), MATRIX_BUDGET_KB);
report('  then, once idle: the plan picker (antd Select)', firstLoad(dir, MATRIX_LATER_ROOTS, MATRIX_ROOTS));
if (!login || !liaison || !matrix) process.exitCode = 1;
