/**
 * Text likeness of two measures: the Dice coefficient of their character bigrams (as multisets) after
 * dropping whitespace and punctuation. Chinese has no word breaks, so bigrams of characters are the
 * usual unit; 1 for the same text, 0 for texts sharing no pair of adjacent characters.
 */
export function similarity(a: string, b: string): number {
  const x = bigrams(normalise(a));
  const y = bigrams(normalise(b));
  const total = x.size + y.size;
  if (!x.size && !y.size) return normalise(a) === normalise(b) ? 1 : 0;
  if (!total) return 0;
  let shared = 0;
  let sizeX = 0;
  let sizeY = 0;
  for (const n of x.values()) sizeX += n;
  for (const n of y.values()) sizeY += n;
  for (const [gram, n] of x) shared += Math.min(n, y.get(gram) ?? 0);
  return (2 * shared) / (sizeX + sizeY);
}

/** Letters and digits only, latin lower-cased, full-width forms folded (NFKC). */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function bigrams(s: string): Map<string, number> {
  const counts = new Map<string, number>();
  const chars = [...s];
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = chars[i]! + chars[i + 1]!;
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}
