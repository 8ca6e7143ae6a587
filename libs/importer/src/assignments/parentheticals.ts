// Top-level parenthetical groups of a line (matching form: all parentheses are （）).

export interface Parenthetical {
  /** Text inside the outer parentheses. */
  content: string;
  start: number;
  end: number;
}

/**
 * （A（B）C） gives one group with content A（B）C. A parenthesis the document never closes (a garbled
 * `(??疲?`) is skipped, so that the groups after it are still found.
 */
export function parentheticals(line: string): Parenthetical[] {
  const open: number[] = [];
  const pairs: [number, number][] = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '（') open.push(i);
    else if (line[i] === '）' && open.length > 0) pairs.push([open.pop()!, i]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const groups: Parenthetical[] = [];
  for (const [start, close] of pairs) {
    if (groups.length > 0 && start < groups.at(-1)!.end) continue;
    groups.push({ content: line.slice(start + 1, close), start, end: close + 1 });
  }
  return groups;
}
