// Step 2 of the importer: headings and numbering into a tree. Each marker style is one level
// wherever it first appears under its parent, so 一、/（一）/1. and 第一章/（一）/1. both nest.
import type { SourceLine } from '../normalise.js';
import { toChineseNumeral } from './chinese-numeral.js';
import { parseDigitTitledItem, parseHeading, type Heading, type MarkerKind } from './heading.js';

export interface OutlineNode {
  kind: MarkerKind | 'root';
  ordinal: number;
  marker: string;
  /** Path of markers from the top: 三.（一）.1 */
  code: string;
  /** Heading sentence, original characters (up to the first 。). */
  title: string;
  /** Heading sentence in matching form, for rules. */
  titleText: string;
  /** The heading line; null for the root and for a heading the document left out. */
  line: SourceLine | null;
  /** Lines that continue the item: the heading line itself, then paragraphs up to the next heading. */
  lines: SourceLine[];
  children: OutlineNode[];
  parent: OutlineNode | null;
  /** A level the document skipped (its 第三章 line is missing) inferred from the numbering. */
  implicit: boolean;
}

/** The heading sentence: text up to the first 。 without trailing punctuation. */
export function headingSentence(rest: string): string {
  const cut = rest.indexOf('。');
  return (cut >= 0 ? rest.slice(0, cut) : rest).replace(/[。；;：:，,、\s]+$/, '');
}

/** The heading of a line in its original characters, the numbered item it is read as included. */
export function originalHeading(line: SourceLine, ordinal: number): Heading | null {
  return parseHeading(line.original) ?? parseDigitTitledItem(line.original, ordinal);
}

function newNode(heading: Heading | null, line: SourceLine | null, parent: OutlineNode | null): OutlineNode {
  const rest = heading && line ? (originalHeading(line, heading.ordinal)?.rest ?? heading.rest) : '';
  return {
    kind: heading?.kind ?? 'root',
    ordinal: heading?.ordinal ?? 0,
    marker: heading?.marker ?? '',
    code: '',
    title: headingSentence(rest),
    titleText: headingSentence(heading?.rest ?? ''),
    line,
    lines: line ? [line] : [],
    children: [],
    parent,
    implicit: false,
  };
}

function attach(parent: OutlineNode, child: OutlineNode): void {
  child.parent = parent;
  child.code = parent.kind === 'root' ? child.marker : `${parent.code}.${child.marker}`;
  parent.children.push(child);
}

/** 第三章 when 第二章 is followed by a (一) that restarts the numbering: the document lost the line. */
function impliedSibling(of: OutlineNode): OutlineNode {
  const ordinal = of.ordinal + 1;
  const numeral = /^第\d/.test(of.marker) ? String(ordinal) : toChineseNumeral(ordinal);
  const marker = of.kind === 'cn' ? numeral : of.marker.replace(/^第.+?(章|节|部分)$/, `第${numeral}$1`);
  const node = newNode({ kind: of.kind as MarkerKind, ordinal, marker, rest: '' }, null, null);
  node.implicit = true;
  return node;
}

class OutlineBuilder {
  readonly root = newNode(null, null, null);
  private stack: OutlineNode[] = [this.root];

  add(line: SourceLine, heading: Heading): OutlineNode {
    while (this.stack.length > 1 && this.top().kind === 'box') this.stack.pop();
    if (heading.kind === 'box') return this.addBox(line, heading);
    const level = this.stack.findLastIndex((n) => n.kind === heading.kind);
    let parent = level > 0 ? this.stack[level - 1]! : this.top();
    if (level > 0) {
      const previous = this.stack[level]!;
      this.stack.length = level;
      if (Number.isNaN(heading.ordinal)) heading = this.renumber(heading, previous);
      if (heading.ordinal === 1 && previous.ordinal >= 1 && parent.parent === this.root) {
        parent = this.implyParent(parent);
      }
    } else if (Number.isNaN(heading.ordinal)) heading = this.renumber(heading, null);
    const node = newNode(heading, line, parent);
    attach(parent, node);
    this.stack.push(node);
    return node;
  }

  /** A 专栏 box closes the numbered item before it and sits beside it; the next heading leaves it. */
  private addBox(line: SourceLine, heading: Heading): OutlineNode {
    while (this.stack.length > 2 && (this.top().kind === 'num' || this.top().kind === 'paren-num')) {
      this.stack.pop();
    }
    const node = newNode(heading, line, this.top());
    attach(this.top(), node);
    this.stack.push(node);
    return node;
  }

  continueWith(line: SourceLine): void {
    this.top().lines.push(line);
  }

  /** The number the innermost numbered item (1. 2. 3.) expects next; null before the first. */
  nextItemNumber(): number | null {
    const item = this.stack.findLast((n) => n.kind === 'num');
    return item && item.ordinal >= 1 ? item.ordinal + 1 : null;
  }

  top(): OutlineNode {
    return this.stack.at(-1)!;
  }

  private renumber(heading: Heading, previous: OutlineNode | null): Heading {
    const ordinal = (previous?.ordinal ?? 0) + 1;
    return { ...heading, ordinal, marker: String(ordinal) };
  }

  private implyParent(lost: OutlineNode): OutlineNode {
    const implied = impliedSibling(lost);
    attach(this.root, implied);
    this.stack = [this.root, implied];
    return implied;
  }
}

/** Builds the outline of one plan's body lines. A bare marker line (（三）) takes the next line as its title. */
export function buildOutline(lines: SourceLine[]): OutlineNode {
  const builder = new OutlineBuilder();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const expected = builder.nextItemNumber();
    const heading = parseHeading(line.text) ?? (expected ? parseDigitTitledItem(line.text, expected) : null);
    if (!heading) {
      builder.continueWith(line);
      continue;
    }
    const node = builder.add(line, heading);
    const next = lines[i + 1];
    if (!heading.rest && heading.kind !== 'box' && next && !parseHeading(next.text)) {
      node.title = headingSentence(next.original);
      node.titleText = headingSentence(next.text);
      node.lines.push(next);
      i++;
    }
  }
  return builder.root;
}

/** Every node below the root, depth first in document order. */
export function walk(node: OutlineNode, visit: (n: OutlineNode) => void): void {
  for (const child of node.children) {
    visit(child);
    walk(child, visit);
  }
}
