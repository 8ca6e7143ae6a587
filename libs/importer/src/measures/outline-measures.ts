// Step 3: the measures of an outline are the leaf numbered items of chapters that hold measures;
// every other heading is a section of the plan.
import { parseAssignmentList } from '../assignments/explicit-list.js';
import { parentheticals } from '../assignments/parentheticals.js';
import type { SourceLine } from '../normalise.js';
import { headingSentence, originalHeading, walk, type OutlineNode } from '../outline/outline.js';
import type { DraftSection } from '../types.js';
import { inlineEnumeration } from './inline-items.js';

/** A measure as the outline gives it, before deadlines and assignments are read. */
export interface MeasureItem {
  code: string;
  title: string;
  /** Its lines as printed, the marker of the first taken off, one per line. */
  text: string;
  sectionTitle: string | null;
  /** The lines it spans: heading line and continuation lines. */
  lines: SourceLine[];
  /**
   * For an item enumerated inside a paragraph: the lines that speak for every item of it (the heading, the lead-in
   * 应重点落实：, other paragraphs). Lists and deadlines there apply to each item.
   */
  sharedLines: SourceLine[];
}

function isLeaf(node: OutlineNode): boolean {
  return node.children.every((c) => c.kind === 'box');
}

function enclosingTitle(node: OutlineNode): string | null {
  for (let n = node.parent; n && n.kind !== 'root'; n = n.parent) if (n.title) return n.title;
  return null;
}

/** A chapter the document left out starts where its first child does. */
function firstLine(node: OutlineNode): number {
  return node.line?.no ?? node.children[0]?.line?.no ?? 0;
}

function textOf(node: OutlineNode): string {
  return node.lines
    .map((l, i) => (i === 0 ? (originalHeading(l, node.ordinal)?.rest ?? l.original) : l.original))
    .join('\n');
}

/** A leaf item as one measure, or — when a paragraph of it enumerates items inline — one measure per item. */
function measuresOf(node: OutlineNode): MeasureItem[] {
  const inline = inlineEnumeration(node.lines);
  if (!inline) {
    const item = { code: node.code, title: node.title, text: textOf(node), sectionTitle: enclosingTitle(node) };
    return [{ ...item, lines: node.lines, sharedLines: [] }];
  }
  const shared = node.lines.map((l) => (l === inline.paragraph ? inline.leadIn : l));
  return inline.items.map(({ ordinal, line }) => ({
    code: `${node.code}.（${ordinal}）`,
    title: headingSentence(line.original),
    text: line.original,
    sectionTitle: node.title || enclosingTitle(node),
    lines: [line],
    sharedLines: shared,
  }));
}

/** An item that names who must do it: a list of its own giving a lead or responsible unit (（牵头单位：…）). */
function namesItsOwners(node: OutlineNode): boolean {
  return node.lines.some((line) =>
    parentheticals(line.text).some((group) =>
      parseAssignmentList(group.content, false)?.units.some((u) => u.role !== 'COOPERATING'),
    ),
  );
}

/**
 * Whether a node is a measure. A chapter that is no task chapter by its title (保障措施, 强化组织实施) still holds
 * measures where its numbered items name who must do them: a supervision office follows an item with a lead.
 */
function isMeasure(node: OutlineNode, root: OutlineNode, held: boolean): boolean {
  if (!isLeaf(node) || node.parent === root || !node.line || node.kind === 'box') return false;
  return held || namesItsOwners(node);
}

export function measureItems(
  root: OutlineNode,
  holds: Map<OutlineNode, boolean>,
): { measures: MeasureItem[]; sections: DraftSection[] } {
  const measures: MeasureItem[] = [];
  const sections: DraftSection[] = [];
  walk(root, (node) => {
    const held = holds.get(node) ?? false;
    const items = isMeasure(node, root, held) ? measuresOf(node) : [];
    measures.push(...items);
    // A paragraph split into items stays in the outline as their section.
    if (items.length !== 1)
      sections.push({ code: node.code, title: node.title, line: firstLine(node), holdsMeasures: held });
  });
  return { measures, sections };
}
