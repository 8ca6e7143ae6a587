// What the browser downloads for a first visit, read from Vite's manifest (dist/web/.vite/manifest.json):
// the entries (index.html's boot script and main entry) and the first page's chunks, with everything they
// import statically, each file gzipped at level 9, and as transferred: the build's .br beside it (what the
// server sends a browser that accepts brotli, apps/web/server/serve-console.ts), else the file itself.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
}

export interface FirstLoad {
  files: { file: string; bytes: number; gzip: number; transferred: number }[];
  jsGzip: number;
  /** JavaScript bytes on the wire for a browser that accepts br (every current one does). */
  jsTransferred: number;
  cssGzip: number;
}

/** index.html's two module scripts: src/boot.ts (starts the route's data requests) and the entry. */
const ENTRIES = ['src/boot.ts', 'index.html'];

/** Every visitor's first load: the entries and the login page (no antd). */
export const LOGIN_ROOTS = [...ENTRIES, 'src/pages/Login.tsx'];

/**
 * The liaison's first visit: the entries, the login page, then 我的任务 (/tasks), each page with antd's
 * context (components/antd-provider.tsx, loaded beside the page since the entry carries no antd).
 */
export const LIAISON_ROOTS = [
  ...ENTRIES,
  'src/components/antd-provider.tsx',
  'src/pages/Login.tsx',
  'src/pages/liaison/MyTasks.tsx',
];

/**
 * What a leader's visit to /matrix needs before the heat map is painted and a cell opens its task: the
 * entries and the matrix page. antd's Select for the plan picker comes after, when the browser is idle
 * (MATRIX_LATER_ROOTS).
 */
export const MATRIX_ROOTS = [...ENTRIES, 'src/pages/leader/Matrix.tsx'];
export const MATRIX_LATER_ROOTS = ['src/pages/leader/PlanSelect.tsx'];

/** The files reached from `roots` through static imports, gzipped; `except` were loaded already. */
export function firstLoad(webDir: string, roots: string[], except: string[] = []): FirstLoad {
  const manifest = JSON.parse(readFileSync(join(webDir, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const reached = (starts: string[]) => {
    const seen = new Set<string>();
    const files = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      const chunk = manifest[key];
      if (!chunk) throw new Error(`manifest has no ${key}`);
      files.add(chunk.file);
      for (const css of chunk.css ?? []) files.add(css);
      for (const dep of chunk.imports ?? []) visit(dep);
    };
    starts.forEach(visit);
    return files;
  };
  const before = reached(except);
  const sized = [...reached(roots)]
    .filter((file) => !before.has(file))
    .sort()
    .map((file) => {
      const content = readFileSync(join(webDir, file));
      const br = join(webDir, `${file}.br`);
      const transferred = existsSync(br) ? readFileSync(br).length : content.length;
      return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length, transferred };
    });
  return {
    files: sized,
    jsGzip: sized.filter((f) => f.file.endsWith('.js')).reduce((n, f) => n + f.gzip, 0),
    jsTransferred: sized.filter((f) => f.file.endsWith('.js')).reduce((n, f) => n + f.transferred, 0),
    cssGzip: sized.filter((f) => f.file.endsWith('.css')).reduce((n, f) => n + f.gzip, 0),
  };
}

/** The liaison's first load (budget 300 KB of gzipped JavaScript). */
export function liaisonFirstLoad(webDir: string): FirstLoad {
  return firstLoad(webDir, LIAISON_ROOTS);
}

/** A leader's first load of the matrix, up to the heat map painted and a cell's drill-down open. */
export function matrixFirstLoad(webDir: string): FirstLoad {
  return firstLoad(webDir, MATRIX_ROOTS);
}
