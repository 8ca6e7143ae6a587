// A run of actors (行文中并列的责任主体) split into mentions one can resolve:
// 卫生计生、民政部门 → 卫生计生部门, 民政部门; 市、县级公安、残联等单位 → 市级公安单位, 县级公安单位, …;
// 市及各县（区） → 市, 各县（区）; 各县（市、区）疾病预防控制中心 stays whole.
import { FAN_SCOPE, LEVELS, ORGAN, SUFFIX, type ActorPatterns } from './actor-grammar.js';

const SEPARATORS = '、和及与';
const RUN_SUFFIX = new RegExp(`(?:等)?(${SUFFIX})$`);
// 等部门和单位: the departments among the units are what the run names.
const DEPARTMENTS_AND_UNITS = /部门[和及]单位$/;
// A part that names an organ already (老龄委, 卫计局, 工会) takes no suffix from the end of the run.
const NAMES_ORGAN = new RegExp(`${ORGAN}$`);
const FAN_SCOPE_AT = new RegExp(`^${FAN_SCOPE}`);
const LEVELS_AT = new RegExp(`^(${LEVELS})`);

/** Pieces of a run at its separators; a fan-out scope (各县（市、区）) and parentheses stay whole. */
function pieces(run: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = 0; i < run.length; i++) {
    const scope = current === '' ? FAN_SCOPE_AT.exec(run.slice(i)) : null;
    if (scope) {
      current = scope[0];
      i += scope[0].length - 1;
      continue;
    }
    const ch = run[i]!;
    if (ch === '（') depth++;
    else if (ch === '）' && depth > 0) depth--;
    if (depth === 0 && SEPARATORS.includes(ch)) {
      out.push(current, ch);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

/** 市、县级 → 市级, 县级; 市县两级 → 市级, 县级; 市、县 → 市, 县. */
function levelsOf(head: string): string[] {
  const tail = /级$/.test(head) ? '级' : '';
  return [...head.replace(/(?:两|三|四)?级$/, '').replace(/[、和及]/g, '')].map((level) => level + tail);
}

export class RunSplitter {
  constructor(private readonly patterns: ActorPatterns) {}

  /** The mentions of a run; levels named together (市、县级) go before each part, one level at a time. */
  split(run: string): string[] {
    const head = LEVELS_AT.exec(run)?.[1];
    const rest = head ? run.slice(head.length) : run;
    // 市区医院: 市区 is a place, not two levels, when no department follows.
    if (!head || (rest && !this.patterns.word.test(rest))) return this.parts(run);
    const parts = rest ? this.parts(rest) : [''];
    return levelsOf(head).flatMap((level) => parts.map((p) => level + p));
  }

  /** 卫生计生、民政部门 → 卫生计生部门, 民政部门; 工业和信息化部 stays whole. */
  private parts(run: string): string[] {
    const joined = this.joinNames(pieces(run.replace(DEPARTMENTS_AND_UNITS, '部门')));
    const plain = joined.map((p) => p.replace(/等(?=[^等]*$)/, ''));
    return plain.map((p, i) => {
      if (!this.patterns.bare.test(p) || NAMES_ORGAN.test(p)) return p;
      const suffix = joined.slice(i + 1).find((q) => RUN_SUFFIX.test(q));
      return suffix ? p + RUN_SUFFIX.exec(suffix)![1] : p;
    });
  }

  /** Rejoins pieces split at a 和 that belongs to a name (工业|和|信息化部). */
  private joinNames(pieces: string[]): string[] {
    const parts: string[] = [];
    let current = pieces[0] ?? '';
    for (let i = 1; i < pieces.length; i += 2) {
      const joined = current + pieces[i] + pieces[i + 1];
      if (pieces[i] !== '、' && this.patterns.whole.test(joined.replace(RUN_SUFFIX, '$1'))) current = joined;
      else {
        parts.push(current);
        current = pieces[i + 1] ?? '';
      }
    }
    parts.push(current);
    return parts.filter(Boolean);
  }
}
