// Step 1 of the importer: clean the text and give each line a form fit for matching.
// The original characters are kept for display; `text` is what the rules match on.
import { Converter } from 'opencc-js/t2cn';

/** One line of the document after cleaning. */
export interface SourceLine {
  /** 1-based line number in the original document. */
  no: number;
  /** As printed, with Word markup and pinyin glosses removed, trimmed. */
  original: string;
  /** Simplified characters, half-width ASCII digits and letters, unified punctuation: what rules match on. */
  text: string;
}

export interface NormalisedDocument {
  lines: SourceLine[];
  /** True when the document was written in Traditional characters (converted for matching). */
  traditional: boolean;
}

const toSimplified = Converter({ from: 't', to: 'cn' });

// A pinyin gloss glued after a character: 發(fā), 號(hào). At least one tone-marked vowel,
// so that real parentheticals like (2023-2025) or (%) survive.
const PINYIN_GLOSS = /\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)/g;
// Word's bookmark anchors: [bookmark: _Toc70026592]
const WORD_BOOKMARK = /\[bookmark:[^\]]*\]/g;
// A reviewer's comment Word exports after a tab at the end of the line: `\tComment by gyb1: 针对修改意见…`
const WORD_COMMENT = /\t+Comment by [^:：\t]{1,40}[:：].*$/;

export function stripMarkup(line: string): string {
  return line.replace(WORD_BOOKMARK, '').replace(WORD_COMMENT, '').replace(PINYIN_GLOSS, '');
}

/** Full-width ASCII to half-width, ideographic space to space; keeps Chinese punctuation (，。、；：（）). */
export function unifyWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code === 0x3000) out += ' ';
    else if (code >= 0xff10 && code <= 0xff19)
      out += String.fromCodePoint(code - 0xfee0); // ０-９
    else if ((code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a))
      out += String.fromCodePoint(code - 0xfee0); // Ａ-Ｚ ａ-ｚ
    else if (code === 0xff05) out += '%';
    else if (code === 0xff0e) out += '.';
    else if (code === 0xff0b) out += '+';
    else out += ch;
  }
  return out;
}

/**
 * The matching form: half-width digits, Chinese parentheses and colon/comma/semicolon for
 * their ASCII twins (documents mix both), one kind of dash in year ranges.
 */
export function matchingForm(s: string): string {
  return unifyWidth(s)
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/,/g, '，')
    .replace(/;/g, '；')
    .replace(/:/g, '：')
    .replace(/[\t ]+/g, ' ')
    .trim();
}

// Characters that exist only in Traditional script and are common in plan documents.
const TRADITIONAL_MARKERS = /[發體設區縣計劃與為們會衛關於個國門實現對時經務聯據應產業過進運達]/g;

export function isTraditional(text: string): boolean {
  const sample = text.slice(0, 20000);
  const hits = sample.match(TRADITIONAL_MARKERS)?.length ?? 0;
  return hits >= 20 && hits / Math.max(1, sample.length) > 0.005;
}

export function normaliseDocument(raw: string): NormalisedDocument {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const traditional = isTraditional(text);
  const lines: SourceLine[] = [];
  text.split('\n').forEach((rawLine, i) => {
    const original = stripMarkup(rawLine)
      .replace(/[\u00a0\u200b]/g, ' ')
      .trim();
    if (!original) return;
    const simplified = traditional ? toSimplified(original) : original;
    lines.push({ no: i + 1, original, text: matchingForm(simplified) });
  });
  return { lines, traditional };
}
