// One mention of a department in a plan (市卫计局, 公安部门, 各区县政府, 民政部) → the department(s) it means.
import type { DepartmentTarget, Registry } from '../types.js';
import { functionOfWords } from './catalogue.js';
import { collectiveReason } from './collective.js';
import { fanOut, fanOutToLevel } from './fanout.js';
import { levelPrefix, splitJurisdictionName } from './jurisdiction-index.js';
import { functionsOfMergedName } from './merged-name.js';
import { indexOf, type RegistryIndex } from './registry-index.js';
import { levelScope, scopeOf } from './scope.js';
import { departmentOf, existing } from './targets.js';
import { mentionForm } from './text.js';
import type { MentionContext, MentionResolution } from './types.js';

const NATION = 'cn';
const SOME_OF_EACH = /^(?:其余|其他|其它)(?=各)/;
const NAMED_FIRST_OF_OTHERS = /(?<=.)等(?:其他|其它)?(?:有关|相关)?(?:部门|单位)(?:和单位)?$/;

// Documents repeat their mentions (市卫计局 fourteen times in one plan): answers are kept per registry.
const answers = new WeakMap<Registry, Map<string, MentionResolution>>();
const MAX_ANSWERS = 50_000;

export function resolveMention(ctx: MentionContext, mention: string): MentionResolution {
  let known = answers.get(ctx.registry);
  if (!known) answers.set(ctx.registry, (known = new Map()));
  const key = `${ctx.jurisdictionKey}\u0000${mention}`;
  let answer = known.get(key);
  if (!answer) {
    if (known.size >= MAX_ANSWERS) known.clear();
    // Frozen: every caller shares the answer.
    answer = deepFreeze(resolveAfresh(indexOf(ctx.registry), ctx.jurisdictionKey, mention));
    known.set(key, answer);
  }
  return answer;
}

function resolveAfresh(index: RegistryIndex, planKey: string, mention: string): MentionResolution {
  const text = mentionForm(mention)
    .replace(/^团([市县区])委/, '$1团委') // 团市委 → 市 + 团委
    .replace(NAMED_FIRST_OF_OTHERS, '') // 教育部等有关部门和单位: the named one leads
    .replace(SOME_OF_EACH, ''); // 其余各县: which of them the importer cannot tell, so each
  if (!text || !index.jurisdictions.byKey.has(planKey)) return { kind: 'unknown' };
  const reason = collectiveReason(text);
  if (reason) return { kind: 'collective', reason };
  if (text.startsWith('各') && !text.startsWith('各级')) return fanOut(index, planKey, text) ?? { kind: 'unknown' };
  const target = departmentNamed(index, planKey, text.replace(/^各级/, ''));
  if (target) return { kind: 'department', target };
  return fanOutToLevel(index, planKey, text) ?? mergedName(index, planKey, text) ?? { kind: 'unknown' };
}

/** 市科技和信息化局: the department of each function the name joins, in the jurisdiction it speaks of. */
function mergedName(index: RegistryIndex, planKey: string, text: string): MentionResolution | null {
  const scope = scopeOf(index.jurisdictions, planKey, text);
  const codes = functionsOfMergedName(index, scope.rest);
  return codes && { kind: 'merged', targets: codes.map((code) => departmentOf(index, scope.jurisdictionKey, code)) };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/**
 * In order: a department of the plan's jurisdiction by name; a jurisdiction named alone; a mention opening with a
 * jurisdiction (枣庄市卫生计生委) or a level word (市卫计局, 区卫健委); a bare function word of the plan's
 * jurisdiction (公安部门); a national body (民政部).
 */
function departmentNamed(index: RegistryIndex, planKey: string, text: string): DepartmentTarget | null {
  const own = index.departments.byName.get(planKey)?.get(text);
  if (own) return existing(own);
  const place = index.jurisdictions.byName.get(text); // 沭阳县, 南黎街道: a place named alone acts through its government
  if (place) return departmentOf(index, place, 'GOVERNMENT');
  const explicit = splitJurisdictionName(index.jurisdictions, text);
  const level = levelScope(index.jurisdictions, planKey, text);
  return (
    (explicit && inJurisdiction(index, explicit.jurisdiction.key, text, explicit.rest)) ||
    (level && inJurisdiction(index, level.jurisdictionKey, text, level.rest)) ||
    byFunction(index, planKey, text) ||
    national(index, text)
  );
}

/** A department of a known jurisdiction: by the whole mention, by its short form (市卫计局), or by its function. */
function inJurisdiction(index: RegistryIndex, key: string, text: string, rest: string): DepartmentTarget | null {
  const names = index.departments.byName.get(key);
  const jurisdiction = index.jurisdictions.byKey.get(key)!;
  const named = names?.get(text) ?? names?.get(levelPrefix(jurisdiction) + rest);
  return named ? existing(named) : byFunction(index, key, rest);
}

function byFunction(index: RegistryIndex, key: string, words: string): DepartmentTarget | null {
  const code = functionOfWords(index.catalogue, words);
  return code ? departmentOf(index, key, code) : null;
}

/** 民政部, 海关总署, 国务院: State Council bodies, whatever the plan's jurisdiction. */
function national(index: RegistryIndex, text: string): DepartmentTarget | null {
  const own = index.departments.byName.get(NATION)?.get(text);
  if (own) return existing(own);
  const code = index.catalogue.byNationalName.get(text);
  return code && index.jurisdictions.byKey.has(NATION) ? departmentOf(index, NATION, code) : null;
}
