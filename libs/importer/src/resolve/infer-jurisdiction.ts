// Which jurisdiction a document belongs to, from its header: the document number first, then the names it opens with.
import type { Registry } from '../types.js';
import type { JurisdictionIndex } from './jurisdiction-index.js';
import { indexOf } from './registry-index.js';
import { longestAt, maxKeyLength, mentionForm } from './text.js';

interface HeaderIndex {
  /** 滕, 渝, 国 and the names: what a document number opens with (滕政办发, 渝府办发, 国办发, 万州府发). */
  byAbbreviation: Map<string, string>;
  maxAbbreviation: number;
  /** Names and aliases that may appear in a title or issuer line, with 国务院 for the nation. */
  byName: Map<string, string>;
  maxName: number;
}

const NATION = 'cn';
// 滕政办发〔2017〕174号, 国发[2019]3号, 朔政发（2022）14号: the issuer's letters before the bracketed year.
const DOCUMENT_NUMBER = /([\p{Script=Han}]{1,12})\s*[〔［[（(【]\s*(?:19|20)\d{2}\s*[〕］\]）)】]\s*第?\s*\d+\s*号/gu;
// What follows the issuer's abbreviation in a document number: 政办发, 府办发, 办发, 发, 函, 字 …
const ISSUER_LETTERS = /^[政府办委厅党秘发函字令电]{1,5}$/;

const headers = new WeakMap<Registry, HeaderIndex>();

export function inferJurisdiction(registry: Registry, headerLines: string[]): string | null {
  const header = headerIndexOf(registry);
  const lines = headerLines.map(mentionForm);
  return fromDocumentNumber(header, lines) ?? fromNames(header, indexOf(registry).jurisdictions, lines);
}

function fromDocumentNumber(header: HeaderIndex, lines: string[]): string | null {
  for (const line of lines) {
    for (const match of line.matchAll(DOCUMENT_NUMBER)) {
      const letters = match[1]!;
      for (let i = 0; i < letters.length; i++) {
        const hit = longestAt(header.byAbbreviation, header.maxAbbreviation, letters, i);
        if (hit && ISSUER_LETTERS.test(letters.slice(i + hit.length))) return hit.value;
      }
    }
  }
  return null;
}

/** The first line naming a jurisdiction; 江苏省宿迁市 is 宿迁市: a name followed at once by its descendant's is the descendant. */
function fromNames(header: HeaderIndex, jurisdictions: JurisdictionIndex, lines: string[]): string | null {
  for (const line of lines) {
    for (let i = 0; i < line.length; i++) {
      const hit = longestAt(header.byName, header.maxName, line, i);
      if (hit) return deepestRun(header, jurisdictions, line, i + hit.length, hit.value);
    }
  }
  return null;
}

function deepestRun(
  header: HeaderIndex,
  jurisdictions: JurisdictionIndex,
  line: string,
  end: number,
  key: string,
): string {
  const next = longestAt(header.byName, header.maxName, line, end);
  return next && isBelow(jurisdictions, next.value, key)
    ? deepestRun(header, jurisdictions, line, end + next.length, next.value)
    : key;
}

function isBelow(jurisdictions: JurisdictionIndex, key: string, ancestorKey: string): boolean {
  for (let j = jurisdictions.byKey.get(key); j?.parentKey; j = jurisdictions.byKey.get(j.parentKey))
    if (j.parentKey === ancestorKey) return true;
  return false;
}

function headerIndexOf(registry: Registry): HeaderIndex {
  let header = headers.get(registry);
  if (!header) {
    header = buildHeaderIndex(registry);
    headers.set(registry, header);
  }
  return header;
}

function buildHeaderIndex(registry: Registry): HeaderIndex {
  const byName = new Map<string, string>();
  const byAbbreviation = new Map<string, string>();
  for (const j of registry.jurisdictions) {
    // 全国 and 国家 open too many phrases (国家卫生城市) to stand for the nation in a title.
    const names = j.level === 'NATION' ? [j.name] : [j.name, ...j.aliases].filter((n) => n.length >= 2);
    for (const name of names) byName.set(mentionForm(name), j.key);
    // A one-character alias (穗 of 广州市, typed by whoever onboarded the city) is the abbreviation its document
    // numbers open with (穗府办〔2012〕12号); an abbreviation the registry states wins over it (next loop).
    for (const name of [...names, ...j.aliases.filter((a) => a.length === 1)]) byAbbreviation.set(name, j.key);
  }
  for (const j of registry.jurisdictions) if (j.abbreviation) byAbbreviation.set(j.abbreviation, j.key);
  for (const d of registry.departments.filter(
    (d) => d.jurisdictionKey === NATION && d.functionCode.startsWith('GOVERNMENT'),
  ))
    for (const name of [d.name, d.shortName, ...d.aliases]) byName.set(mentionForm(name), NATION);
  return {
    byAbbreviation,
    maxAbbreviation: maxKeyLength(byAbbreviation),
    byName,
    maxName: maxKeyLength(byName),
  };
}
