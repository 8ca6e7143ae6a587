// Items enumerated inside one paragraph of a measure: 应重点落实：（1）心脑血管疾病防治行动。……（2）癌症防治行动。……
// Each is a measure of its own, numbered under the paragraph's measure (三.（二）.1.（1）).
import type { SourceLine } from '../normalise.js';

// （1）, (1), （１）: the marker of an item in running text.
const MARKER = /[（(]\s*([0-9０-９]{1,2})\s*[）)]/g;
// The first item follows a lead-in that ends with a colon (应重点落实：); each later one follows a sentence's end.
const LEAD_IN_END = /[：:]\s*$/;
const SENTENCE_END = /[；;。.]\s*$/;
const TRAILING = /[；;，,、\s]+$/;

interface Span {
  ordinal: number;
  /** Where the marker starts and the item's own words start. */
  marker: number;
  start: number;
}

/** The items of an enumeration in `text` numbered 1, 2, … in order, at least two; null when there is none. */
function enumeration(text: string): Span[] | null {
  const spans: Span[] = [];
  for (const m of text.matchAll(MARKER)) {
    const ordinal = Number(m[1]!.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
    const before = text.slice(0, m.index);
    if (ordinal !== spans.length + 1) continue;
    if (!(ordinal === 1 ? LEAD_IN_END : SENTENCE_END).test(before) || (ordinal === 1 && !before.trim())) continue;
    spans.push({ ordinal, marker: m.index, start: m.index + m[0].length });
  }
  return spans.length >= 2 ? spans : null;
}

function pieces(text: string, spans: Span[]): string[] {
  return spans.map((s, i) => text.slice(s.start, spans[i + 1]?.marker ?? text.length).replace(TRAILING, ''));
}

export interface InlineItem {
  ordinal: number;
  /** The item as one line: its own words, in original and matching forms, on the paragraph's line. */
  line: SourceLine;
}

export interface InlineEnumeration {
  /** The paragraph holding the items. */
  paragraph: SourceLine;
  /** The paragraph's words before the first item (应重点落实：). */
  leadIn: SourceLine;
  items: InlineItem[];
}

/**
 * The first paragraph of `lines` that enumerates items inline. The original and matching forms must show the same
 * items; where they do not (a marker lost in conversion), the paragraph is left whole.
 */
export function inlineEnumeration(lines: SourceLine[]): InlineEnumeration | null {
  for (const paragraph of lines) {
    const inText = enumeration(paragraph.text);
    const inOriginal = inText && enumeration(paragraph.original);
    if (!inText || !inOriginal || inOriginal.length !== inText.length) continue;
    const texts = pieces(paragraph.text, inText);
    const originals = pieces(paragraph.original, inOriginal);
    return {
      paragraph,
      leadIn: {
        no: paragraph.no,
        text: paragraph.text.slice(0, inText[0]!.marker),
        original: paragraph.original.slice(0, inOriginal[0]!.marker),
      },
      items: inText.map((span, i) => ({
        ordinal: span.ordinal,
        line: { no: paragraph.no, text: texts[i]!, original: originals[i]! },
      })),
    };
  }
  return null;
}
