// The function catalogue as lookup tables: which function a department word names (市公安局 → PUBLIC_SECURITY).
import type { FunctionEntry } from '../types.js';
import { maxKeyLength, mentionForm } from './text.js';

export interface Catalogue {
  byCode: Map<string, FunctionEntry>;
  /** Core words (卫生计生, 公安) → function code. */
  byPattern: Map<string, string>;
  maxPattern: number;
  /** State Council names (民政部, 国家卫生健康委) → function code. */
  byNationalName: Map<string, string>;
  /** Patterns and national names together: every word that reveals a function in prose. */
  byWord: Map<string, string>;
  maxWord: number;
}

// What may follow a function word in a department name or in prose: 卫生计生 + 委, 公安 + 机关, 民政 + 部门.
// 部, 署 and 总局 are absent on purpose: 民政部, 审计署, 税务总局 are national bodies, not local ones.
export const DEPARTMENT_TAIL =
  /^(?:行政|主管|管理|工作)?(?:委员会|办公室|办公厅|部门|机关|系统|组织|机构|单位|分局|中心|局|委|厅|办)*$/;

export function buildCatalogue(functions: FunctionEntry[]): Catalogue {
  const byPattern = new Map<string, string>();
  const byNationalName = new Map<string, string>();
  for (const f of functions) {
    for (const p of f.patterns) byPattern.set(mentionForm(p), f.code);
    for (const n of f.nationalNames) byNationalName.set(mentionForm(n), f.code);
  }
  const byWord = new Map([...byNationalName, ...byPattern]);
  return {
    byCode: new Map(functions.map((f) => [f.code, f])),
    byPattern,
    maxPattern: maxKeyLength(byPattern),
    byNationalName,
    byWord,
    maxWord: maxKeyLength(byWord),
  };
}

/** The function a text names when it is a function word and a department tail (卫生计生委, 公安部门, 民政). */
export function functionOfWords(catalogue: Catalogue, text: string): string | null {
  for (let length = Math.min(catalogue.maxPattern, text.length); length > 0; length--) {
    const code = catalogue.byPattern.get(text.slice(0, length));
    if (code && DEPARTMENT_TAIL.test(text.slice(length))) return code;
  }
  return null;
}
