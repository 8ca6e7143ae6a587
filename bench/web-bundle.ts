// What the browser downloads for the liaison's first visit: the login page, then 我的任务 (/tasks).
// Read from Vite's manifest (dist/web/.vite/manifest.json): the entry and the two route chunks with
// everything they import statically, each file gzipped at level 9.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
}

export interface FirstLoad {
  files: { file: string; bytes: number; gzip: number }[];
  jsGzip: number;
  cssGzip: number;
}

/** The liaison's first load: index.html's entry, the Login chunk and the MyTasks chunk, with their static imports. */
export function liaisonFirstLoad(webDir: string): FirstLoad {
  const manifest = JSON.parse(readFileSync(join(webDir, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const roots = ['index.html', 'src/pages/Login.tsx', 'src/pages/liaison/MyTasks.tsx'];
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
  roots.forEach(visit);
  const sized = [...files].sort().map((file) => {
    const content = readFileSync(join(webDir, file));
    return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
  });
  return {
    files: sized,
    jsGzip: sized.filter((f) => f.file.endsWith('.js')).reduce((n, f) => n + f.gzip, 0),
    cssGzip: sized.filter((f) => f.file.endsWith('.css')).reduce((n, f) => n + f.gzip, 0),
  };
}
