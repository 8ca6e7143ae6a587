// No unit a document names in an explicit list is lost: on every seed plan, every corpus document and the
// task-breakdown tables, each name a list gives is an assignment's mentionedAs on the measure holding the list,
// or a collective the draft warns about. The lists are read here independently of the importer, plainly:
// （牵头单位：…，配合单位：…）, （责任单位：…）, （…牵头，…配合）, （…负责）, and 牵头/配合/责任 table columns.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importDocument } from './import-document.js';
import { loadRegistryFiles } from './registry.js';
import type { DraftDocument, DraftMeasure } from './types.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const registry = loadRegistryFiles(join(root, 'seeds/registry'));
const inDir = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => join(dir, f));
const DOCUMENTS = [
  ...inDir('seeds/plans'),
  ...inDir('libs/importer/fixtures/corpus'),
  ...inDir('libs/importer/fixtures/breakdown'),
];

/** Comparable form: no spaces, one kind of parentheses. */
const key = (s: string) => s.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

interface Listed {
  line: number;
  /** The list as printed (a parenthetical's inside, or a table row's task cell). */
  where: string;
  names: string[];
}

/** Top-level parenthetical groups of a line, nested ones kept inside. */
function groups(line: string): string[] {
  const found: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '（') {
      if (depth++ === 0) start = i + 1;
    } else if (line[i] === '）' && depth > 0 && --depth === 0) found.push(line.slice(start, i));
  }
  return found;
}

/** 、，；-separated names outside parentheses; 等 ends a name (what follows it is a collective, said elsewhere). */
function names(segment: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  const take = (end: number) => {
    const name = segment.slice(from, end).trim().replace(/^由/, '').replace(/等.*$/, '');
    if (name) out.push(name);
  };
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === '（') depth++;
    else if (ch === '）') depth--;
    else if (depth === 0 && '、，；'.includes(ch)) {
      take(i);
      from = i + 1;
    }
  }
  take(segment.length);
  return out;
}

const LABEL = /(?:牵头|配合|责任|协办|参与)(?:单位|部门)：/g;
const VERB_CLAUSE = /^(.+?)(?:按职责分工|分别|共同)?(?:牵头负责|牵头|配合|负责|参与)$/;
// Prose inside a parenthesis is no list.
const PROSE = /要|的|将|以下|简称|包括|含|下同|为牵头/;

/** The names a parenthetical lists, or null when it is no list. */
function listedIn(content: string): string[] | null {
  const body = content.split('。')[0]!.replace(/[，；](?:排在|列)第一位.*$/, '');
  if (body.search(LABEL) === 0) {
    return body
      .split(LABEL)
      .slice(1)
      .flatMap((segment) => names(segment.replace(/[；，。\s]+$/, '')));
  }
  // （A、B，C按职责分工负责）: a clause with no verb shares the next one's.
  const listed: string[] = [];
  const pending: string[] = [];
  for (const clause of body.split(/[，；](?![^（]*）)/).filter(Boolean)) {
    const verb = VERB_CLAUSE.exec(clause.trim());
    const words = verb ? verb[1]! : clause;
    if (PROSE.test(words)) return null;
    pending.push(...names(words));
    if (verb) listed.push(...pending.splice(0));
  }
  return listed.length > 0 && pending.length === 0 ? listed : null;
}

function parenthesisLists(lines: string[]): Listed[] {
  return lines.flatMap((text, i) =>
    groups(key(text)).flatMap((content) => {
      const listed = listedIn(content);
      return listed ? [{ line: i + 1, where: content, names: listed }] : [];
    }),
  );
}

/** Rows of a table with a 牵头单位 / 配合单位 / 责任单位 column, cells split at | or tab. */
function tableLists(lines: string[]): Listed[] {
  const cells = (text: string) => text.split(/\s*[|\t]\s*/).map((c) => c.trim());
  const header = lines.findIndex((l) => /[|\t]/.test(l) && /牵头单位|责任单位/.test(l));
  if (header < 0) return [];
  const heads = cells(lines[header]!);
  const unitColumns = heads.flatMap((h, i) => (/(?:牵头|配合|责任)单位/.test(h) ? [i] : []));
  const task = heads.findIndex((h) => h.includes('任务'));
  return lines.slice(header + 1).flatMap((text, i) => {
    const row = cells(text);
    if (row.length !== heads.length) return [];
    return [{ line: header + i + 2, where: row[task]!, names: unitColumns.flatMap((c) => names(key(row[c] ?? ''))) }];
  });
}

/** The measure a list belongs to: the row's own, or the one whose text holds the parenthetical. */
function measureOf(draft: DraftDocument, listed: Listed): DraftMeasure | undefined {
  const measures = draft.plans.flatMap((p) => p.measures);
  return (
    measures.find((m) => m.line === listed.line && key(m.text).includes(key(listed.where))) ??
    measures.find((m) => key(m.text).includes(`（${listed.where}）`))
  );
}

/** Each listed name no explicit assignment of its measure mentions and no collective warning names. */
function lostUnits(draft: DraftDocument, lists: Listed[]): string[] {
  const lost: string[] = [];
  for (const listed of lists) {
    const measure = measureOf(draft, listed);
    const mentioned = new Set(measure?.assignments.filter((a) => a.explicit).map((a) => key(a.mentionedAs)));
    const warned = draft.warnings.filter((w) => w.line === listed.line && w.message.startsWith('集体称谓'));
    for (const name of listed.names) {
      const kept =
        mentioned.has(name) ||
        name.split(/[和及与]/).every((p) => mentioned.has(p)) ||
        warned.some((w) => w.message.includes(`「${name}」`));
      if (!kept) lost.push(`line ${listed.line}: ${name}${measure ? '' : ' (no measure holds the list)'}`);
    }
  }
  return lost;
}

function read(file: string): { text: string; lists: Listed[] } {
  const text = readFileSync(join(root, file), 'utf8');
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  return { text, lists: [...parenthesisLists(lines), ...tableLists(lines)] };
}

describe.each(DOCUMENTS)('%s', (file) => {
  it('loses no unit an explicit list names', () => {
    const { text, lists } = read(file);
    expect(lostUnits(importDocument(text, { registry }), lists)).toEqual([]);
  });
});

describe('the independent list reader', () => {
  it('finds the lists of every document that prints them', () => {
    const count = (name: string) => read(DOCUMENTS.find((f) => f.includes(name))!).lists.length;
    // 001 prints fifteen （…负责）/（…牵头，…配合） lists; each task-breakdown table twelve rows.
    expect([count('001_'), count('breakdown-pipe'), count('breakdown-tab')]).toEqual([15, 12, 12]);
    for (const name of ['jiuye', 'nongjihua', 'zongbaoqu']) expect([name, count(name) > 10]).toEqual([name, true]);
  });

  it('reads labelled, verb and shared-verb lists', () => {
    expect(listedIn('牵头单位：市发展改革委，配合单位：市委组织部、市人力资源和社会保障局，各区、县级市')).toEqual([
      '市发展改革委',
      '市委组织部',
      '市人力资源和社会保障局',
      '各区',
      '县级市',
    ]);
    expect(listedIn('人力资源社会保障部、财政部，各省级人民政府按职责分工负责')).toEqual([
      '人力资源社会保障部',
      '财政部',
      '各省级人民政府',
    ]);
    expect(listedIn('工业和信息化部、发展改革委等负责。列第一位者为牵头单位，下同')).toEqual([
      '工业和信息化部',
      '发展改革委',
    ]);
    expect(listedIn('以下简称市卫计局')).toBeNull();
  });

  it('reports a unit the draft lost', () => {
    const { text, lists } = read('seeds/plans/001_2d3bd1353c5f7903.txt');
    const draft = importDocument(text, { registry });
    const measure = draft.plans[0]!.measures.find((m) => m.assignments.some((a) => a.mentionedAs === '市残联'))!;
    measure.assignments = measure.assignments.filter((a) => a.mentionedAs !== '市残联');
    expect(lostUnits(draft, lists)).toEqual([expect.stringContaining('市残联')]);
  });
});
