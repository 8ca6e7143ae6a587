import { useMemo } from 'react';
import { diffChars } from './text-diff';

/** The two wordings of a measure as one text: deletions struck through in red, insertions in green. */
export function TextDiff({ before, after }: { before: string; after: string }) {
  const parts = useMemo(() => diffChars(before, after), [before, after]);
  return (
    <div style={{ lineHeight: 1.9, whiteSpace: 'pre-wrap' }} data-testid="text-diff">
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === 'removed' ? (
          <del key={i} style={{ background: '#fff1f0', color: '#cf1322' }}>
            {p.text}
          </del>
        ) : (
          <ins key={i} style={{ background: '#f6ffed', color: '#389e0d', textDecoration: 'none' }}>
            {p.text}
          </ins>
        ),
      )}
    </div>
  );
}
