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

interface TrieNode {
  children: Map<string, TrieNode>;
  /** The word ending here, if any. */
  word: string | null;
}

/**
 * One regexp source matching any of `words`, the longest first, shaped as a trie: 卫(?:生(?:健康|计生)|健).
 * Shared beginnings are written once, which keeps the patterns built from it small and lets the engine choose
 * by character instead of trying each word. `after` adds a condition behind a word: 公安部 → 公安部(?!门).
 */
export function wordsSource(words: string[], after: (word: string) => string = () => ''): string {
  const root: TrieNode = { children: new Map(), word: null };
  for (const word of words) {
    let node = root;
    for (const ch of word) {
      let next = node.children.get(ch);
      if (!next) node.children.set(ch, (next = { children: new Map(), word: null }));
      node = next;
    }
    node.word = word;
  }
  return root.children.size > 0 ? branches(root, after) : '(?!)';
}

function branches(node: TrieNode, after: (word: string) => string): string {
  const longer = [...node.children.keys()]
    .sort()
    .map((ch) => escapeRegExp(ch) + branches(node.children.get(ch)!, after));
  const alternatives = node.word === null ? longer : [...longer, after(node.word)];
  return alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
}
