// Word (.docx) → plain text for the importer, in the shape the importer was built on: one line per
// paragraph, one line per table cell led by a tab (what Word's text export gives), tabs kept inside a line.
// Reads mammoth's document model (through its `transformDocument` hook) rather than its HTML, so it runs
// the same in the browser and in Node, with no DOM.

interface DocNode {
  type: string;
  children?: DocNode[];
  value?: string;
  breakType?: string;
  numbering?: { isOrdered: boolean; level: string | number } | null;
}

const DIGITS = '〇一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (enough for an outline). */
export function chineseNumeral(n: number): string {
  if (n <= 0 || n >= 100) return String(n);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/**
 * Word's automatic numbering is not text: mammoth says a paragraph is item n of level k of an ordered
 * list, but not the format. Government documents number their outline 一、（一）1.（1） (GB/T 9704), so
 * that is what an automatically numbered paragraph gets.
 */
function outlineNumber(level: number, n: number): string {
  switch (level) {
    case 0:
      return `${chineseNumeral(n)}、`;
    case 1:
      return `（${chineseNumeral(n)}）`;
    case 2:
      return `${n}.`;
    default:
      return `（${n}）`;
  }
}

function inlineText(node: DocNode): string {
  switch (node.type) {
    case 'text':
      return node.value ?? '';
    case 'tab':
      return '\t';
    case 'break':
      return node.breakType === 'line' || !node.breakType ? '\n' : '';
    case 'noteReference':
    case 'commentReference':
    case 'image':
      return '';
    default:
      return (node.children ?? []).map(inlineText).join('');
  }
}

export function documentToText(root: DocNode): string {
  const lines: string[] = [];
  const counters: number[] = [];

  const paragraph = (node: DocNode, inTable: boolean) => {
    let text = inlineText(node);
    const numbering = node.numbering;
    if (numbering?.isOrdered && !inTable) {
      const level = Number(numbering.level) || 0;
      counters[level] = (counters[level] ?? 0) + 1;
      counters.length = level + 1;
      text = outlineNumber(level, counters[level]!) + text;
    }
    lines.push(...text.split('\n'));
  };

  const block = (node: DocNode, inTable: boolean) => {
    switch (node.type) {
      case 'paragraph':
        paragraph(node, inTable);
        return;
      case 'table':
        for (const row of node.children ?? []) {
          for (const cell of row.children ?? []) {
            const before = lines.length;
            for (const child of cell.children ?? []) block(child, true);
            // One line per cell led by a tab, as Word's own text export gives; an empty cell is a bare tab,
            // which keeps its place (the importer reads the gaps of a one-cell-per-line table).
            const cellLines = lines.splice(before).filter((l) => l.trim());
            lines.push(...(cellLines.length ? cellLines.map((l) => `\t${l.replace(/^\t+/, '')}`) : ['\t']));
          }
        }
        return;
      default:
        for (const child of node.children ?? []) block(child, inTable);
    }
  };

  block(root, false);
  return lines.join('\n');
}

export interface DocxText {
  text: string;
  /** mammoth's warnings (unsupported elements and the like). */
  messages: string[];
}

/** Reads a .docx (as an ArrayBuffer) into the importer's text. mammoth is loaded only when needed. */
export async function docxToText(data: ArrayBuffer): Promise<DocxText> {
  const { default: mammoth } = await import('mammoth');
  let root: DocNode | undefined;
  // The browser build of mammoth reads `arrayBuffer`, the Node build `buffer` (the docx round-trip test).
  const input = { arrayBuffer: data, buffer: data };
  const result = await mammoth.convertToHtml(input, {
    transformDocument: (doc) => {
      root = doc as DocNode;
      return doc;
    },
  });
  if (!root) throw new Error('无法读取该 Word 文件');
  return { text: documentToText(root), messages: result.messages.map((m) => m.message) };
}

/** A .txt file's text: UTF-8 when it is valid UTF-8, else GB18030 (how Chinese Windows saves text). */
export function decodeText(data: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}
