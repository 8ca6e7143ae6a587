/**
 * The name shown for an upload: the last path segment of what the browser sent, without control
 * characters, at most 255 characters. Never used as a path: the bytes are found by SHA-256.
 */
export function displayName(original: string | undefined): string {
  const last = (original ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return [...(clean || '未命名文件')].slice(0, 255).join('');
}
