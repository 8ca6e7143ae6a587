import { useMemo } from 'react';
import type { Plan } from './plan-review-queries';

/** The plan's source lines, the selected measure's highlighted and lines with import warnings marked. */
export function SourcePanel({
  plan,
  highlight,
  warningLines,
  panelRef,
}: {
  plan: Plan;
  highlight: [number, number] | null;
  warningLines: Set<number>;
  panelRef: React.RefObject<HTMLDivElement | null>;
}) {
  const lines = useMemo(() => plan.sourceText.split(/\r\n?|\n/), [plan.sourceText]);
  const from = Math.max(1, plan.startLine);
  const to = Math.min(lines.length, plan.endLine || lines.length);
  const rows = [];
  for (let no = from; no <= to; no++) {
    const hl = highlight && no >= highlight[0] && no <= highlight[1];
    rows.push(
      <div key={no} id={`src-${no}`} className={`source-line${hl ? ' hl' : ''}${warningLines.has(no) ? ' warn' : ''}`}>
        <span className="no">{no}</span>
        <span>{lines[no - 1]}</span>
      </div>,
    );
  }
  return (
    <div className="source-lines" ref={panelRef} tabIndex={0} aria-label="规划原文" data-testid="source-panel">
      {rows}
    </div>
  );
}
