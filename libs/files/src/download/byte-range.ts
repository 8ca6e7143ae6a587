import type { ByteRange } from '../storage/file-storage.js';

/**
 * One `Range: bytes=…` of a file of `size` bytes: the range, `unsatisfiable` (416), or null for the
 * whole file — also when several ranges are asked, which a server may answer with the whole file.
 */
export function byteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return header.includes(',') || !header.startsWith('bytes=') ? null : 'unsatisfiable';
  const [, from, to] = match;
  if (!from && !to) return 'unsatisfiable';
  if (!from) {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to ? Math.min(Number(to), size - 1) : size - 1;
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name, so 会议纪要.pdf arrives as itself. */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
