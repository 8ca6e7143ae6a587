// Small text helpers shared by the resolver: one matching form for mentions and registry names.

/** The form mentions and registry names are compared in: no spaces, Chinese parentheses, no trailing 等. */
export function mentionForm(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/^[由和及与]/, '')
    .replace(/等$/, '');
}

/** The value of the longest key of `map` that `text` has at `start`, with that key's length. */
export function longestAt<V>(
  map: ReadonlyMap<string, V>,
  maxLength: number,
  text: string,
  start = 0,
): { value: V; length: number } | null {
  for (let length = Math.min(maxLength, text.length - start); length > 0; length--) {
    const value = map.get(text.slice(start, start + length));
    if (value !== undefined) return { value, length };
  }
  return null;
}

export function maxKeyLength(map: ReadonlyMap<string, unknown>): number {
  let max = 0;
  for (const key of map.keys()) max = Math.max(max, key.length);
  return max;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
