/** One run of a character diff: kept, taken out (before only) or put in (after only). */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** Above this many cells the table is not worth building: the texts are shown as replaced whole. */
const MAX_CELLS = 4_000_000;

/**
 * Character diff by longest common subsequence — a measure is a paragraph, so the table stays small.
 * Runs of one kind are merged.
 */
export function diffChars(before: string, after: string): DiffPart[] {
  const a = [...before];
  const b = [...after];
  if (a.length * b.length > MAX_CELLS)
    return merge([
      { kind: 'removed', text: before },
      { kind: 'added', text: after },
    ]);
  const cols = b.length + 1;
  // lcs[i][j]: common subsequence length of a[i..] and b[j..], kept in one flat array.
  const lcs = new Uint32Array((a.length + 1) * cols);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * cols + j] =
        a[i] === b[j] ? lcs[(i + 1) * cols + j + 1]! + 1 : Math.max(lcs[(i + 1) * cols + j]!, lcs[i * cols + j + 1]!);
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      parts.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[(i + 1) * cols + j]! >= lcs[i * cols + j + 1]!) parts.push({ kind: 'removed', text: a[i++]! });
    else parts.push({ kind: 'added', text: b[j++]! });
  }
  while (i < a.length) parts.push({ kind: 'removed', text: a[i++]! });
  while (j < b.length) parts.push({ kind: 'added', text: b[j++]! });
  return merge(parts);
}

function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    if (!p.text) continue;
    const last = out[out.length - 1];
    if (last && last.kind === p.kind) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}
